/**
 * The EPUB of every sample publication: valid (EPUBCheck, zero errors and warnings), accessible
 * (DAISY Ace, no violations) and true to the content model (metadata, navigation, images, notes, links).
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { zipSync, type Zippable } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { getSite, type Publication, type Site } from "../../src/model/index.ts";
import { readOutput, ROOT, sampleSite, testCacheDir } from "../helpers.ts";
import { ace, epubcheck, firstZipEntry, openBook, type Book } from "./tools.ts";

let site: Site;
let outDir: string;
const books = new Map<string, Book>();
const epubFile = (p: Publication) => path.join(outDir, "publikationer", p.slug, `${p.slug}.epub`);

beforeAll(async () => {
  outDir = sampleSite();
  site = await getSite({ contentDir: path.join(ROOT, "content"), imageCacheDir: path.join(testCacheDir(), "images") });
  for (const p of site.publications.filter((p) => p.exports.epub)) books.set(p.slug, openBook(epubFile(p)));
});

const forEachBook = (name: string, check: (book: Book, p: Publication) => void) =>
  it(name, () => {
    expect(books.size).toBeGreaterThan(0);
    for (const p of site.publications.filter((p) => p.exports.epub)) check(books.get(p.slug)!, p);
  });

const spineDocs = (book: Book) =>
  book
    .opf("spine itemref")
    .toArray()
    .map((ref) => {
      const href = book.opf(`manifest item[id="${ref.attribs.idref}"]`).attr("href")!;
      return book.resolve(book.opfPath, href);
    });

describe("EPUB export of the sample publications", () => {
  it("writes one EPUB per publication that offers it, linked from its page with the size", () => {
    for (const p of site.publications) {
      const page = readOutput(outDir, p.url);
      expect(existsSync(epubFile(p)), p.slug).toBe(p.exports.epub);
      if (p.exports.epub) {
        expect(page).toContain(`href="/publikationer/${p.slug}/${p.slug}.epub"`);
        expect(page).toMatch(/EPUB, \d[\d.,]* (kB|MB)/);
      }
    }
  });

  it("passes EPUBCheck with zero errors and zero warnings (which catches a broken copy)", async () => {
    const results = await epubcheck([...[...books.values()].map((b) => b.file), brokenCopy([...books.values()][0])]);
    const broken = results.pop()!;
    expect(broken.messages.some((m) => m.startsWith("ERROR") || m.startsWith("FATAL"))).toBe(true);
    for (const r of results) {
      expect({ file: path.basename(r.file), messages: r.messages }).toEqual({
        file: path.basename(r.file),
        messages: [],
      });
    }
  }, 300_000);

  it("has no DAISY Ace violations", async () => {
    for (const book of books.values()) {
      const result = await ace(book.file);
      expect({ file: path.basename(book.file), violations: result.violations }).toEqual({
        file: path.basename(book.file),
        violations: [],
      });
      expect(result.code).toBe(0);
    }
  }, 300_000);

  forEachBook("starts with mimetype, stored uncompressed and without extra field", (book) => {
    expect(firstZipEntry(book.bytes)).toEqual({
      name: "mimetype",
      method: 0,
      extraLength: 0,
      data: "application/epub+zip",
    });
  });

  forEachBook("carries the publication's metadata", (book, p) => {
    const house = site.info.houses.find((h) => h.id === p.house)!;
    const $ = book.opf;
    const texts = (selector: string) =>
      $(selector)
        .toArray()
        .map((e) => $(e).text());
    const meta = (property: string) => texts(`meta[property="${property}"]`);
    const idRef = $("package").attr("unique-identifier");
    const identifier = $(`[id="${idRef}"]`).text();
    if (p.isbn) expect(identifier).toBe(`urn:isbn:${p.isbn}`);
    else expect(identifier).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(texts("dc\\:title")).toEqual([p.title, ...(p.subtitle ? [p.subtitle] : [])]);
    const authors = p.contributors.filter((c) => c.role === "forfatter").map((c) => c.name);
    expect(texts("dc\\:creator")).toEqual(authors.length ? authors : [house.name]);
    expect(texts("dc\\:contributor")).toEqual(p.contributors.filter((c) => c.role !== "forfatter").map((c) => c.name));
    for (const id of $("dc\\:creator, dc\\:contributor")
      .toArray()
      .map((e) => e.attribs.id)) {
      if (id !== "creator-house")
        expect($(`meta[refines="#${id}"][property="role"]`).attr("scheme")).toBe("marc:relators");
    }
    expect(texts("dc\\:publisher")).toEqual([house.name]);
    expect(texts("dc\\:language")).toEqual([p.lang]);
    expect(texts("dc\\:date")).toEqual([p.date]);
    expect(meta("dcterms:modified")).toEqual([`${p.updated ?? p.date}T00:00:00Z`]);
    expect(texts("dc\\:subject")).toEqual(p.topics);
    expect(texts("dc\\:description")).toEqual([p.summary]);
    const cover = $(`manifest item[properties~="cover-image"]`);
    expect(cover.length).toBe(p.cover ? 1 : 0);

    // EPUB Accessibility 1.1
    const hasImages = $(`manifest item[media-type^="image/"]`).length > 0;
    expect(meta("schema:accessMode")).toEqual(hasImages ? ["textual", "visual"] : ["textual"]);
    expect(meta("schema:accessModeSufficient")).toContain("textual");
    expect(meta("schema:accessibilityFeature")).toEqual(
      expect.arrayContaining([
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "displayTransformability",
        ...(hasImages ? ["alternativeText"] : []),
      ]),
    );
    expect(meta("schema:accessibilityHazard")).toEqual(["none"]);
    const [summary] = meta("schema:accessibilitySummary");
    expect(summary).toContain(p.lang === "da" ? "Denne EPUB opfylder" : "This EPUB meets");
    expect(summary).toContain(`LIX ${Math.round(p.readability.lix)}`);
    expect(meta("dcterms:conformsTo")).toEqual(["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]);
    const conformsId = $(`meta[property="dcterms:conformsTo"]`).attr("id");
    expect($(`meta[property="a11y:certifiedBy"][refines="#${conformsId}"]`).text()).toBe(house.name);
  });

  forEachBook("lists every chapter and its level-2 headings in the navigation, with landmarks", (book, p) => {
    const navHref = book.opf(`manifest item[properties~="nav"]`).attr("href")!;
    const navPath = book.resolve(book.opfPath, navHref);
    const $ = book.xml(navPath);
    const toc = $(`nav[epub\\:type="toc"]`);
    const chapters = toc.find("> ol > li.kapitel");
    expect(chapters.toArray().map((li) => $(li).children("a").text())).toEqual(p.chapters.map((c) => c.title));
    chapters.each((i, li) => {
      const level2 = p.chapters[i].headings.filter((h) => h.level === 2);
      expect(
        $(li)
          .find("> ol > li > a")
          .toArray()
          .map((a) => $(a).text()),
      ).toEqual(level2.map((h) => h.text));
    });
    const landmarks = $(`nav[epub\\:type="landmarks"] a`)
      .toArray()
      .map((a) => a.attribs["epub:type"]);
    expect(landmarks).toEqual(expect.arrayContaining(["cover", "toc", "bodymatter"]));
    // Every navigation target exists, down to the heading id.
    for (const a of $("nav a").toArray()) expectTarget(book, navPath, a.attribs.href);
  });

  forEachBook("has lang on every document, embedded images with alt text, and working links", (book, p) => {
    const docs = spineDocs(book);
    expect(docs.length).toBe(p.chapters.length + 3 + (p.cover ? 1 : 0) + (p.introHtml.trim() ? 1 : 0));
    const manifestImages = book
      .opf(`manifest item[media-type^="image/"]`)
      .toArray()
      .map((i) => book.resolve(book.opfPath, i.attribs.href));
    const shown = new Set<string>();
    for (const doc of docs) {
      const $ = book.xml(doc);
      expect($("html").attr("lang"), doc).toBe(p.lang);
      expect($("html").attr("xml:lang"), doc).toBe(p.lang);
      expect($("picture, source, [srcset]").length, doc).toBe(0);
      for (const img of $("img").toArray()) {
        const decorative = img.attribs.role === "presentation";
        expect(decorative ? img.attribs.alt : img.attribs.alt?.trim(), `${doc}: ${img.attribs.src}`).toEqual(
          decorative ? "" : expect.stringMatching(/\S/),
        );
        const target = book.resolve(doc, img.attribs.src);
        expect(manifestImages).toContain(target);
        shown.add(target);
      }
      for (const a of $("a[href]").toArray()) {
        const href = a.attribs.href;
        expect(href.startsWith("/"), `${doc}: ${href} is a site-relative link`).toBe(false);
        if (!/^[a-z]+:/.test(href)) expectTarget(book, doc, href);
      }
    }
    // One modest variant per image, and only images the book shows.
    expect([...shown].sort()).toEqual([...manifestImages].sort());
  });

  forEachBook("turns notes into footnote asides with back links, and keeps captions and header cells", (book, p) => {
    for (const chapter of p.chapters) {
      const doc = `${path.posix.dirname(book.opfPath)}/chapters/${chapter.slug}.xhtml`;
      const $ = book.xml(doc);
      const refs = $(`a[epub\\:type="noteref"]`).toArray();
      expect(refs.length).toBe((chapter.html.match(/class="fodnote-ref"/g) ?? []).length);
      for (const ref of refs) {
        const note = $(`[id="${ref.attribs.href.slice(1)}"]`);
        expect(note.is(`aside[epub\\:type="footnote"]`)).toBe(true);
        expect(note.attr("role")).toBe("doc-footnote");
        expect(
          note
            .find(`a[role="doc-backlink"]`)
            .toArray()
            .map((a) => a.attribs.href),
        ).toContain(`#${ref.attribs.id}`);
      }
      expect($(".tabel, [tabindex]").length).toBe(0);
      for (const table of $("table").toArray()) {
        expect($(table).children("caption").text().trim()).not.toBe("");
        expect(
          $(table)
            .find("th")
            .toArray()
            .every((th) => th.attribs.scope === "col"),
        ).toBe(true);
      }
      for (const figure of $("figure").toArray()) expect($(figure).find("img").length).toBe(1);
      expect($("figcaption").length).toBe((chapter.html.match(/<figcaption>/g) ?? []).length);
    }
  });

  forEachBook(
    "uses a stylesheet that leaves sizes and colours to the reader, and sets only the embedded fonts",
    (book) => {
      const cssFiles = Object.keys(book.files).filter((name) => name.endsWith(".css"));
      expect(cssFiles.length).toBe(1);
      const css = book.text(cssFiles[0]);
      expect(css).not.toMatch(/font-size\s*:\s*[\d.]+(px|pt)/);
      expect(css).not.toMatch(/(^|[\s;{])(color|background(-color)?)\s*:/m);
      // The project's typeface, embedded in the book (the reader's own choice in the reading system still wins).
      const stacks = [...css.matchAll(/font-family\s*:\s*([^;}]+)/g)].map((m) => m[1].trim());
      expect(stacks.length).toBeGreaterThan(0);
      for (const stack of stacks)
        expect(stack).toMatch(/^"Atkinson Hyperlegible (Next|Mono)"(, (sans-serif|monospace))?$/);
    },
  );
});

/** A copy whose first chapter is not well-formed XML and whose nav lost its table of contents. */
function brokenCopy(book: Book): string {
  const files: Zippable = {};
  for (const [name, data] of Object.entries(book.files)) {
    let edited = data;
    if (name.includes("/chapters/") && !Object.keys(files).some((n) => n.includes("/chapters/")))
      edited = new TextEncoder().encode(book.text(name).replace("</p>", ""));
    if (name.endsWith("/nav.xhtml")) edited = new TextEncoder().encode(book.text(name).replace('epub:type="toc"', ""));
    files[name] = [edited, { level: name === "mimetype" ? 0 : 6 }];
  }
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "udgiv-broken-")), "broken.epub");
  writeFileSync(file, zipSync(files));
  return file;
}

function expectTarget(book: Book, fromDoc: string, href: string): void {
  const [file, id] = href.split("#");
  const target = file ? book.resolve(fromDoc, file) : fromDoc;
  expect(book.files[target], `${fromDoc} → ${href}`).toBeDefined();
  if (id) expect(book.xml(target)(`[id="${id}"]`).length, `${fromDoc} → ${href}`).toBe(1);
}
