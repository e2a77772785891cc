/**
 * A build with many broken files reports every mistake together, in Danish and without a stack
 * trace, exits 1, and writes no site and nothing into content/.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fixtureContent, runBuild, type BuildRun } from "../helpers.ts";

const pub = (fields: string, body = "Forord.") => `---\n${fields}\n---\n${body}\n`;
const valid = "titel: T\nresume: R\ndato: 2026-01-02\nhus: styrelsen";

describe("a build with content errors", () => {
  let result: BuildRun;
  let content: string;
  let before: Map<string, number>;

  beforeAll(async () => {
    content = fixtureContent({
      "publikationer/a/index.md": pub(valid.replace("styrelsen", "ukendt")),
      "publikationer/a/01-k.md": "# K\n\n![](mangler.png)\n",
      "nyheder/2026-01-01-x.md": pub("titel: X\ndato: i går\nhus: styrelsen\nresume: R"),
    });
    before = snapshot(content);
    result = await runBuild({ contentDir: content });
  });

  it("exits non-zero and prints every problem together, without a stack trace", () => {
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Der er 4 fejl i indholdet:");
    expect(result.stderr).toContain("content/publikationer/a/index.md:5: hus: ukendt hus");
    expect(result.stderr).toContain("content/publikationer/a/01-k.md:3: billedet mangler.png mangler alt-tekst");
    expect(result.stderr).toContain("content/publikationer/a/01-k.md:3: billedfilen mangler.png findes ikke");
    expect(result.stderr).toContain("content/nyheder/2026-01-01-x.md:3: dato: er ikke en gyldig dato");
    expect(result.stderr).not.toMatch(/\s+at .+\(.+:\d+:\d+\)/);
  });

  it("writes no site and leaves content/ untouched", () => {
    expect(existsSync(result.outDir)).toBe(false);
    expect(readdirSync(path.dirname(result.outDir))).toEqual([]);
    expect(snapshot(content)).toEqual(before);
  });
});

function snapshot(dir: string): Map<string, number> {
  const files = new Map<string, number>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), statSync(file).mtimeMs + readFileSync(file).length);
  }
  return files;
}
