/**
 * Prints a loaded print document with Chromium, twice or more: Chromium cannot tell a page where a
 * heading will land (no CSS target-counter), but its PDF records a named destination for every
 * in-document link target. So: print, read the page of each destination, write those numbers into
 * the table of contents and page references, print again, and stop when the numbers hold.
 * Page numbers sit in fixed-width boxes, so filling them in rarely moves anything.
 * A PDF with a font that is not the project's is refused (./fonts.ts).
 */
import type { Browser, PDFOptions } from "puppeteer-core";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, type PDFObject } from "pdf-lib";
import { isProjectFont } from "../fonts/index.ts";
import { embeddedFonts, FallbackFontError, findFallbackText } from "./fonts.ts";

export const PDF_OPTIONS: PDFOptions = {
  tagged: true,
  outline: true,
  printBackground: true,
  preferCSSPageSize: true,
  displayHeaderFooter: false,
  timeout: 10 * 60_000, // a long publication on a busy machine may take minutes, not puppeteer's default 30 s
};

const MAX_PASSES = 4;

export interface PrintedDocument {
  pdf: Uint8Array;
  /** Page (1-based) of every in-document target the print document asks about (TOC entries, page references). */
  anchorPages: Map<string, number>;
  /** What each in-document link leads to (the target heading's text, or the link's own name): for /Contents. */
  linkTargets: Map<string, string>;
  /** Text of every heading Chromium tags, in document order: the outline's titles (./finish.ts). */
  headings: string[];
  passes: number;
}

export class PrintError extends Error {}

export interface PrintOptions {
  /** Which embedded fonts (/BaseFont) are fine: the project's. */
  isAllowedFont?: (baseFont: string) => boolean;
}

export async function printDocument(
  browser: Browser,
  url: string,
  { isAllowedFont = isProjectFont }: PrintOptions = {},
): Promise<PrintedDocument> {
  const page = await browser.newPage();
  try {
    // The document brings no script of its own; everything here runs through page.evaluate, which
    // still works. So nothing in a publication can run in the build's Chromium (its CSP says so too).
    await page.setJavaScriptEnabled(false);
    const response = await page.goto(url, { waitUntil: "load", timeout: 5 * 60_000 });
    if (!response?.ok())
      throw new PrintError(`the print document answered ${response?.status() ?? "nothing"} (${url})`);
    const broken = await page.evaluate(whenReady);
    if (broken.length) throw new PrintError(`these images could not be loaded: ${broken.join(", ")}`);
    // A cross-reference to a heading that does not exist is the links stage's to report (with file and
    // line); here it just gets no page number.
    const wanted: string[] = await page.evaluate(() => {
      for (const el of document.querySelectorAll<HTMLElement>("[data-page-of]")) {
        if (!document.getElementById(el.dataset.pageOf ?? "")) (el.closest(".page-ref") ?? el).remove();
      }
      return [
        ...new Set([...document.querySelectorAll<HTMLElement>("[data-page-of]")].map((e) => e.dataset.pageOf ?? "")),
      ];
    });

    let filled = new Map<string, number>();
    for (let pass = 1; pass <= MAX_PASSES; pass++) {
      const pdf = await page.pdf(PDF_OPTIONS);
      const doc = await PDFDocument.load(pdf, { updateMetadata: false });
      const found = destinationPages(doc);
      const missing = wanted.filter((id) => !found.has(id));
      if (missing.length) throw new PrintError(`no page found for ${missing.map((id) => `#${id}`).join(", ")}`);
      const anchorPages = new Map(wanted.map((id) => [id, found.get(id)!]));
      if (pass > 1 && sameNumbers(filled, anchorPages)) {
        const foreign = embeddedFonts(doc).filter((name) => !isAllowedFont(name));
        if (foreign.length) throw new FallbackFontError(foreign, await findFallbackText(page));
        const linkTargets = new Map(Object.entries(await page.evaluate(describeLinkTargets)));
        // The headings Chromium tags: those it draws (laid out, visible, with text), in document order.
        const headings = await page.evaluate(() =>
          [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
            .filter((h) => h.getClientRects().length > 0 && getComputedStyle(h).visibility !== "hidden")
            .map((h) => (h.textContent ?? "").replace(/\s+/g, " ").trim())
            .filter(Boolean),
        );
        return { pdf, anchorPages, linkTargets, headings, passes: pass };
      }
      await page.evaluate(fillPageNumbers, Object.fromEntries(anchorPages));
      filled = anchorPages;
    }
    throw new PrintError(`the page numbers did not settle after ${MAX_PASSES} prints`);
  } finally {
    await page.close();
  }
}

/** Runs in the page: waits for fonts and images; returns the images that failed. */
async function whenReady(): Promise<string[]> {
  await document.fonts.ready;
  const images = [...document.images];
  await Promise.all(images.map((img) => (img.complete ? Promise.resolve() : img.decode().catch(() => undefined))));
  return images.filter((img) => !img.naturalWidth).map((img) => img.getAttribute("src") ?? "");
}

/** Runs in the page: writes each target's page number into every element that asks for it. */
function fillPageNumbers(pages: Record<string, number>): void {
  for (const el of document.querySelectorAll<HTMLElement>("[data-page-of]")) {
    el.textContent = String(pages[el.dataset.pageOf ?? ""] ?? "");
  }
}

/** Runs in the page: for every in-document link target, a short description of where the link goes. */
function describeLinkTargets(): Record<string, string> {
  // No named helper functions in here: tsx would wrap them in a __name() the page does not know.
  const result: Record<string, string> = {};
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')) {
    const id = decodeURIComponent(link.getAttribute("href")!.slice(1));
    if (!id || result[id]) continue;
    const target = document.getElementById(id);
    const copy = link.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".toc__page, .visually-hidden").forEach((n) => n.remove());
    const texts = [
      target && /^H[1-6]$/.test(target.tagName) ? target.textContent : "",
      link.getAttribute("aria-label"),
      copy.textContent,
    ].map((text) => (text ?? "").replace(/\s+/g, " ").trim());
    result[id] = texts.find(Boolean) ?? id;
  }
  return result;
}

function sameNumbers(a: Map<string, number>, b: Map<string, number>): boolean {
  return a.size === b.size && [...a].every(([id, n]) => b.get(id) === n);
}

/** Named destinations of a PDF (catalog /Dests, or the /Names /Dests tree) → 1-based page numbers. */
export function destinationPages(doc: PDFDocument): Map<string, number> {
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const result = new Map<string, number>();
  const add = (name: string, dest: PDFObject | undefined) => {
    let target = doc.context.lookup(dest);
    if (target instanceof PDFDict) target = doc.context.lookup(target.get(PDFName.of("D")));
    if (target instanceof PDFArray && target.get(0) instanceof PDFRef) {
      const n = pageIndex.get(target.get(0).toString());
      if (n) result.set(name, n);
    }
  };
  const dests = doc.context.lookup(doc.catalog.get(PDFName.of("Dests")));
  if (dests instanceof PDFDict) {
    for (const [key, value] of dests.entries()) add(decodeName(key), value);
  }
  const names = doc.context.lookup(doc.catalog.get(PDFName.of("Names")));
  if (names instanceof PDFDict) walkNameTree(doc, names.get(PDFName.of("Dests")), add);
  return result;
}

function walkNameTree(
  doc: PDFDocument,
  ref: PDFObject | undefined,
  add: (name: string, dest: PDFObject | undefined) => void,
): void {
  const node = doc.context.lookup(ref);
  if (!(node instanceof PDFDict)) return;
  const names = doc.context.lookup(node.get(PDFName.of("Names")));
  if (names instanceof PDFArray) {
    for (let i = 0; i + 1 < names.size(); i += 2) {
      const key = doc.context.lookup(names.get(i)) as { decodeText?: () => string } | undefined;
      if (key?.decodeText) add(key.decodeText(), names.get(i + 1));
    }
  }
  const kids = doc.context.lookup(node.get(PDFName.of("Kids")));
  if (kids instanceof PDFArray) for (const kid of kids.asArray()) walkNameTree(doc, kid, add);
}

/** A PDF name as text: "/kapitel-a#2Db" → "kapitel-a-b" (#xx escapes, UTF-8). */
function decodeName(name: PDFName): string {
  const raw = name.asString().slice(1);
  const bytes = raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}
