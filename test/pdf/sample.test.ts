/**
 * The PDF of every sample publication, read with poppler (pdfinfo, pdftotext) and pdf-lib:
 * tagged and titled, language and XMP set, every Figure with /Alt, bookmarks for the chapters,
 * every chapter's text present, and TOC page numbers equal to the page where each chapter starts.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFString,
  type PDFObject,
} from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { getSite, type Publication, type Site } from "../../src/model/index.ts";
import { everythingMarked } from "../../src/pdf/artifacts.ts";
import { checkAccessibility } from "../../src/pdf/finish.ts";
import { readOutput, ROOT, sampleSite, testCacheDir } from "../helpers.ts";

let site: Site;
let outDir: string;
let publications: Publication[];
const docs = new Map<string, PDFDocument>();
const pdfFile = (p: Publication) => path.join(outDir, "publikationer", p.slug, `${p.slug}.pdf`);

const pdfinfo = (file: string): Record<string, string> =>
  Object.fromEntries(
    execFileSync("pdfinfo", [file], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1).trim()]),
  );

/** Text of one page (1-based) or, without a page, of the whole document. */
const pdftotext = (file: string, page?: number): string =>
  execFileSync(
    "pdftotext",
    ["-layout", "-enc", "UTF-8", ...(page ? ["-f", String(page), "-l", String(page)] : []), file, "-"],
    { encoding: "utf8" },
  );

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

const text = (doc: PDFDocument, obj: PDFObject | undefined): string | undefined => {
  const value = doc.context.lookup(obj);
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
};

/** Outline entries: [title, depth, page]. */
function outline(doc: PDFDocument): { title: string; depth: number; page: number }[] {
  const pages = doc.getPages().map((p) => p.ref.toString());
  const entries: { title: string; depth: number; page: number }[] = [];
  const walk = (ref: PDFObject | undefined, depth: number) => {
    let node = doc.context.lookup(ref);
    while (node instanceof PDFDict) {
      const dest = doc.context.lookup(node.get(PDFName.of("Dest")));
      const page = dest instanceof PDFArray ? pages.indexOf(dest.get(0).toString()) + 1 : 0;
      entries.push({ title: text(doc, node.get(PDFName.of("Title"))) ?? "", depth, page });
      walk(node.get(PDFName.of("First")), depth + 1);
      node = doc.context.lookup(node.get(PDFName.of("Next")));
    }
  };
  const root = doc.context.lookup(doc.catalog.get(PDFName.of("Outlines")));
  if (root instanceof PDFDict) walk(root.get(PDFName.of("First")), 0);
  return entries;
}

/** Every structure element: its type, parent type and attributes of interest. */
function structure(doc: PDFDocument): { type: string; parent: string; alt?: string; contents: number }[] {
  const found: { type: string; parent: string; alt?: string; contents: number }[] = [];
  const visit = (obj: PDFObject | undefined, parent: string) => {
    const node = doc.context.lookup(obj);
    if (node instanceof PDFArray) return node.asArray().forEach((k) => visit(k, parent));
    if (!(node instanceof PDFDict) || !node.has(PDFName.of("S"))) return;
    const type = node.get(PDFName.of("S"))!.toString().slice(1);
    found.push({
      type,
      parent,
      alt: text(doc, node.get(PDFName.of("Alt"))) ?? text(doc, node.get(PDFName.of("ActualText"))),
      contents: 0,
    });
    visit(node.get(PDFName.of("K")), type);
  };
  const root = doc.context.lookup(doc.catalog.get(PDFName.of("StructTreeRoot")));
  if (root instanceof PDFDict) visit(root.get(PDFName.of("K")), "StructTreeRoot");
  return found;
}

function xmp(doc: PDFDocument): string {
  const stream = doc.context.lookup(doc.catalog.get(PDFName.of("Metadata")));
  return stream instanceof PDFRawStream ? Buffer.from(stream.contents).toString("utf8") : "";
}

/** The first words of a chapter's first paragraph, as a reader would search for them. */
function openingWords(html: string, count = 8): string {
  const $ = cheerio.load(html);
  $(".visually-hidden, sup").remove();
  return squash($("p").first().text()).split(" ").slice(0, count).join(" ");
}

/** TOC lines ("1   Hovedtal   5") on the pages from the "Indhold" bookmark up to the next bookmark's page. */
function tocEntries(file: string, doc: PDFDocument, lang: string): Map<string, number> {
  const top = outline(doc).filter((e) => e.depth === 0);
  const at = top.findIndex((e) => e.title === (lang === "da" ? "Indhold" : "Contents"));
  const entries = new Map<string, number>();
  for (let page = top[at].page; page < top[at + 1].page; page++) {
    for (const line of pdftotext(file, page)
      .split("\n")
      .map((l) => l.trim())) {
      const match = /^(?:\d+\s+)?(.+?)\s+(\d+)$/.exec(line);
      if (match && !/^(Side|Page) \d+ (af|of) \d+$/.test(line)) entries.set(squash(match[1]), Number(match[2]));
    }
  }
  return entries;
}

beforeAll(async () => {
  outDir = sampleSite();
  site = await getSite({ contentDir: path.join(ROOT, "content"), imageCacheDir: path.join(testCacheDir(), "images") });
  publications = site.publications.filter((p) => p.exports.pdf);
  for (const p of publications)
    docs.set(p.slug, await PDFDocument.load(readFileSync(pdfFile(p)), { updateMetadata: false }));
});

const forEachPdf = (name: string, check: (p: Publication, doc: PDFDocument, file: string) => void) =>
  it(name, () => {
    expect(publications.length).toBeGreaterThan(0);
    for (const p of publications) check(p, docs.get(p.slug)!, pdfFile(p));
  });

describe("PDF export of the sample publications", () => {
  it("writes one PDF per publication that offers it, linked from its page with size and page count", () => {
    for (const p of site.publications) {
      expect(existsSync(pdfFile(p)), p.slug).toBe(p.exports.pdf);
      if (!p.exports.pdf) continue;
      const pages = docs.get(p.slug)!.getPageCount();
      const $ = cheerio.load(readOutput(outDir, p.url));
      const link = $(`a[href$="/publikationer/${p.slug}/${p.slug}.pdf"]`);
      expect(link.length, p.slug).toBe(1);
      expect(link.text()).toMatch(
        new RegExp(`^PDF, [\\d,.]+ (kB|MB), ${pages} ${p.lang === "da" ? "sider" : "pages"}$`),
      );
    }
  });

  it("leaves no print document in the output (it was only Chromium's input)", () => {
    for (const p of site.publications) expect(existsSync(path.join(outDir, p.url, "print")), p.slug).toBe(false);
  });

  forEachPdf("is tagged, titled and A4, with a page count pdfinfo agrees with", (p, doc, file) => {
    const info = pdfinfo(file);
    expect(info.Tagged, p.slug).toBe("yes");
    expect(info.Title).toBe(p.title);
    expect(info["Metadata Stream"]).toBe("yes");
    expect(info["Page size"]).toContain("(A4)");
    expect(Number(info.Pages)).toBe(doc.getPageCount());
    // cover, colophon, contents, (foreword), one page or more per chapter
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(3 + (p.introHtml.trim() ? 1 : 0) + p.chapters.length);
    expect(info.CreationDate).toContain(String(new Date(p.date).getUTCDate()));
  });

  forEachPdf(
    "has its language, DisplayDocTitle and XMP metadata with dc:title, the house as author, and no PDF/UA claim",
    (p, doc, file) => {
      expect(text(doc, doc.catalog.get(PDFName.of("Lang"))), p.slug).toBe(p.lang);
      const prefs = doc.context.lookup(doc.catalog.get(PDFName.of("ViewerPreferences"))) as PDFDict;
      expect(prefs.get(PDFName.of("DisplayDocTitle"))?.toString()).toBe("true");
      const metadata = xmp(doc);
      const escaped = p.title.replace(/&/g, "&amp;");
      expect(metadata).toContain(
        `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escaped}</rdf:li></rdf:Alt></dc:title>`,
      );
      expect(metadata).toContain(`<dc:language><rdf:Bag><rdf:li>${p.lang}</rdf:li></rdf:Bag></dc:language>`);
      expect(metadata).toContain("<xmp:CreatorTool>Udgiv</xmp:CreatorTool>");
      expect(metadata).toContain(`<xmp:ModifyDate>${p.updated ?? p.date}T00:00:00Z</xmp:ModifyDate>`);
      // The build verifies some of the Matterhorn Protocol's conditions, not all (README: "The PDF"): no conformance claim.
      expect(metadata).not.toContain("pdfuaid");
      const house = site.info.houses.find((h) => h.id === p.house)!;
      expect(pdfinfo(file).Author, p.slug).toBe(house.name);
      expect(metadata).toContain(
        `<dc:creator><rdf:Seq><rdf:li>${house.name.replace(/&/g, "&amp;")}</rdf:li></rdf:Seq></dc:creator>`,
      );
    },
  );

  forEachPdf("passes every check the build asserts on a tagged PDF", (p, doc) => {
    const checks = checkAccessibility(doc);
    expect(
      Object.entries(checks)
        .filter(([, ok]) => !ok)
        .map(([name]) => name),
      p.slug,
    ).toEqual([]);
  });

  forEachPdf("has a structure tree with headings, tables with header cells, and every Figure with /Alt", (p, doc) => {
    const elements = structure(doc);
    const types = new Set(elements.map((e) => e.type));
    for (const type of ["Document", "H1", "H2", "P", "L", "LI", "Link"])
      expect(types, `${p.slug}: ${type}`).toContain(type);
    const figures = elements.filter((e) => e.type === "Figure");
    expect(
      figures.every((f) => f.alt),
      `${p.slug}: a /Figure without /Alt`,
    ).toBe(true);
    expect(
      figures.filter((f) => f.parent === "Figure"),
      `${p.slug}: nested figures`,
    ).toEqual([]);
    const images = p.chapters.flatMap((c) => c.images).filter((i) => i.alt).length + (p.cover ? 1 : 0);
    expect(figures.length, p.slug).toBe(images);
    if (p.chapters.some((c) => c.html.includes("<table"))) {
      expect(types).toContain("Table");
      expect(types).toContain("TH");
    }
  });

  forEachPdf("paints nothing outside tagged content or artifacts (running header, page numbers)", (p, doc) => {
    expect(everythingMarked(doc), p.slug).toBe(true);
  });

  forEachPdf("describes every link annotation (/Contents) and sets structure tab order", (p, doc) => {
    for (const page of doc.getPages()) {
      const annots = page.node.Annots()?.asArray() ?? [];
      if (annots.length) expect(page.node.get(PDFName.of("Tabs"))?.toString()).toBe("/S");
      for (const ref of annots) {
        const annot = doc.context.lookup(ref) as PDFDict;
        expect(text(doc, annot.get(PDFName.of("Contents"))), p.slug).toBeTruthy();
      }
    }
  });

  forEachPdf("has bookmarks for the cover, contents, foreword and every chapter, each on its page", (p, doc) => {
    const entries = outline(doc);
    const top = entries.filter((e) => e.depth === 0).map((e) => e.title);
    const foreword = p.introHtml.trim() ? [p.lang === "da" ? "Forord" : "Foreword"] : [];
    expect(top, p.slug).toEqual([
      p.title,
      p.lang === "da" ? "Indhold" : "Contents",
      ...foreword,
      ...p.chapters.map((c) => c.title),
    ]);
    for (const chapter of p.chapters) {
      const sections = chapter.headings.filter((h) => h.level === 2).map((h) => h.text);
      const nested = entries.filter((e) => e.depth === 1).map((e) => e.title);
      for (const section of sections) expect(nested, `${p.slug}: ${section}`).toContain(section);
    }
  });

  forEachPdf("embeds every font, with Unicode mappings (text can be copied and searched)", (p, _doc, file) => {
    const rows = execFileSync("pdffonts", [file], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
    expect(rows.length, p.slug).toBeGreaterThan(0);
    for (const row of rows) {
      const [emb, , uni] = row.trim().split(/\s+/).slice(-5, -2);
      expect([emb, uni], `${p.slug}: ${row}`).toEqual(["yes", "yes"]);
    }
  });

  forEachPdf("holds the text of every chapter, selectable and searchable", (p, _doc, file) => {
    const all = squash(pdftotext(file));
    for (const chapter of p.chapters) {
      expect(all, `${p.slug}: ${chapter.title}`).toContain(squash(chapter.title));
      expect(all, `${p.slug}: ${chapter.slug}`).toContain(openingWords(chapter.html));
    }
  });

  forEachPdf("starts every chapter on a new page, numbered in the TOC and the footer", (p, doc, file) => {
    const pageCount = doc.getPageCount();
    const toc = tocEntries(file, doc, p.lang);
    const chapterWord = p.lang === "da" ? "Kapitel" : "Chapter";
    const footer = p.lang === "da" ? "Side" : "Page";
    const of = p.lang === "da" ? "af" : "of";
    const pageLines = Array.from({ length: pageCount }, (_, i) =>
      pdftotext(file, i + 1)
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean),
    );
    for (const [i, chapter] of p.chapters.entries()) {
      const starts = [];
      for (let page = 1; page <= pageCount; page++) {
        const lines = pageLines[page - 1];
        // a chapter's first page: running header, then "Kapitel N", then its title
        if (lines[1]?.toUpperCase() === `${chapterWord} ${i + 1}`.toUpperCase() && lines[2] === chapter.title)
          starts.push(page);
      }
      expect(starts, `${p.slug}: ${chapter.title}`).toHaveLength(1);
      expect(toc.get(squash(chapter.title)), `${p.slug}: TOC page of ${chapter.title}`).toBe(starts[0]);
      expect(pageLines[starts[0] - 1].join("\n")).toContain(`${footer} ${starts[0]} ${of} ${pageCount}`);
    }
    // Section entries too: each TOC number is the page its bookmark (the heading itself) points to.
    const bookmarks = new Map(outline(doc).map((e) => [squash(e.title), e.page]));
    for (const [title, page] of toc)
      if (bookmarks.has(title)) expect(page, `${p.slug}: ${title}`).toBe(bookmarks.get(title));
  });
});
