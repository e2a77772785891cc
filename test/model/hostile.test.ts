/**
 * Issue 13, points 4–6: hostile and careless content. Each case is the payload that got through on
 * 76d5a9a (published a file from outside content/, hung `npm run check`, ended the build in an
 * Eleventy stack trace, or was published without a word); now `npm run check` and the build both
 * stop with exit 1 and a Danish message naming the file (and line), and content/ is untouched.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { fixtureContent, ROOT, runBuild, testCacheDir, type BuildRun } from "../helpers.ts";
import { snapshot, type FileState } from "../pipeline/tree.ts";

const PUB = "publikationer/lille-publikation";
const QUICK = ["epub", "pdf", "search", "gate"];
const news = (fields: string, body = "Tekst.") =>
  `---\ntitel: En nyhed\ndato: 2026-11-20\nhus: kontoret\nresume: Kort.\n${fields}---\n${body}\n`;
const publication = (fields: string) =>
  `---\ntitel: En publikation\nresume: Kort.\ndato: 2026-11-27\nhus: styrelsen\n${fields}---\nForord.\n`;

interface Check {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  stdout: string;
}

/**
 * `npm run check` on a content folder. A FIFO used to make it hang forever: after a minute its
 * whole process group (tsx and the script it runs) is killed, and the result says so.
 */
function check(contentDir: string): Promise<Check> {
  const cache = testCacheDir();
  const argv = [
    path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
    path.join(ROOT, "scripts/check.ts"),
    "--content",
    contentDir,
    "--cache",
    cache,
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 60_000);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The problem lines of a check or build ("  content/…: …"), for comparing the two. */
const problemLines = (output: string) =>
  output
    .split("\n")
    .filter((l) => /^ {2}content\//.test(l))
    .sort();

/** A PNG of the given size (flat colour: small file, large image). */
const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#335" } })
    .png({ compressionLevel: 9 })
    .toBuffer();

async function images() {
  const small = await png(120, 80);
  // A photo-like JPEG (noise), so that cutting it leaves the header and loses image data.
  const jpeg = await sharp({
    create: {
      width: 400,
      height: 300,
      channels: 3,
      background: "#888",
      noise: { type: "gaussian", mean: 128, sigma: 40 },
    },
  })
    .jpeg()
    .toBuffer();
  return {
    small,
    truncatedPng: small.subarray(0, Math.floor(small.length * 0.6)),
    truncatedJpeg: jpeg.subarray(0, Math.floor(jpeg.length * 0.6)),
    huge: await png(12_000, 12_000),
    // A valid PNG followed by 21 MB of padding: over the byte limit, under the pixel limit.
    heavy: Buffer.concat([small, Buffer.alloc(21 * 1024 * 1024)]),
  };
}

/** Files outside the content folder, which nothing may publish. */
function outsideFiles(): { dir: string; markdown: string; image: string; fifo: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "udgiv-outside-"));
  const markdown = path.join(dir, "hemmelig.md");
  writeFileSync(markdown, "# Hemmelig\n\nDenne fil ligger uden for content/.\n");
  const image = path.join(dir, "hemmelig.png");
  const fifo = path.join(dir, "kapitel.fifo");
  execFileSync("mkfifo", [fifo]);
  return { dir, markdown, image, fifo };
}

function unchanged(dir: string, before: Map<string, FileState>): void {
  expect(snapshot(dir)).toEqual(before);
}

describe("only content/ is read (point 4)", () => {
  let content: string;
  let before: Map<string, FileState>;
  let result: Check;

  beforeAll(async () => {
    const { small } = await images();
    const outside = outsideFiles();
    writeFileSync(outside.image, small);
    content = fixtureContent({
      // The payload as found: three levels up from content/nyheder/ is outside the checkout.
      "nyheder/2026-11-21-udenfor.md": news("", "![x](../../../outside.png)"),
      "nyheder/2026-11-22-forside.md": news("", "![Et billede](genvej.png)"),
      [`${PUB}/index.md`]: publication("forside:\n  billede: ../../../../outside.png\n  alt: Forside\n"),
    });
    writeFileSync(path.resolve(content, "nyheder", "../../../outside.png"), small);
    symlinkSync(outside.image, path.join(content, "nyheder/genvej.png")); // an image that is a symlink to outside
    symlinkSync(outside.markdown, path.join(content, PUB, "03-symlink.md"));
    symlinkSync(outside.fifo, path.join(content, PUB, "04-fifo.md"));
    execFileSync("mkfifo", [path.join(content, PUB, "05-fifo.md")]);
    // A whole folder of content/ that is a symlink to one outside.
    mkdirSync(path.join(outside.dir, "sider"));
    writeFileSync(path.join(outside.dir, "sider/hemmelig.md"), "---\ntitel: Hemmelig\n---\nTekst.\n");
    rmSync(path.join(content, "sider"), { recursive: true });
    symlinkSync(path.join(outside.dir, "sider"), path.join(content, "sider"));
    before = snapshot(content);
    result = await check(content);
  });

  it("a FIFO as a chapter does not hang npm run check: it returns, exit 1", () => {
    expect(result.signal, "npm run check was killed after a minute").toBeNull();
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(
      `content/${PUB}/05-fifo.md: filen er ikke en almindelig fil (men fx en pipe eller en enhed)`,
    );
    expect(result.stderr).toContain(
      `content/${PUB}/04-fifo.md: filen er en genvej (symbolsk link) til en fil uden for content/`,
    );
  });

  it("an image path that leaves content/ is refused with file and line", () => {
    expect(result.stderr).toContain(
      "content/nyheder/2026-11-21-udenfor.md:7: billedfilen ../../../outside.png ligger uden for content/. Kun filer i content/ kan udgives",
    );
    expect(result.stderr).toContain(
      `content/${PUB}/index.md:7: billedfilen ../../../../outside.png ligger uden for content/`,
    );
    expect(result.stderr).toContain(
      "content/nyheder/2026-11-22-forside.md:7: billedfilen genvej.png er en genvej (symbolsk link) til en fil uden for content/",
    );
  });

  it("a chapter that is a symlink to a file outside is refused, and so is a folder", () => {
    expect(result.stderr).toContain(
      `content/${PUB}/03-symlink.md: filen er en genvej (symbolsk link) til en fil uden for content/`,
    );
    expect(result.stderr).toContain(
      "content/sider: mappen er en genvej (symbolsk link) til en mappe uden for content/",
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("content/ is unchanged", () => unchanged(content, before));
});

describe("every address collision is caught in the model (point 5)", () => {
  let content: string;
  let before: Map<string, FileState>;
  let result: Check;

  beforeAll(async () => {
    content = fixtureContent({
      "nyheder/2026-10-06.md": news(""),
      "sider/-.md": "---\ntitel: Streg\n---\nTekst.\n",
      "sider/soeg.md": "---\ntitel: Søg\n---\nTekst.\n",
      [`${PUB}/index.md`]: publication("emner: [Statistik, statistik]\n"),
      [`${PUB}/03-print.md`]: "# Print\n\nTekst.\n",
      "publikationer/anden/index.md": publication('emner: [STATISTIK, "!!!"]\n'),
      "publikationer/anden/01-kapitel.md": "# Kapitel\n\nTekst.\n",
    });
    // Two houses with one id: two pages /huse/kontoret/.
    const siteJson = path.join(content, "_data/site.json");
    const site = JSON.parse(readFileSync(siteJson, "utf8"));
    site.huse.push({ ...site.huse[1], navn: "Et andet kontor" });
    writeFileSync(siteJson, JSON.stringify(site, null, 2));
    before = snapshot(content);
    result = await check(content);
  });

  it("exits 1 without a stack trace", () => {
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).not.toMatch(/^\s+at |DuplicatePermalink|URIError/m);
  });

  it("a news file named only by its date has no address", () => {
    expect(result.stderr).toContain(
      "content/nyheder/2026-10-06.md: filnavnet giver ingen adresse (der står ingen ord efter datoen). Tilføj nogle ord fra titlen efter datoen, fx 2026-10-06-en-nyhed.md",
    );
  });

  it("a standing page whose name gives no address, or the site's own, is refused", () => {
    expect(result.stderr).toContain(
      "content/sider/-.md: filnavnet giver ingen adresse. Giv filen et navn med ord, fx streg.md",
    );
    expect(result.stderr).toContain(
      "content/sider/soeg.md: siden får adressen /soeg/, som sitet selv bruger til søgesiden (layouts/soeg.njk)",
    );
    expect(result.stderr).toContain(
      `content/${PUB}/03-print.md: kapitlet får adressen /publikationer/lille-publikation/print/, som sitet selv bruger til publikationens trykversion`,
    );
  });

  it("two spellings of a topic with one address name both files, in one publication and across two", () => {
    expect(result.stderr).toContain(
      `content/${PUB}/index.md:6: emner: emnet »statistik« får samme adresse (/emner/statistik/) som emnet »STATISTIK« i content/publikationer/anden/index.md:6. Skriv emnet ens alle steder`,
    );
    expect(result.stderr).toContain(
      `content/${PUB}/index.md:6: emner: emnet »Statistik« får samme adresse (/emner/statistik/) som emnet »STATISTIK«`,
    );
    expect(result.stderr).toContain("content/publikationer/anden/index.md:6: emner: emnet »!!!« giver ingen adresse");
  });

  it("two houses with one id", () => {
    expect(result.stderr).toContain(
      'content/_data/site.json: huset "kontoret" får samme adresse (kontoret) som content/_data/site.json. Giv husene hvert sit id i site.json',
    );
  });

  it("content/ is unchanged", () => unchanged(content, before));
});

describe("what was accepted without a word (point 6)", () => {
  let content: string;
  let before: Map<string, FileState>;
  let result: Check;

  beforeAll(async () => {
    const { huge, heavy, truncatedPng, truncatedJpeg } = await images();
    content = fixtureContent({
      [`${PUB}/03-latin1.md`]: Buffer.from("# Kapitel\n\nEn fin linje.\nEn linje med \xe6ble.\n", "latin1"),
      [`${PUB}/04-noter.md`]: "# Noter\n\nEn note[^1] og en uden forklaring.[^mangler]\n\n[^1]: Forklaringen.\n",
      [`${PUB}/05-links.md`]: [
        "# Links",
        "",
        "[Klik](javascript:alert(document.domain)) og",
        "[filen](file:///etc/passwd) og [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "og [vb](vbscript:msgbox) og [den anden side](//evil.example/phish).",
        "",
      ].join("\n"),
      [`${PUB}/06-billeder.md`]:
        "# Billeder\n\n![Stort](stort.png)\n\n![Tungt](tungt.png)\n\n![Halvt](halvt.png)\n\n![Halvt foto](halvt.jpg)\n",
      [`${PUB}/07-titel.md`]: `# ${"Lang ".repeat(60)}\n\nTekst.\n`,
      [`${PUB}/stort.png`]: huge,
      [`${PUB}/tungt.png`]: heavy,
      [`${PUB}/halvt.png`]: truncatedPng,
      [`${PUB}/halvt.jpg`]: truncatedJpeg,
      [`${PUB}/index.md`]: publication("maalgruppe: unge\n"),
      "nyheder/ny-vejledning.md": news(""),
      "nyheder/2026-11-23-lang-titel.md": news("").replace(
        "titel: En nyhed",
        `titel: ${"Meget lang titel ".repeat(300)}`,
      ),
    });
    before = snapshot(content);
    result = await check(content);
  });

  it("exits 1", () => {
    expect(result.code, result.stderr).toBe(1);
  });

  it("a Latin-1 chapter is refused at the line of its first bad byte", () => {
    expect(result.stderr).toContain(`content/${PUB}/03-latin1.md:4: filen er ikke gemt som UTF-8`);
    expect(result.stderr).toContain("gem den igen med tegnkodningen UTF-8");
  });

  it("a footnote reference without a definition", () => {
    expect(result.stderr).toContain(
      `content/${PUB}/04-noter.md:3: fodnoten [^mangler] har ingen forklaring. Skriv forklaringen nederst i filen på en linje for sig: [^mangler]: Notens tekst`,
    );
    expect(result.stderr).not.toContain("[^1] har ingen forklaring");
  });

  it("an audience that site.json does not know, with the ones it does", () => {
    expect(result.stderr).toContain(
      `content/${PUB}/index.md:6: maalgruppe: ukendt målgruppe "unge". Brug en af målgrupperne fra content/_data/site.json: borgere, fagfolk`,
    );
  });

  it("links to javascript:, file:, data:, vbscript: and //host in Markdown syntax", () => {
    const file = `content/${PUB}/05-links.md`;
    expect(result.stderr).toContain(
      `${file}:3: linket javascript:alert(document.domain) bruger javascript:, som ikke er tilladt. Link kun til https:-adresser, mailto:, tel: eller sider på sitet`,
    );
    expect(result.stderr).toContain(`${file}:4: linket file:///etc/passwd bruger file:, som ikke er tilladt`);
    expect(result.stderr).toMatch(
      new RegExp(`${file}:4: linket data:text/html;base64,\\S+ bruger data:, som ikke er tilladt`),
    );
    expect(result.stderr).toContain(`${file}:5: linket vbscript:msgbox bruger vbscript:, som ikke er tilladt`);
    expect(result.stderr).toContain(
      `${file}:5: linket //evil.example/phish er en adresse uden https: foran (//…), som ikke er tilladt. Skriv hele adressen med https: foran, fx https://evil.example/phish`,
    );
  });

  it("a news file name without a date", () => {
    expect(result.stderr).toContain(
      "content/nyheder/ny-vejledning.md: nyhedens filnavn begynder ikke med en dato. Navngiv filen ÅÅÅÅ-MM-DD-titel.md, fx 2026-11-20-en-nyhed.md",
    );
  });

  it("images above the pixel and byte limits, with the limit and how to shrink", () => {
    const file = `content/${PUB}/06-billeder.md`;
    expect(result.stderr).toContain(
      `${file}:3: billedet stort.png er 12.000 × 12.000 pixel (144 megapixel); grænsen er 40 megapixel. Gem billedet mindre i et billedprogram: højst 4.000 pixel bredt`,
    );
    expect(result.stderr).toMatch(
      new RegExp(`${file}:5: billedfilen tungt\\.png fylder 21(,\\d)? MB; grænsen er 20 MB\\. Gem billedet mindre`),
    );
  });

  it("a truncated PNG or JPEG is refused by npm run check, not only by the build", () => {
    const file = `content/${PUB}/06-billeder.md`;
    expect(result.stderr).toContain(`${file}:7: billedfilen halvt.png er beskadiget eller ufuldstændig`);
    expect(result.stderr).toContain(`${file}:9: billedfilen halvt.jpg er beskadiget eller ufuldstændig`);
  });

  it("overlong titles, in front matter and as a chapter's heading", () => {
    expect(result.stderr).toMatch(
      /content\/nyheder\/2026-11-23-lang-titel\.md:2: titel: er \d{4} tegn lang; en titel må højst have 200 tegn\. Gør titlen kortere/,
    );
    expect(result.stderr).toContain(
      `content/${PUB}/07-titel.md:1: kapitlets titel er 299 tegn lang; en titel må højst have 200 tegn`,
    );
  });

  it("content/ is unchanged", () => unchanged(content, before));
});

describe("what is fine stays fine, and npm run check and the build agree (points 4–6)", () => {
  const outDir = path.join(mkdtempSync(path.join(os.tmpdir(), "udgiv-hostile-")), "_site");
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), "udgiv-hostile-cache-"));
  let goodCheck: Check;
  let good: BuildRun;
  let site: Map<string, FileState>;
  let badContent: string;
  let badBefore: Map<string, FileState>;
  let badCheck: Check;
  let bad: BuildRun;

  beforeAll(async () => {
    const { small, truncatedPng } = await images();
    // Allowed: a symlink inside content/ to a file inside it, a file name with %, every allowed kind of link,
    // an escaped footnote marker, one topic spelt the same in two places, a `---yaml` fence.
    const goodContent = fixtureContent({
      [`${PUB}/index.md`]: publication(
        "emner: [test, Statistik]\nforside:\n  billede: vaekst-100%.png\n  alt: Søjler, der vokser\n",
      ).replace(/^---\n/, "---yaml\n"),
      [`${PUB}/vaekst-100%.png`]: small,
      [`${PUB}/03-links.md`]: [
        "# Links",
        "",
        "[Ministeriets forside](https://example.dk/), [skriv til ministeriet](mailto:a@example.dk), [ring til ministeriet](tel:+4511223344),",
        "[om testsitet](/om/), [konklusionen](02-resultater.md#konklusion) og [afsnittet om billedet](#billedet). Skriv \\[^1] for en note.",
        "",
        "## Billedet",
        "",
        "![Søjler, der vokser](vaekst-100%.png)",
        "",
      ].join("\n"),
      "nyheder/2026-11-21-statistik.md": news("emner: [Statistik]\n"),
    });
    symlinkSync("01-indledning.md", path.join(goodContent, PUB, "04-genvej.md"));
    goodCheck = await check(goodContent);
    good = await runBuild({ contentDir: goodContent, outDir, cacheDir, skip: QUICK });
    site = snapshot(outDir);

    // The cases where the build used to differ: it published a file from outside, followed a symlink out,
    // hung on a FIFO, or stopped in Eleventy's DuplicatePermalinkOutputError; the truncated PNG failed only there.
    const outside = outsideFiles();
    badContent = fixtureContent({
      "nyheder/2026-11-21-udenfor.md": news("", "![x](../../../outside.png)"),
      "nyheder/2026-10-06.md": news(""),
      "sider/-.md": "---\ntitel: Streg\n---\nTekst.\n",
      [`${PUB}/index.md`]: publication("emner: [Statistik]\n"),
      "publikationer/anden/index.md": publication("emner: [statistik]\n"),
      "publikationer/anden/01-kapitel.md": "# Kapitel\n\n![Et diagram](halvt.png)\n",
      "publikationer/anden/halvt.png": truncatedPng,
    });
    writeFileSync(path.resolve(badContent, "nyheder", "../../../outside.png"), small);
    symlinkSync(outside.markdown, path.join(badContent, PUB, "03-symlink.md"));
    symlinkSync(outside.fifo, path.join(badContent, PUB, "04-fifo.md"));
    badBefore = snapshot(badContent);
    [badCheck, bad] = await Promise.all([
      check(badContent),
      runBuild({ contentDir: badContent, outDir, cacheDir, skip: QUICK }),
    ]);
  });

  it("npm run check and the build accept it", () => {
    expect(goodCheck.code, goodCheck.stderr).toBe(0);
    expect(good.code, good.stderr).toBe(0);
    expect(site.has("publikationer/lille-publikation/genvej/index.html")).toBe(true);
    const chapter = readFileSync(path.join(outDir, "publikationer/lille-publikation/links/index.html"), "utf8");
    for (const href of [
      "https://example.dk/",
      "mailto:a@example.dk",
      "tel:+4511223344",
      "/om/",
      "/publikationer/lille-publikation/resultater/#konklusion",
      "#billedet",
    ]) {
      expect(chapter).toContain(`href="${href}"`);
    }
    expect(chapter).toContain("[^1] for en note");
  });

  it("both reject the hostile content with exit 1 and the same Danish list, naming the files", () => {
    expect(badCheck.code, badCheck.stderr).toBe(1);
    expect(bad.code, bad.stderr).toBe(1);
    const lines = problemLines(badCheck.stderr);
    expect(problemLines(bad.stderr)).toEqual(lines);
    expect(lines.join("\n")).toMatch(
      /content\/nyheder\/2026-11-21-udenfor\.md:7: billedfilen \.\.\/\.\.\/\.\.\/outside\.png ligger uden for content\//,
    );
    expect(lines.join("\n")).toMatch(
      /03-symlink\.md: filen er en genvej \(symbolsk link\) til en fil uden for content\//,
    );
    expect(lines.join("\n")).toMatch(/04-fifo\.md: filen er en genvej/);
    expect(lines.join("\n")).toMatch(/content\/nyheder\/2026-10-06\.md: filnavnet giver ingen adresse/);
    expect(lines.join("\n")).toMatch(/content\/sider\/-\.md: filnavnet giver ingen adresse/);
    expect(lines.join("\n")).toMatch(
      /lille-publikation\/index\.md:6: emner: emnet »Statistik« får samme adresse \(\/emner\/statistik\/\) som emnet »statistik« i content\/publikationer\/anden\/index\.md:6/,
    );
    expect(lines.join("\n")).toMatch(
      /content\/publikationer\/anden\/01-kapitel\.md:3: billedfilen halvt\.png er beskadiget/,
    );
    expect(bad.stderr).not.toMatch(/^\s+at |DuplicatePermalink/m);
  });

  it("the previous _site/ and content/ are unchanged", () => {
    expect(snapshot(outDir)).toEqual(site);
    unchanged(badContent, badBefore);
  });
});
