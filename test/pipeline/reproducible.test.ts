/**
 * Same output on every machine: two checkouts of this repository in folders of different depth
 * and length each build the sample site (`npm run build` without the gate, whose output is a
 * report), with their own cache, from cold. Every file of the two _site/ trees and reports/ must
 * be byte-identical, the two .cache/ folders must hold the same entries (same keys, same bytes),
 * and no file of either may name the folder it was built in.
 */
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { mkdtempSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIn, checkout, type CheckoutBuild } from "./checkout.ts";

const work = mkdtempSync(path.join(os.tmpdir(), "udgiv-repro-"));
const first = path.join(work, "a", "udgiv");
const second = path.join(work, "a-much-longer-folder-name", "and-deeper", "udgiv-checkout");
let builds: CheckoutBuild[] = [];

beforeAll(async () => {
  for (const dir of [first, second]) checkout(dir);
  // One after the other: two cold builds side by side would fight over two cores.
  builds = [await buildIn(first, ["--skip", "gate"]), await buildIn(second, ["--skip", "gate"])];
}, 900_000);

/** Every file under a folder, relative to it, sorted. */
function filesUnder(dir: string): string[] {
  return (
    readdirSync(dir, { recursive: true, withFileTypes: true }) as {
      isFile(): boolean;
      parentPath: string;
      name: string;
    }[]
  )
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

function differences(folder: string): { files: [string[], string[]]; differ: string[] } {
  const [a, b] = [first, second].map((root) => filesUnder(path.join(root, folder)));
  const differ = a.filter(
    (file) =>
      b.includes(file) &&
      !readFileSync(path.join(first, folder, file)).equals(readFileSync(path.join(second, folder, file))),
  );
  return { files: [a, b], differ };
}

describe("two checkouts in different folders", () => {
  it("both build", () => {
    for (const build of builds) expect(build.code, build.stdout + build.stderr).toBe(0);
    expect(builds[0].stats).toMatchObject({ "pdf.printed": builds[0].stats["pdf.files"], "epub.fromCache": 0 });
  });

  it("give byte-identical _site/ trees, PDFs and EPUBs included", () => {
    const { files, differ } = differences("_site");
    expect(files[0].filter((f) => /\.(pdf|epub)$/.test(f)).length).toBeGreaterThan(0);
    expect(files[1]).toEqual(files[0]);
    expect(differ).toEqual([]);
  });

  it("give byte-identical reports", () => {
    const { files, differ } = differences("reports");
    expect(files[0].length).toBeGreaterThan(0);
    expect(files[1]).toEqual(files[0]);
    expect(differ).toEqual([]);
  });

  it("give the same cache keys, with the same bytes behind them", () => {
    const { files, differ } = differences(".cache");
    expect(files[0].some((f) => f.startsWith("pdf/")) && files[0].some((f) => f.startsWith("epub/"))).toBe(true);
    expect(files[1]).toEqual(files[0]);
    expect(differ).toEqual([]);
  });

  it("write the folder they were built in into no output, report or cache file", () => {
    for (const root of [first, second]) {
      for (const folder of ["_site", "reports", ".cache"]) {
        const naming = filesUnder(path.join(root, folder)).filter((f) =>
          readFileSync(path.join(root, folder, f)).includes(work),
        );
        expect(naming, `${root}/${folder}`).toEqual([]);
      }
    }
  });
});
