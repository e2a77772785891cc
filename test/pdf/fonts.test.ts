/**
 * The project's fonts everywhere: every sample PDF embeds only them (pdffonts), the site serves
 * them itself and its pages load fonts from nowhere else, every EPUB carries them with their
 * licence, and a PDF that would need another font is refused with the file, line and character.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { beforeAll, describe, expect, it } from "vitest";
import { FONT_FAMILIES, fontFaces, fontLicences, isProjectFont } from "../../src/fonts/index.ts";
import { getSite, type Site } from "../../src/model/index.ts";
import { openBook } from "../epub/tools.ts";
import { fixtureContent, ROOT, runBuild, sampleSite, testCacheDir, type BuildRun } from "../helpers.ts";

let site: Site;
let outDir: string;

/** Every file below a folder, relative to it, with "/" separators. */
const filesBelow = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"));

/** The url() of every @font-face src in a stylesheet. */
const fontFaceUrls = (css: string): string[] =>
  [...css.matchAll(/@font-face\s*\{[^}]*\}/g)].flatMap(([rule]) =>
    [...rule.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((m) => m[1]),
  );

beforeAll(async () => {
  outDir = sampleSite();
  site = await getSite({
    contentDir: path.join(ROOT, "content"),
    imageCacheDir: path.join(testCacheDir(), "images"),
  });
});

describe("the project's fonts", () => {
  it("are the only fonts in every sample PDF, embedded with Unicode mappings (pdffonts)", () => {
    const pdfs = site.publications
      .filter((p) => p.exports.pdf)
      .map((p) => path.join(outDir, "publikationer", p.slug, `${p.slug}.pdf`));
    expect(pdfs.length).toBeGreaterThan(0);
    for (const file of pdfs) {
      const rows = execFileSync("pdffonts", [file], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
      expect(rows.length, file).toBeGreaterThan(0);
      for (const row of rows) {
        const name = row.trim().split(/\s+/)[0];
        expect(isProjectFont(name), `${path.basename(file)}: ${row}`).toBe(true);
        expect(name, row).toMatch(/^[A-Z]{6}\+AtkinsonHyperlegible(Next|Mono)/);
        expect(
          row
            .trim()
            .split(/\s+/)
            .slice(-5, -2)
            .filter((_, i) => i !== 1),
          row,
        ).toEqual(["yes", "yes"]); // emb, uni
      }
    }
  });

  it("are served by the site itself, with their licences, and declared once each in fonts.css with swap", () => {
    const css = readFileSync(path.join(outDir, "assets/fonts.css"), "utf8");
    const declared = fontFaceUrls(css);
    expect(declared.sort()).toEqual(
      fontFaces()
        .map((f) => `fonts/${f.file}`)
        .sort(),
    );
    for (const face of fontFaces()) {
      const bytes = readFileSync(path.join(outDir, "assets/fonts", face.file));
      expect(bytes.subarray(0, 4).toString("latin1"), face.file).toBe("wOF2");
    }
    for (const licence of fontLicences()) {
      expect(readFileSync(path.join(outDir, "assets/fonts", licence.file), "utf8")).toContain(
        "SIL OPEN FONT LICENSE Version 1.1",
      );
    }
    const rules = [...css.matchAll(/@font-face\s*\{[^}]*\}/g)].map(([rule]) => rule);
    for (const rule of rules) {
      expect(rule).toContain("font-display: swap");
      expect(rule).toMatch(/unicode-range: U\+/);
    }
  });

  it("are the only fonts the site's pages can load: every stylesheet is the site's, and names no font elsewhere", () => {
    const files = filesBelow(outDir);
    const pages = files.filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(20);
    const stylesheets = new Set<string>();
    for (const page of pages) {
      const $ = cheerio.load(readFileSync(path.join(outDir, page), "utf8"));
      expect($("style").text(), page).not.toMatch(/@font-face|@import/);
      for (const link of $('link[rel="stylesheet"], link[rel="preload"]').toArray()) {
        const href = $(link).attr("href") ?? "";
        expect(href, `${page}: ${href}`).toMatch(/^\/(?!\/)/); // the site's own, never another host
        if (link.attribs.rel === "stylesheet") stylesheets.add(href.slice(1));
        else expect(files, `${page}: ${href}`).toContain(href.slice(1));
      }
    }
    expect([...stylesheets]).toEqual(expect.arrayContaining(["assets/fonts.css", "assets/style.css"]));
    for (const sheet of files.filter((f) => f.endsWith(".css"))) {
      const text = readFileSync(path.join(outDir, sheet), "utf8");
      expect(text, sheet).not.toMatch(/@import/);
      expect(text, sheet).not.toMatch(/url\(\s*["']?(https?:)?\/\//);
      for (const url of fontFaceUrls(text)) {
        expect(files, `${sheet}: ${url}`).toContain(path.posix.join(path.posix.dirname(sheet), url));
      }
      // A font-family naming a face the site does not serve would reach for the reader's own fonts first.
      for (const [, stack] of text.matchAll(/font(?:-family)?:[^;}]*?((?:"[^"]+"\s*,\s*)*"[^"]+")/g)) {
        const first = /"([^"]+)"/.exec(stack)![1];
        expect(
          FONT_FAMILIES.map((f) => f.family),
          `${sheet}: ${stack}`,
        ).toContain(first);
      }
    }
    // The pages say so too: fonts only from the site itself.
    const csp = cheerio
      .load(readFileSync(path.join(outDir, pages[0]), "utf8"))('meta[http-equiv="Content-Security-Policy"]')
      .attr("content");
    expect(csp).toMatch(/font-src 'self'(;|$)/);
  });

  it("are embedded in every EPUB as font/woff2, with their licences, and used by its stylesheet", () => {
    const books = site.publications
      .filter((p) => p.exports.epub)
      .map((p) => openBook(path.join(outDir, "publikationer", p.slug, `${p.slug}.epub`)));
    expect(books.length).toBeGreaterThan(0);
    for (const book of books) {
      const items = book
        .opf("manifest item")
        .toArray()
        .map((item) => ({ href: item.attribs.href, type: item.attribs["media-type"] }));
      for (const face of fontFaces()) {
        expect(items, `${book.file}: ${face.file}`).toContainEqual({ href: `fonts/${face.file}`, type: "font/woff2" });
        expect(book.files[book.resolve(book.opfPath, `fonts/${face.file}`)], face.file).toBeDefined();
      }
      for (const licence of fontLicences()) {
        expect(items).toContainEqual({ href: `fonts/${licence.file}`, type: "text/plain" });
        expect(book.text(book.resolve(book.opfPath, `fonts/${licence.file}`))).toContain("SIL OPEN FONT LICENSE");
      }
      const cssHref = items.find((i) => i.type === "text/css")!.href;
      const cssEntry = book.resolve(book.opfPath, cssHref);
      const css = book.text(cssEntry);
      expect(
        fontFaceUrls(css)
          .map((url) => book.resolve(cssEntry, url))
          .sort(),
      ).toEqual(
        fontFaces()
          .map((f) => book.resolve(book.opfPath, `fonts/${f.file}`))
          .sort(),
      );
      expect(css).toMatch(/body\s*\{[^}]*font-family: "Atkinson Hyperlegible Next"/);
    }
  });
});

describe("a PDF that would need another font", () => {
  let run: BuildRun;
  beforeAll(async () => {
    const contentDir = fixtureContent({
      "publikationer/lille-publikation/02-resultater.md":
        "# Resultater\n\nTallene gælder for alle.\n\n## Konklusion\n\nStøtten gives til borgere ≥ 18 år → se næste afsnit.\n",
    });
    run = await runBuild({ contentDir, skip: ["epub", "search", "links", "gate"] });
  }, 5 * 60_000);

  it("stops the build, naming the file, the line and the characters no project font has", () => {
    const output = run.stdout + run.stderr;
    expect(run.code, output).toBe(1);
    expect(output).toContain("PDF'en lille-publikation.pdf er ikke lavet");
    expect(output).toMatch(
      /content\/publikationer\/lille-publikation\/02-resultater\.md:7: tegnene »≥« \(U\+2265\), »→« \(U\+2192\) i »Støtten gives til borgere ≥ 18 år → se næste afsnit\.« findes ikke i projektets skrifttyper/,
    );
    expect(output).toMatch(/så PDF'en ville bruge DejaVu/);
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(path.join(run.outDir, "publikationer/lille-publikation/lille-publikation.pdf"))).toBe(false);
  });
});
