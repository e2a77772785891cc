/**
 * package.json says what the code uses: every package imported by src/, scripts/ and
 * eleventy.config.ts is a dependency (type-only imports too: tsc needs them); every package the
 * tests import is a dependency or devDependency; and every declared package is imported, or used
 * in a way this file names and checks (a command, types for an imported package).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importsOf, packageOf } from "../../src/cache/index.ts";
import { ROOT } from "../helpers.ts";

const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const dependencies = new Set(Object.keys(manifest.dependencies));
const declared = new Set([...dependencies, ...Object.keys(manifest.devDependencies)]);

/** Packages used but not imported, each with the file and the text that show the use. */
const USED_OTHERWISE: Record<string, { file: string; shows: string }> = {
  typescript: { file: "package.json", shows: "tsc --noEmit" },
  tsx: { file: "package.json", shows: "tsx scripts/build.ts" },
  "pa11y-ci": { file: "src/a11y/pa11yci.ts", shows: "npx pa11y-ci --config reports/a11y/.pa11yci.json" },
  "@daisy/ace-cli": { file: "test/epub/tools.ts", shows: "node_modules/.bin/ace-cli" },
  prettier: { file: "package.json", shows: "prettier --check ." },
  // font files, resolved from the package names in the fonts module's table
  "@fontsource/atkinson-hyperlegible-next": {
    file: "src/fonts/index.ts",
    shows: 'packageName: "@fontsource/atkinson-hyperlegible-next"',
  },
  "@fontsource/atkinson-hyperlegible-mono": {
    file: "src/fonts/index.ts",
    shows: 'packageName: "@fontsource/atkinson-hyperlegible-mono"',
  },
};

/** Source files under the given roots (files or folders, relative to ROOT). */
function sources(...roots: string[]): string[] {
  return roots.flatMap((root) => {
    const full = path.join(ROOT, root);
    if (/\.[cm]?[jt]s$/.test(root)) return [full];
    return (readdirSync(full, { recursive: true, encoding: "utf8" }) as string[])
      .filter((f) => /\.[cm]?[jt]s$/.test(f) && !f.split(path.sep).includes("fixtures"))
      .map((f) => path.join(full, f));
  });
}

/** Package → the files importing it. */
function importedPackages(files: string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of files) {
    for (const { specifier } of importsOf(readFileSync(file, "utf8"))) {
      const name = packageOf(specifier);
      if (name) found.set(name, [...(found.get(name) ?? []), path.relative(ROOT, file)]);
    }
  }
  return found;
}

const runtime = importedPackages(sources("src", "scripts", "eleventy.config.ts"));
// Development tooling (tests, the test runner's and the linter's configuration): devDependencies will do.
const tests = importedPackages(sources("test", "vitest.config.ts", "eslint.config.js"));

describe("package.json", () => {
  it("declares, as dependencies, every package src/, scripts/ and eleventy.config.ts import", () => {
    const missing = [...runtime]
      .filter(([name]) => !dependencies.has(name))
      .map(([name, files]) => `${name} (${files[0]})`);
    expect(missing).toEqual([]);
  });

  it("declares every package the tests import", () => {
    const missing = [...tests].filter(([name]) => !declared.has(name)).map(([name, files]) => `${name} (${files[0]})`);
    expect(missing).toEqual([]);
  });

  it("declares nothing the code does not use", () => {
    const imported = new Set([...runtime.keys(), ...tests.keys()]);
    const typesFor = (name: string) =>
      name.startsWith("@types/") && (name === "@types/node" || imported.has(name.slice("@types/".length)));
    const unused = [...declared].filter((name) => !imported.has(name) && !typesFor(name) && !USED_OTHERWISE[name]);
    expect(unused).toEqual([]);
  });

  it("names uses besides imports that are real", () => {
    for (const [name, { file, shows }] of Object.entries(USED_OTHERWISE)) {
      expect(declared.has(name), name).toBe(true);
      expect(readFileSync(path.join(ROOT, file), "utf8"), `${name}: ${file}`).toContain(shows);
    }
  });
});
