/**
 * Safe builds: a failed build (a content error, or a failing stage after pages were written)
 * leaves the last good output untouched and no staging folders behind; the build never writes
 * into content/; and two builds of the same content — from two checkouts at different paths,
 * with cold and warm caches — give byte-identical output in every file (HTML, feeds, search
 * index, EPUB, PDF).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fixtureContent, runBuild, type BuildRun } from "../helpers.ts";
import { differences, kinds, snapshot, type FileState } from "./tree.ts";

const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `udgiv-${name}-`));
const QUICK = ["epub", "pdf", "search", "gate"];

function deadPid(): number {
  for (let pid = 4_000_000; ; pid--) {
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ESRCH") return pid;
    }
  }
}

function leftovers(outDir: string): string[] {
  const name = path.basename(outDir);
  return readdirSync(path.dirname(outDir)).filter((f) => f !== name && f.startsWith(name));
}

describe("a failed build leaves the last good site in place", () => {
  const outDir = path.join(tmp("safe"), "_site");
  const cacheDir = tmp("safe-cache");
  let good: BuildRun;
  let before: Map<string, FileState>;
  let contentError: BuildRun;
  let stageError: BuildRun;
  let afterContentError: Map<string, FileState>;
  let afterStageError: Map<string, FileState>;
  let changed: BuildRun;

  let abandoned: string;

  beforeAll(async () => {
    // What a killed build leaves behind: its staging folder, under the id of a process that is gone.
    abandoned = `${outDir}.tmp-${deadPid()}`;
    mkdirSync(path.join(abandoned, "publikationer"), { recursive: true });
    good = await runBuild({ contentDir: fixtureContent(), outDir, cacheDir, skip: QUICK });
    before = snapshot(outDir);
    const badHouse = fixtureContent({
      "nyheder/2026-11-20-en-nyhed.md":
        "---\ntitel: En nyhed\ndato: 2026-11-20\nhus: findes-ikke\nresume: Kort.\n---\nTekst.\n",
    });
    contentError = await runBuild({ contentDir: badHouse, outDir, cacheDir, skip: QUICK });
    afterContentError = snapshot(outDir);
    // Valid content whose pages are written before the links stage fails the build.
    const brokenLink = fixtureContent({
      "sider/om.md": "---\ntitel: Om\n---\nSe [siden, der ikke findes](/findes-ikke/).\n",
    });
    stageError = await runBuild({ contentDir: brokenLink, outDir, cacheDir, skip: QUICK });
    afterStageError = snapshot(outDir);
    changed = await runBuild({
      contentDir: fixtureContent({ "sider/om.md": "---\ntitel: Om os\n---\nNy tekst.\n" }),
      outDir,
      cacheDir,
      skip: QUICK,
    });
  });

  it("builds the first site, removing what a killed build left behind", () => {
    expect(good.code, good.stderr).toBe(0);
    expect(before.size).toBeGreaterThan(10);
    expect(existsSync(abandoned)).toBe(false);
  });

  it("a content error exits 1 and changes no byte or mtime of the previous output", () => {
    expect(contentError.code).toBe(1);
    expect(contentError.stderr).toMatch(/content\/nyheder\/2026-11-20-en-nyhed\.md:4: hus: ukendt hus "findes-ikke"/);
    expect(afterContentError).toEqual(before);
    expect(leftovers(outDir)).toEqual([]);
  });

  it("a failing stage after the pages were written exits 1 and changes nothing either", () => {
    expect(stageError.code).toBe(1);
    expect(stageError.stderr).toMatch(/content\/sider\/om\.md:4: linket "\/findes-ikke\/"/);
    expect(afterStageError).toEqual(before);
    expect(leftovers(outDir)).toEqual([]);
  });

  it("a good build then replaces the site as a whole", () => {
    expect(changed.code, changed.stderr).toBe(0);
    const after = snapshot(outDir);
    expect(differences(before, after)).toContain("om/index.html");
    expect(leftovers(outDir)).toEqual([]);
  });
});

describe("reproducible output, and content/ is never written to", () => {
  const builds: { run: BuildRun; tree: Map<string, FileState> }[] = [];
  let contentBefore: Map<string, FileState>;
  let contentAfter: Map<string, FileState>;
  let secondCheckout: string;

  beforeAll(async () => {
    const first = fixtureContent();
    secondCheckout = path.join(tmp("checkout"), "deeper", "content");
    cpSync(first, secondCheckout, { recursive: true });
    contentBefore = snapshot(first);
    const coldCache = tmp("cache-a");
    // Every stage: the gate too, which writes the accessibility statement page from its results.
    for (const [contentDir, cacheDir] of [
      [first, coldCache],
      [secondCheckout, tmp("cache-b")],
      [first, coldCache],
    ]) {
      const run = await runBuild({ contentDir, cacheDir });
      builds.push({ run, tree: run.code === 0 ? snapshot(run.outDir) : new Map() });
    }
    contentAfter = snapshot(first);
  });

  it("all three builds pass", () => {
    for (const { run } of builds) expect(run.code, run.stderr).toBe(0);
  });

  it("the output holds pages, feeds, the search index and the exports", () => {
    const counts = kinds(builds[0].tree);
    expect(counts.html).toBeGreaterThan(10);
    for (const ext of ["css", "epub", "pdf"])
      expect(counts[ext], `${ext} in ${JSON.stringify(counts)}`).toBeGreaterThan(0);
    expect(
      [...builds[0].tree.keys()].some((f) => f.startsWith("pagefind/")),
      "a pagefind/ index",
    ).toBe(true);
    expect(
      [...builds[0].tree.keys()].some((f) => /\.(xml|atom)$/.test(f)),
      "feeds or a sitemap",
    ).toBe(true);
  });

  it("two checkouts at different paths, with cold caches, give byte-identical files", () => {
    expect(differences(builds[0].tree, builds[1].tree)).toEqual([]);
  });

  it("a build from a warm cache gives the same bytes as a cold one", () => {
    expect(differences(builds[0].tree, builds[2].tree)).toEqual([]);
  });

  it("content/ is unchanged: same files, bytes and mtimes", () => {
    expect(contentAfter).toEqual(contentBefore);
    expect(existsSync(secondCheckout)).toBe(true);
  });
});
