/**
 * build() called from code: its settings reach Eleventy through the programmatic configuration,
 * not the environment, so two builds of different content in one process each render their own,
 * and no UDGIV_* variable is set on the way.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { build, defaultOptions } from "../../src/pipeline/index.ts";
import { stages } from "../../src/pipeline/stages.ts";
import { fixtureContent, readOutput, ROOT, testCacheDir } from "../helpers.ts";

describe("build() from code", () => {
  it("renders the content it is given, twice in one process, and sets no environment variable", async () => {
    const udgivVariables = () => Object.entries(process.env).filter(([name]) => name.startsWith("UDGIV_"));
    const before = udgivVariables();
    const onlyHtml = new Set(
      stages.map((s) => s.name).filter((name) => !["readability", "html", "pages"].includes(name)),
    );
    const titles: string[] = [];
    for (const title of ["Første indhold", "Andet indhold"]) {
      const outputDir = path.join(mkdtempSync(path.join(os.tmpdir(), "udgiv-in-process-")), "_site");
      const contentDir = fixtureContent({ "sider/om.md": `---\ntitel: ${title}\n---\nTekst.\n` });
      await build(
        defaultOptions({ root: ROOT, contentDir, outputDir, cacheDir: testCacheDir(), skip: onlyHtml, log: () => {} }),
      );
      titles.push(/<h1[^>]*>([^<]*)<\/h1>/.exec(readOutput(outputDir, "/om/"))?.[1] ?? "");
    }
    expect(titles).toEqual(["Første indhold", "Andet indhold"]);
    expect(udgivVariables()).toEqual(before); // (Eleventy sets its own ELEVENTY_* variables)
  });
});
