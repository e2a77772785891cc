/**
 * No editor text reaches a raw-text context of the print document: the running title and the
 * house's short name go into a stylesheet of their own, every character but letters and digits
 * CSS-escaped; the document has the site's Content-Security-Policy; the printer runs with
 * JavaScript disabled. A title or house name that tries to end the `<style>` and run a script
 * prints as itself, and the script never runs.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "parse5";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../src/browser.ts";
import { loadSite } from "../../src/model/index.ts";
import { cssString, printPageCss } from "../../src/pdf/document.ts";
import { printDocument } from "../../src/pdf/print.ts";
import { printPageCssUrl, printRenderer } from "../../src/pdf/render.ts";
import { cspMeta } from "../../src/security/csp.ts";
import { elementsOf } from "../../src/security/raw-html.ts";
import { serveFolder } from "../../src/serve-static.ts";
import { differences, snapshot, type FileState } from "../pipeline/tree.ts";
import { fixtureContent, ROOT, runBuild, type BuildRun } from "../helpers.ts";

// What the script would print if it ran; the titles themselves spell it in two halves.
const EFFECT = "INJICERET";
const SCRIPT = '<script>document.write("INJI"+"CERET")</script>';
const TITLES: Record<string, string> = {
  "luk-style": `</style>${SCRIPT}`,
  "store-bogstaver": `</STYLE >${SCRIPT}`,
  "css-udbrud": '"; } body { display: none } @page { @top-left { content: "INJI" "CERET" } } x { content: "',
  kommentar: `*/ } </style><!--${SCRIPT}-->`,
};
const HOUSE_SHORT_NAME = `TK</style>${SCRIPT}`;

function content(): string {
  const files: Record<string, string> = {};
  for (const [slug, title] of Object.entries(TITLES)) {
    files[`publikationer/${slug}/index.md`] =
      `---\ntitel: '${title.replace(/'/g, "''")}'\nresume: En publikation med en fjendtlig titel.\ndato: 2026-10-01\nhus: styrelsen\n---\n`;
    files[`publikationer/${slug}/01-kapitel.md`] = "# Kapitel\n\nAlmindelig tekst.\n";
  }
  files["publikationer/kontoret/index.md"] =
    "---\ntitel: Kontorets rapport\nresume: En publikation fra kontoret.\ndato: 2026-10-01\nhus: kontoret\n---\n";
  files["publikationer/kontoret/01-kapitel.md"] = "# Kapitel\n\nAlmindelig tekst.\n";
  const dir = fixtureContent(files);
  const siteFile = path.join(dir, "_data/site.json");
  const site = JSON.parse(readFileSync(siteFile, "utf8")) as { huse: { id: string; kort: string }[] };
  site.huse.find((h) => h.id === "kontoret")!.kort = HOUSE_SHORT_NAME;
  writeFileSync(siteFile, JSON.stringify(site, null, 2));
  return dir;
}

const pdfText = (file: string) => execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
const squeeze = (text: string) => text.replace(/\s+/g, "");

describe("the print document's @page rules", () => {
  it("escape every character of the editor's text but letters and digits", () => {
    for (const text of [...Object.values(TITLES), HOUSE_SHORT_NAME, "Linje 1\nLinje 2", "Æblegrød \\ \u0000"]) {
      expect(cssString(text)).toMatch(/^"(?:[A-Za-z0-9]|\\[0-9a-f]{1,6} )*"$/);
    }
    const css = printPageCss(TITLES["css-udbrud"], HOUSE_SHORT_NAME, "da");
    expect(css).not.toMatch(/[<>]/);
    expect(css.match(/[{}]/g)?.length).toBe(8); // only the rules' own braces
  });

  it("are a stylesheet of their own, and the document has the site's CSP and no <style>", async () => {
    const dir = content();
    const site = await loadSite({
      contentDir: dir,
      imageCacheDir: mkdtempSync(path.join(os.tmpdir(), "udgiv-img-")),
      checkOnly: true,
    });
    const renderer = await printRenderer(ROOT, site, "/");
    for (const publication of site.publications) {
      const document = parse(renderer.render(publication));
      const elements = [...elementsOf(document)];
      expect(
        elements.filter((e) => e.tagName === "style" || e.tagName === "script"),
        publication.slug,
      ).toEqual([]);
      const attr = (e: (typeof elements)[number], name: string) => e.attrs.find((a) => a.name === name)?.value;
      const csp = elements.find((e) => e.tagName === "meta" && attr(e, "http-equiv") === "Content-Security-Policy");
      expect(csp && attr(csp, "content")).toBe(cspMeta());
      expect(elements.some((e) => e.tagName === "link" && attr(e, "href") === printPageCssUrl(publication))).toBe(true);
      const title = elements.find((e) => e.tagName === "title")!;
      expect(title.childNodes.map((n) => ("value" in n ? n.value : "")).join("")).toBe(publication.title);
      expect(renderer.pageCss(publication)).toContain(cssString(publication.title));
    }
  });
});

describe("the printer", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("runs no script of the document it prints", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "udgiv-printjs-"));
    const html = `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>T</title></head><body><h1 id="a">Overskrift</h1><p>Tekst.</p><script>document.body.insertAdjacentText("beforeend", "INJI" + "CERET")</script></body></html>`;
    const server = await serveFolder(dir, { documents: new Map([["/print/", html]]) });
    try {
      // A bare document in the machine's fonts: only whether its script ran counts here, not the fonts.
      const printed = await printDocument(browser, new URL("print/", server.url).href, { isAllowedFont: () => true });
      const file = path.join(dir, "x.pdf");
      writeFileSync(file, printed.pdf);
      const text = pdfText(file);
      expect(text).toContain("Overskrift");
      expect(text).not.toContain(EFFECT);
    } finally {
      await server.close();
    }
  });
});

describe("a PDF build with hostile titles and house names", () => {
  let outDir: string;
  let contentDir: string;
  let contentBefore: Map<string, FileState>;
  let build: BuildRun;

  beforeAll(async () => {
    contentDir = content();
    contentBefore = snapshot(contentDir);
    build = await runBuild({ contentDir, skip: ["epub", "search", "links", "gate"] });
    outDir = build.outDir;
  });

  it("prints every title and the house's short name as text, and no script runs", () => {
    expect(build.code, build.stderr).toBe(0);
    for (const [slug, title] of Object.entries(TITLES)) {
      const text = pdfText(path.join(outDir, "publikationer", slug, `${slug}.pdf`));
      expect(text, slug).not.toContain(EFFECT);
      expect(squeeze(text), slug).toContain(squeeze(title));
    }
    const house = pdfText(path.join(outDir, "publikationer", "kontoret", "kontoret.pdf"));
    expect(house).not.toContain(EFFECT);
    expect(squeeze(house)).toContain(squeeze(HOUSE_SHORT_NAME));
  });

  it("leaves content/ untouched", () => {
    expect(differences(contentBefore, snapshot(contentDir))).toEqual([]);
  });
});
