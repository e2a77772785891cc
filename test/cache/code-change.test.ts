/**
 * The cache follows the code, not only the content: in a checkout of this repository, an
 * unchanged tree rebuilds nothing; a change to the footnote markup in src/markdown (code the
 * EPUB exporter does not import: it reaches the books through the chapters' HTML) makes the next
 * warm build re-make every EPUB and every PDF. Before src/cache, the EPUBs' key hashed src/epub
 * only, and the books kept the old markup.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { fixtureContent } from "../helpers.ts";
import { buildIn, checkout, type CheckoutBuild } from "../pipeline/checkout.ts";

const SKIP = ["search", "links", "gate"];
const SECOND = {
  "publikationer/anden/index.md":
    "---\ntitel: Anden publikation\nresume: En publikation mere.\ndato: 2026-10-01\nhus: styrelsen\nemner: [test]\n---\n",
  "publikationer/anden/01-et.md": "# Et kapitel\n\nTekst med en note.[^1]\n\n[^1]: Noten.\n",
};
const MARKUP = 'class="fodnote-tilbage"';
const CHANGED = 'class="fodnote-tilbage fodnote-tilbage--ny"';

let repo: string;
let cold: CheckoutBuild;
let warm: CheckoutBuild;
let afterChange: CheckoutBuild;
let outDir: string;

beforeAll(async () => {
  const work = mkdtempSync(path.join(os.tmpdir(), "udgiv-code-change-"));
  repo = checkout(path.join(work, "udgiv"));
  const contentDir = fixtureContent(SECOND);
  outDir = path.join(work, "_site");
  const args = [
    "--content",
    contentDir,
    "--out",
    outDir,
    "--cache",
    path.join(work, "cache"),
    "--skip",
    SKIP.join(","),
  ];
  cold = await buildIn(repo, args);
  warm = await buildIn(repo, args);
  const markdown = path.join(repo, "src/markdown/index.ts");
  const source = readFileSync(markdown, "utf8");
  expect(source).toContain(MARKUP); // the test edits real markup
  writeFileSync(markdown, source.replace(MARKUP, CHANGED));
  afterChange = await buildIn(repo, args);
});

const chapterOf = (slug: string, chapter: string) =>
  strFromU8(
    unzipSync(readFileSync(path.join(outDir, "publikationer", slug, `${slug}.epub`)))[`EPUB/chapters/${chapter}.xhtml`],
  );

describe("a warm build after a code change", () => {
  it("makes every EPUB and PDF on a cold build", () => {
    expect(cold.code, cold.stdout + cold.stderr).toBe(0);
    expect(cold.stats).toMatchObject({
      "epub.files": 2,
      "epub.fromCache": 0,
      "pdf.files": 2,
      "pdf.printed": 2,
      "pdf.cached": 0,
    });
  });

  it("re-makes nothing when nothing changed", () => {
    expect(warm.code, warm.stdout + warm.stderr).toBe(0);
    expect(warm.stats).toMatchObject({
      "epub.files": 2,
      "epub.fromCache": 2,
      "pdf.files": 2,
      "pdf.printed": 0,
      "pdf.cached": 2,
    });
  });

  it("re-makes every EPUB and PDF after the footnote markup in src/markdown changed, and the books carry the new markup", () => {
    expect(afterChange.code, afterChange.stdout + afterChange.stderr).toBe(0);
    expect(afterChange.stats).toMatchObject({
      "epub.files": 2,
      "epub.fromCache": 0,
      "pdf.files": 2,
      "pdf.printed": 2,
      "pdf.cached": 0,
    });
    expect(chapterOf("lille-publikation", "indledning")).toContain("fodnote-tilbage--ny");
    expect(chapterOf("anden", "et")).toContain("fodnote-tilbage--ny");
  });
});
