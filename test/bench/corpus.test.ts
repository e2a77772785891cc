/**
 * The benchmark corpus: the same seed gives the same bytes, and what it writes is a valid site
 * in the content model (loaded by the real loadSite, images included), with the structures the
 * benchmark means to measure: ordered headings, lists, footnotes, captioned tables, figures.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  corpusDigest,
  editOneChapter,
  generateCorpus,
  isbn,
  listFiles,
  type CorpusSummary,
} from "../../scripts/bench/corpus.ts";
import { loadSite } from "../../src/model/index.ts";
import type { Site } from "../../src/model/types.ts";
import { isValidIsbn } from "../../src/model/schema.ts";

const temp = () => mkdtempSync(path.join(os.tmpdir(), "udgiv-bench-test-"));

describe("benchmark corpus", () => {
  let dir: string;
  let summary: CorpusSummary;
  let site: Site;

  beforeAll(async () => {
    dir = path.join(temp(), "content");
    summary = await generateCorpus({ dir, publications: 2, seed: "test-seed" });
    site = await loadSite({ contentDir: dir, imageCacheDir: path.join(temp(), "images") });
  });

  it("is byte-identical for the same seed and different for another", async () => {
    const again = path.join(temp(), "content");
    await generateCorpus({ dir: again, publications: 2, seed: "test-seed" });
    expect(corpusDigest(again)).toBe(corpusDigest(dir));
    const other = path.join(temp(), "content");
    await generateCorpus({ dir: other, publications: 2, seed: "another-seed" });
    expect(corpusDigest(other)).not.toBe(corpusDigest(dir));
  });

  it("keeps publication i the same whatever the corpus size", async () => {
    const bigger = path.join(temp(), "content");
    await generateCorpus({ dir: bigger, publications: 3, seed: "test-seed" });
    const first = site.publications.map((p) => p.slug).sort()[0];
    const files = (root: string) =>
      listFiles(path.join(root, "publikationer", first)).filter((f) => /^\d+-/.test(path.basename(f)));
    expect(files(bigger).map((f) => readFileSync(f, "utf8"))).toEqual(files(dir).map((f) => readFileSync(f, "utf8")));
  });

  it("loads as a valid site: publications with 5 to 15 chapters, news and pages", () => {
    expect(site.publications).toHaveLength(2);
    expect(summary.publications).toBe(2);
    for (const publication of site.publications) {
      expect(publication.chapters.length).toBeGreaterThanOrEqual(5);
      expect(publication.chapters.length).toBeLessThanOrEqual(15);
      expect(["departementet", "styrelsen", "statistik"]).toContain(publication.house);
      expect(publication.contributors.length).toBeGreaterThan(0);
    }
    expect(site.news.length).toBe(summary.news);
    expect(site.news.length).toBeGreaterThanOrEqual(4);
    expect(site.pages.map((p) => p.slug).sort()).toEqual(["kontakt", "om"]);
    expect(site.publications.reduce((n, p) => n + p.chapters.length, 0)).toBe(summary.chapters);
  });

  it("has headings in order (h2 first, never a skipped level) and text that reads like Danish prose", () => {
    const chapters = site.publications.flatMap((p) => p.chapters);
    for (const chapter of chapters) {
      expect(chapter.headings[0]?.level).toBe(2);
      chapter.headings.forEach(
        (h, i) => i > 0 && expect(h.level).toBeLessThanOrEqual(chapter.headings[i - 1].level + 1),
      );
      expect(chapter.readability.words).toBeGreaterThan(200);
      // Public-sector Danish: LIX mostly 35–55 (medium to hard). Headings and list items count as
      // sentences of their own in src/readability, so words per sentence run lower than in the prose.
      expect(chapter.readability.lix).toBeGreaterThan(30);
      expect(chapter.readability.lix).toBeLessThan(60);
      expect(chapter.readability.words / chapter.readability.sentences).toBeGreaterThan(6);
      expect(chapter.readability.words / chapter.readability.sentences).toBeLessThan(22);
    }
    const html = chapters.map((c) => c.html).join("\n");
    expect(html).toMatch(/[æøå]/);
    expect(html).toMatch(/bl\.a\.|fx|jf\./);
    expect(html).toMatch(/\d+\.\d{3}/); // Danish thousands separator
  });

  it("has lists, footnotes, captioned tables and figures with alt text, processed as images", () => {
    const chapters = site.publications.flatMap((p) => p.chapters);
    const html = chapters.map((c) => c.html).join("\n");
    expect(html).toContain("<ul>");
    expect(html).toContain("<ol>");
    expect(html).toContain('class="fodnoter"');
    expect(html).toMatch(/<div class="tabel" role="region" tabindex="0" aria-label="[^"]+">\s*<table>\s*<caption>/);
    expect(html).toMatch(/<figure class="figur"><picture>[\s\S]*?<figcaption>Figur 1: /);
    const images = chapters.flatMap((c) => c.images);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image.alt.length).toBeGreaterThan(20);
    expect(summary.distinctImages).toBeLessThanOrEqual(summary.imageReferences);
    expect(site.imageFiles.length).toBeGreaterThan(0);
  });

  it("links only to chapters and publications that exist", () => {
    const urls = new Set([...site.publications.flatMap((p) => [p.url, ...p.chapters.map((c) => c.url)])]);
    const bodies = [
      ...site.publications.flatMap((p) => [p.introHtml, ...p.chapters.map((c) => c.html)]),
      ...site.news.map((n) => n.html),
    ];
    const internal = bodies.flatMap((html) => [...html.matchAll(/href="(\/[^"#]*)/g)].map((m) => m[1]));
    for (const url of internal) expect(urls).toContain(url);
  });

  it("edits exactly one chapter for a warm rebuild, differently each time", () => {
    const before = corpusDigest(dir);
    const edited = editOneChapter(dir, "a");
    expect(readFileSync(edited, "utf8")).toContain("kørsel a");
    const once = corpusDigest(dir);
    expect(once).not.toBe(before);
    editOneChapter(dir, "b");
    expect(corpusDigest(dir)).not.toBe(once);
  });

  it("gives every publication a valid, distinct ISBN", () => {
    const numbers = Array.from({ length: 1000 }, (_, i) => isbn(i));
    for (const n of numbers) expect(isValidIsbn(n)).toBe(true);
    expect(new Set(numbers).size).toBe(1000);
  });
});
