/**
 * PDF builds over a small fixture: byte-identical output across builds, the cache (an untouched
 * publication is not printed again; a changed one is), and a site served from a sub-folder.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fixtureContent, runBuild, type BuildRun } from "../helpers.ts";

const SKIP = ["epub", "search", "links", "gate"];
const second = {
  "publikationer/anden/index.md":
    "---\ntitel: Anden publikation\nresume: En publikation mere.\ndato: 2026-10-01\nopdateret: 2026-11-02\nhus: styrelsen\nforfattere:\n  - navn: Test Testesen\nemner: [test]\n---\n",
  "publikationer/anden/01-alene.md":
    "# Alene\n\nEt kapitel med et [eksternt link](https://example.org/rapport) og [et internt](/publikationer/lille-publikation/).\n",
  "publikationer/anden/02-videre.md":
    "# Videre\n\nSe [afsnittet, der ikke findes](01-alene.md#findes-ikke), og [kapitlet](01-alene.md).\n",
  "publikationer/kun-online/index.md":
    "---\ntitel: Kun online\nresume: Uden PDF.\ndato: 2026-10-01\nhus: styrelsen\nforfattere:\n  - navn: Test Testesen\nemner: [test]\neksport:\n  pdf: false\n---\n",
  "publikationer/kun-online/01-et.md": "# Et\n\nTekst.\n",
};

const stats = (run: BuildRun): Record<string, number> => {
  expect(run.code, run.stdout + run.stderr).toBe(0);
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!).counts;
};
const pdf = (run: BuildRun, slug: string) => readFileSync(path.join(run.outDir, "publikationer", slug, `${slug}.pdf`));
const text = (file: Buffer) => {
  const tmp = path.join(mkdtempSync(path.join(os.tmpdir(), "udgiv-pdf-")), "x.pdf");
  writeFileSync(tmp, file);
  return execFileSync("pdftotext", ["-enc", "UTF-8", tmp, "-"], { encoding: "utf8" });
};

let contentDir: string;
let cacheDir: string;
let first: BuildRun;
let cached: BuildRun;
let fresh: BuildRun;
let changed: BuildRun;
let prefixed: BuildRun;

beforeAll(async () => {
  contentDir = fixtureContent(second);
  cacheDir = mkdtempSync(path.join(os.tmpdir(), "udgiv-pdf-cache-"));
  const base = { contentDir, skip: SKIP, extra: ["--json"] };
  first = await runBuild({ ...base, cacheDir });
  cached = await runBuild({ ...base, cacheDir });
  fresh = await runBuild({
    ...base,
    cacheDir: mkdtempSync(path.join(os.tmpdir(), "udgiv-pdf-cache-")),
    extra: ["--json", "--full"],
  });
  prefixed = await runBuild({ ...base, cacheDir, extra: ["--json", "--path-prefix", "/udgiv/"] });
  const chapter = path.join(contentDir, "publikationer/anden/01-alene.md");
  writeFileSync(chapter, readFileSync(chapter, "utf8") + "\nEt nyt afsnit.\n");
  changed = await runBuild({ ...base, cacheDir });
});

describe("PDF builds", () => {
  it("prints every publication once, then serves them from the cache without Chromium", () => {
    expect(stats(first)).toMatchObject({ "pdf.files": 2, "pdf.printed": 2, "pdf.cached": 0 });
    expect(stats(cached)).toMatchObject({ "pdf.files": 2, "pdf.printed": 0, "pdf.cached": 2 });
  });

  it("gives byte-identical PDFs for the same content, also when printed afresh", () => {
    for (const slug of ["lille-publikation", "anden"]) {
      expect(pdf(cached, slug).equals(pdf(first, slug)), slug).toBe(true);
      expect(pdf(fresh, slug).equals(pdf(first, slug)), slug).toBe(true);
    }
    expect(stats(fresh)).toMatchObject({ "pdf.printed": 2 });
  });

  it("prints again only the publication whose content changed", () => {
    expect(stats(changed)).toMatchObject({ "pdf.printed": 1, "pdf.cached": 1 });
    expect(pdf(changed, "lille-publikation").equals(pdf(first, "lille-publikation"))).toBe(true);
    expect(text(pdf(changed, "anden"))).toContain("Et nyt afsnit.");
    expect(text(pdf(first, "anden"))).not.toContain("Et nyt afsnit.");
  });

  it("makes no PDF (and leaves no print document) for a publication without PDF export", () => {
    expect(existsSync(path.join(first.outDir, "publikationer/kun-online/kun-online.pdf"))).toBe(false);
    for (const slug of ["kun-online", "anden"])
      expect(existsSync(path.join(first.outDir, "publikationer", slug, "print"))).toBe(false);
  });

  it("gives cross-references a page number, and none to a heading that does not exist", () => {
    const printed = text(pdf(first, "anden"));
    expect(printed).toMatch(/og kapitlet \(side \d+\)\./);
    expect(printed).toMatch(/afsnittet, der ikke findes,/);
  });

  it("prints external addresses, and site links as absolute URLs with the path prefix", () => {
    expect(text(pdf(first, "anden"))).toContain("(https://example.org/rapport)");
    const links = pdf(prefixed, "anden").toString("latin1");
    expect(links).toContain("/URI (https://example.org/rapport)");
    expect(links).toMatch(/\/URI \(https:\/\/[^)]+\/udgiv\/publikationer\/lille-publikation\/\)/);
    expect(stats(prefixed)).toMatchObject({ "pdf.printed": 2 });
  });

  it("takes its dates from the content, not the clock", () => {
    const info = (run: BuildRun) => {
      const tmp = path.join(mkdtempSync(path.join(os.tmpdir(), "udgiv-pdf-")), "x.pdf");
      writeFileSync(tmp, pdf(run, "anden"));
      return execFileSync("pdfinfo", ["-isodates", tmp], { encoding: "utf8" });
    };
    expect(info(first)).toMatch(/CreationDate:\s+2026-10-01T00:00:00/);
    expect(info(first)).toMatch(/ModDate:\s+2026-11-02T00:00:00/);
  });
});
