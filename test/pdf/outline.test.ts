/**
 * Bookmarks whatever the page breaks: the sample publications' print documents are printed with
 * other font stacks and sizes (as on a machine whose fonts differ), which moves every page break,
 * and each heading must still give one bookmark with its own text, once. Chromium alone titles a
 * heading pushed to the next page with its text twice.
 */
import path from "node:path";
import { PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../src/browser.ts";
import { getSite, type Publication, type Site } from "../../src/model/index.ts";
import { finishPdf, outlineEntries } from "../../src/pdf/finish.ts";
import { printDocument } from "../../src/pdf/print.ts";
import { printRenderer } from "../../src/pdf/render.ts";
import { pdfFacts, printDocumentUrl } from "../../src/pdf/stage.ts";
import { serveFolder, type StaticServer } from "../../src/serve-static.ts";
import { ROOT, sampleSite, testCacheDir } from "../helpers.ts";

/**
 * Extra print CSS: another font first in every stack, other sizes, so lines and pages break elsewhere.
 * The first one puts "Emner og målgruppe" (redaktoerhaandbog) at the top of a page, where Chromium's
 * own bookmark reads "Emner og målgruppeEmner og målgruppe".
 */
const VARIANTS: Record<string, string> = {
  "DejaVu Sans first, 11 pt": `html, h1, h2, h3, h4, .chapter__number { font-family: "DejaVu Sans", "Atkinson Hyperlegible Next", sans-serif !important; } html { font-size: 11pt !important; }`,
  "DejaVu Serif first, 10 pt": `html, h1, h2, h3, h4, .chapter__number { font-family: "DejaVu Serif", "Atkinson Hyperlegible Next", serif !important; } html { font-size: 10pt !important; }`,
  "project fonts, 12 pt": `html { font-size: 12pt !important; line-height: 1.6 !important; }`,
};
const SLUGS = ["redaktoerhaandbog", "tilgaengelighed-i-praksis"];

let site: Site;
let browser: Browser;
let server: StaticServer;
const printed = new Map<string, { publication: Publication; titles: string[]; depths: number[]; headings: string[] }>();

beforeAll(async () => {
  site = await getSite({
    contentDir: path.join(ROOT, "content"),
    imageCacheDir: path.join(testCacheDir(), "images"),
  });
  const renderer = await printRenderer(ROOT, site, "/");
  const publications = SLUGS.map((slug) => site.publications.find((p) => p.slug === slug)!);
  const documents = new Map<string, string>();
  for (const [name, css] of Object.entries(VARIANTS)) {
    for (const p of publications) {
      documents.set(
        `${printDocumentUrl(p)}${encodeURIComponent(name)}/`,
        renderer.render(p).replace("</head>", `<style>${css}</style>\n</head>`),
      );
    }
  }
  // The sample site's assets (fonts, print.css) and images; the documents from memory.
  server = await serveFolder(sampleSite(), { documents });
  browser = await launchBrowser();
  for (const [name] of Object.entries(VARIANTS)) {
    for (const p of publications) {
      const url = new URL(`${printDocumentUrl(p)}${encodeURIComponent(name)}/`.slice(1), server.url).href;
      // DejaVu is not a project font: the stage would refuse these PDFs; here only the bookmarks count.
      const result = await printDocument(browser, url, { isAllowedFont: () => true });
      const finished = await finishPdf(result.pdf, pdfFacts(p, undefined, result));
      const doc = await PDFDocument.load(finished.bytes, { updateMetadata: false });
      const entries = outlineEntries(doc);
      const titles = entries.map(({ node }) => {
        const value = doc.context.lookup(node.get(PDFName.of("Title")));
        return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : "";
      });
      printed.set(`${name}: ${p.slug}`, {
        publication: p,
        titles,
        depths: entries.map((e) => e.depth),
        headings: result.headings,
      });
    }
  }
}, 10 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("PDF bookmarks with other fonts and page breaks", () => {
  it("give every heading of the print document one bookmark, with its text once", () => {
    expect(printed.size).toBe(Object.keys(VARIANTS).length * SLUGS.length);
    for (const [name, { titles, headings }] of printed) expect(titles, name).toEqual(headings);
  });

  it("have the cover, contents, foreword and chapters at the top and each chapter's sections below", () => {
    for (const [name, { publication: p, titles, depths }] of printed) {
      const top = titles.filter((_, i) => depths[i] === 0);
      const foreword = p.introHtml.trim() ? [p.lang === "da" ? "Forord" : "Foreword"] : [];
      expect(top, name).toEqual([
        p.title,
        p.lang === "da" ? "Indhold" : "Contents",
        ...foreword,
        ...p.chapters.map((c) => c.title),
      ]);
      const nested = titles.filter((_, i) => depths[i] === 1);
      for (const chapter of p.chapters) {
        for (const section of chapter.headings.filter((h) => h.level === 2))
          expect(nested, `${name}: ${section.text}`).toContain(section.text);
      }
    }
  });
});
