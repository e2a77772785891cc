/**
 * The import boundary of eslint.config.js: code outside a capability folder reaches it only through
 * its index.ts (a build stage may be loaded lazily with import()). Runs ESLint's Node API on snippets
 * placed, by their file path, where the rule applies.
 */
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root });

/** The rules that fired on `code` as if it were the file `file` (relative to the checkout). */
async function rulesFiring(file: string, code: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.map((m) => m.ruleId);
}

describe("the import boundary between capability folders", () => {
  it("rejects an import of another folder's internal file, from src/, scripts/ and eleventy.config.ts", async () => {
    expect(await rulesFiring("src/epub/x.ts", 'export { loadSite } from "../model/load.ts";\n')).toEqual([
      "no-restricted-imports",
    ]);
    expect(
      await rulesFiring("src/epub/x.ts", 'import type { Site } from "../model/types.ts";\nexport type S = Site;\n'),
    ).toEqual(["no-restricted-imports"]);
    expect(await rulesFiring("src/x.ts", 'export { loadSite } from "./model/load.ts";\n')).toEqual([
      "no-restricted-imports",
    ]);
    expect(await rulesFiring("scripts/bench/x.ts", 'export { slugify } from "../../src/markdown/slug.ts";\n')).toEqual([
      "no-restricted-imports",
    ]);
    expect(await rulesFiring("eleventy.config.ts", 'export { default } from "./src/feeds/plugin.ts";\n')).toEqual([
      "no-restricted-imports",
    ]);
  });

  it("accepts the folder's index.ts, the folder's own files and the top-level modules of src/", async () => {
    expect(await rulesFiring("src/epub/x.ts", 'export { loadSite } from "../model/index.ts";\n')).toEqual([]);
    expect(await rulesFiring("src/epub/x.ts", 'export { zipEpub } from "./zip.ts";\n')).toEqual([]);
    expect(await rulesFiring("src/epub/x.ts", 'export { BuildFailure } from "../failure.ts";\n')).toEqual([]);
    expect(await rulesFiring("src/pipeline/x.ts", 'export { udgivConfig } from "../../eleventy.config.ts";\n')).toEqual(
      [],
    );
    expect(await rulesFiring("scripts/x.ts", 'export { build } from "../src/pipeline/index.ts";\n')).toEqual([]);
  });

  it("lets import() load another folder's stage lazily, and nothing else of it", async () => {
    const lazy = (spec: string) => `export const load = async () => await import("${spec}");\n`;
    expect(await rulesFiring("src/pipeline/x.ts", lazy("../epub/stage.ts"))).toEqual([]);
    expect(await rulesFiring("src/pipeline/x.ts", lazy("../a11y/lint-stage.ts"))).toEqual([]);
    expect(await rulesFiring("src/pipeline/x.ts", lazy("./html.ts"))).toEqual([]);
    expect(await rulesFiring("src/pipeline/x.ts", lazy("../epub/package.ts"))).toEqual(["no-restricted-syntax"]);
  });
});
