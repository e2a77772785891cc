/**
 * EPUB export on a small fixture: byte-identical rebuilds (in different time zones), the cache,
 * a publication without EPUB, decorative images, links inside and outside the book, and DAISY Ace
 * catching an image whose alt text was removed.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { v5 as uuidv5 } from "uuid";
import { zipSync, type Zippable } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { siteRoot } from "../../src/urls/index.ts";
import { resolveHref } from "../../src/epub/xhtml.ts";
import { fixtureContent, readOutput, ROOT, runBuild, type BuildRun } from "../helpers.ts";
import { ace, openBook, type Book } from "./tools.ts";

const SLUG = "lille-publikation";
const EPUB_URL = `/publikationer/${SLUG}/${SLUG}.epub`;
const SKIP = ["pdf", "links", "search", "gate"];

let first: BuildRun;
let second: BuildRun;
let third: BuildRun;
let fourth: BuildRun;
let cacheDir: string;
let book: Book;

beforeAll(async () => {
  const png = (r: number, g: number, b: number) =>
    sharp({ create: { width: 320, height: 160, channels: 3, background: { r, g, b } } })
      .png()
      .toBuffer();
  const index = readFileSync(path.join(ROOT, "test/fixtures/minimal/publikationer", SLUG, "index.md"), "utf8");
  const contentDir = fixtureContent({
    // The foreword shows the chapter's diagram too: one file in the book, found without an image list.
    [`publikationer/${SLUG}/index.md`]: `${index.trimEnd()}\n\n![Søjlediagram i forordet.](diagram.png)\n`,
    [`publikationer/${SLUG}/diagram.png`]: await png(20, 60, 140),
    [`publikationer/${SLUG}/pynt.png`]: await png(200, 200, 200),
    [`publikationer/${SLUG}/03-billeder.md`]: [
      "# Billeder og links",
      "",
      "![Søjlediagram med to søjler: Nord 12 og Syd 7.](diagram.png)",
      "*Figur 1: Resultater fordelt på område.*",
      "",
      '![""](pynt.png)',
      "",
      "Læs [konklusionen](02-resultater.md#konklusion), [nyheden](/nyheder/en-nyhed/) og [W3C](https://www.w3.org/).",
      "",
    ].join("\n"),
    // Markdown and permitted raw HTML that must still give valid XHTML.
    [`publikationer/${SLUG}/04-blandet.md`]: [
      "# Blandet indhold",
      "",
      'Tekst med <abbr title="Europæisk Union">EU</abbr>, et&nbsp;fast mellemrum,<br>et linjeskift og `a < b && c`.[^1] Igen.[^1]',
      "",
      "## Et afsnit",
      "",
      "### Et underafsnit",
      "",
      "> Et citat med **fed** tekst.",
      "",
      "3. tredje",
      "4. fjerde",
      "   - indlejret",
      "",
      "```",
      "<p>kode & tegn</p>",
      "```",
      "",
      "| Uden titel | Tal |",
      "|---|---:|",
      "| A | 1 |",
      "",
      "Se [søgningen](/soeg/?q=a&b=c).",
      "",
      "[^1]: En note, der bruges to gange.",
      "",
    ].join("\n"),
    "publikationer/uden-epub/index.md": [
      "---",
      "titel: Uden EPUB",
      "resume: En publikation uden eksport.",
      "dato: 2026-10-01",
      "hus: kontoret",
      "forfattere:",
      "  - navn: Anne Andersen",
      "emner: [test]",
      "eksport:",
      "  epub: false",
      "  pdf: false",
      "---",
      "Forord.",
      "",
    ].join("\n"),
    "publikationer/uden-epub/01-kapitel.md": "# Kapitel\n\nTekst.\n",
  });
  cacheDir = path.join(mkdtempSync(path.join(os.tmpdir(), "udgiv-epub-cache-")), "cache");
  // Same content, different output folders and time zones; the second forces a rebuild, the third may use the cache.
  first = await runBuild({ contentDir, cacheDir, skip: SKIP, epubcheck: true, env: { TZ: "America/Los_Angeles" } });
  second = await runBuild({
    contentDir,
    cacheDir,
    skip: SKIP,
    epubcheck: true,
    extra: ["--full"],
    env: { TZ: "Pacific/Kiritimati" },
  });
  third = await runBuild({ contentDir, cacheDir, skip: SKIP, epubcheck: true, env: { TZ: "UTC" } });
  fourth = await runBuild({ contentDir, cacheDir, skip: SKIP, epubcheck: true });
  for (const run of [first, second, third, fourth]) expect(run.code, run.stdout + run.stderr).toBe(0);
  book = openBook(path.join(first.outDir, EPUB_URL));
});

const chapterDoc = (slug: string) => `${path.posix.dirname(book.opfPath)}/chapters/${slug}.xhtml`;

describe("EPUB export of a fixture publication", () => {
  it("gives byte-identical files for the same content, rebuilt or from the cache, in any time zone", () => {
    const bytes = (run: BuildRun) => readFileSync(path.join(run.outDir, EPUB_URL));
    expect(first.stdout).toMatch(new RegExp(`EPUB ${SLUG}: \\d+ kB, \\d+ ms\\n`));
    expect(second.stdout).not.toContain("(fra cache)");
    expect(third.stdout).toMatch(new RegExp(`EPUB ${SLUG}: \\d+ kB, \\d+ ms \\(fra cache\\)`));
    expect(bytes(second).equals(bytes(first))).toBe(true);
    expect(bytes(third).equals(bytes(first))).toBe(true);
  });

  it("checks newly built books with EPUBCheck during the build, by default", () => {
    // The first build passed with the check on (no flag, no environment): zero errors and zero warnings for this book.
    expect(first.stdout).toContain("EPUBCheck: 1 EPUB-filer kontrolleret");
    // A cached book that passed is not checked again.
    expect(readdirSync(path.join(cacheDir, "epub")).filter((name) => name.endsWith(".epub.ok"))).toHaveLength(1);
    expect(fourth.stdout).toContain("(fra cache)");
    expect(fourth.stdout).not.toContain("EPUBCheck");
  });

  it("stops the build on an EPUBCheck error, naming the editor's file, and caches nothing", async () => {
    const contentDir = fixtureContent({
      [`publikationer/${SLUG}/03-moede.md`]: '# Mødet\n\nMødet er <time datetime="i morgen">i morgen</time>.\n',
    });
    const cacheDir = path.join(mkdtempSync(path.join(os.tmpdir(), "udgiv-epub-cache-")), "cache");
    const run = await runBuild({ contentDir, cacheDir, skip: SKIP, epubcheck: true });
    expect(run.code).toBe(1);
    const output = run.stdout + run.stderr;
    expect(output).toContain("EPUBCheck fandt fejl i EPUB-filen");
    expect(output).toMatch(
      /content\/publikationer\/lille-publikation\/03-moede\.md: filen følger ikke reglerne for EPUB.*\(EPUBCheck RSC-005 i EPUB\/chapters\/moede\.xhtml, linje \d+: .*datetime.*\)/,
    );
    expect(existsSync(path.join(cacheDir, "epub")) ? readdirSync(path.join(cacheDir, "epub")) : []).toEqual([]);
    // Switched off (--no-epubcheck, or UDGIV_EPUBCHECK=0), the same book is published unchecked.
    const unchecked = await runBuild({ contentDir, cacheDir, skip: SKIP, epubcheck: true, extra: ["--no-epubcheck"] });
    expect(unchecked.code, unchecked.stderr).toBe(0);
    expect(unchecked.stdout).not.toContain("EPUBCheck");
  }, 180_000);

  it("registers the download and leaves out publications without EPUB", () => {
    const page = readOutput(first.outDir, `/publikationer/${SLUG}/`);
    expect(page).toMatch(new RegExp(`<a href="${EPUB_URL}" download>EPUB, \\d+ kB</a>`));
    expect(readOutput(first.outDir, "/publikationer/uden-epub/")).not.toContain(".epub");
    expect(() => readOutput(first.outDir, "/publikationer/uden-epub/uden-epub.epub")).toThrow();
  });

  it("identifies a book without ISBN by a name-based UUID of its address", () => {
    const expected = uuidv5("https://test.example.dk/publikationer/lille-publikation/", uuidv5.URL);
    expect(book.opf(`[id="${book.opf("package").attr("unique-identifier")}"]`).text()).toBe(`urn:uuid:${expected}`);
  });

  it("embeds one image per picture, keeps decorative images silent and captions in place", () => {
    const $ = book.xml(chapterDoc("billeder"));
    const images = $("img").toArray();
    expect(images.map((img) => [img.attribs.alt, img.attribs.role ?? null])).toEqual([
      ["Søjlediagram med to søjler: Nord 12 og Syd 7.", null],
      ["", "presentation"],
    ]);
    expect($("figure figcaption").text()).toBe("Figur 1: Resultater fordelt på område.");
    const imageEntries = Object.keys(book.files).filter((name) => /\.(png|jpe?g)$/.test(name));
    expect(imageEntries).toHaveLength(2);
    const foreword = book.xml(`${path.posix.dirname(book.opfPath)}/foreword.xhtml`)("img");
    expect([foreword.attr("alt"), book.resolve(book.opfPath, foreword.attr("src")!)]).toEqual([
      "Søjlediagram i forordet.",
      book.resolve(chapterDoc("billeder"), images[0].attribs.src),
    ]);
  });

  it("keeps links between chapters inside the book and makes site links absolute", () => {
    const hrefs = book
      .xml(chapterDoc("billeder"))("a")
      .toArray()
      .map((a) => a.attribs.href);
    expect(hrefs).toEqual([
      "resultater.xhtml#konklusion",
      "https://test.example.dk/nyheder/en-nyhed/",
      "https://www.w3.org/",
    ]);
    const notes = book.xml(chapterDoc("indledning"));
    expect(notes(`aside[epub\\:type="footnote"]`).text()).toContain("En kort note.");
  });

  it("passes DAISY Ace, and Ace catches an image whose alt text is removed", async () => {
    expect((await ace(book.file)).violations).toEqual([]);
    const broken: Zippable = {};
    for (const [name, data] of Object.entries(book.files)) {
      const edited =
        name === chapterDoc("billeder")
          ? new TextEncoder().encode(book.text(name).replace(/ alt="Søjlediagram[^"]*"/, ""))
          : data;
      broken[name] = [edited, { level: name === "mimetype" ? 0 : 6 }];
    }
    const brokenFile = path.join(mkdtempSync(path.join(os.tmpdir(), "udgiv-broken-")), "uden-alt.epub");
    writeFileSync(brokenFile, zipSync(broken));
    const result = await ace(brokenFile);
    expect(result.code).toBe(2);
    expect(result.violations.map((v) => v.rule)).toContain("image-alt");
  }, 120_000);
});

describe("EPUB links and addresses", () => {
  const ctx = {
    docPath: "chapters/a.xhtml",
    pageUrl: "/publikationer/p/a/",
    siteRoot: "https://x.dk/udgiv",
    internal: new Map([
      ["/publikationer/p/a/", "chapters/a.xhtml"],
      ["/publikationer/p/b/", "chapters/b.xhtml"],
      ["/publikationer/p/", "foreword.xhtml"],
    ]),
  };

  it("resolves every kind of link from a chapter", () => {
    expect(resolveHref("#fn-a-1", ctx)).toBe("#fn-a-1");
    expect(resolveHref("/publikationer/p/b/#metode", ctx)).toBe("b.xhtml#metode");
    expect(resolveHref("/publikationer/p/b", ctx)).toBe("b.xhtml");
    expect(resolveHref("../b/", ctx)).toBe("b.xhtml");
    expect(resolveHref("/publikationer/p/", ctx)).toBe("../foreword.xhtml");
    expect(resolveHref("/publikationer/q/c/?x=1#y", ctx)).toBe("https://x.dk/udgiv/publikationer/q/c/?x=1#y");
    expect(resolveHref("/filer/rapport.pdf", ctx)).toBe("https://x.dk/udgiv/filer/rapport.pdf");
    expect(resolveHref("mailto:a@b.dk", ctx)).toBe("mailto:a@b.dk");
    expect(resolveHref("//cdn.example.com/x", ctx)).toBe("https://cdn.example.com/x");
  });

  it("builds the site root from base URL and path prefix", () => {
    expect(siteRoot("https://x.dk", "/")).toBe("https://x.dk");
    expect(siteRoot("https://x.dk", "/udgiv/")).toBe("https://x.dk/udgiv");
    expect(siteRoot("https://x.dk/udgiv", "/udgiv/")).toBe("https://x.dk/udgiv");
  });
});
