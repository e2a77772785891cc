/**
 * The one cache module (src/cache): how a key is made (one way for every stage, never from an
 * absolute path), what a stage's code version covers (its whole module graph and the installed
 * packages it loads), and the store's atomic writes and pruning. No build, no Chromium.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CacheStore, cacheKey, CODE_ROOT, codeGraph, codeVersion, importsOf } from "../../src/cache/index.ts";

describe("importsOf", () => {
  it("finds value imports, re-exports, dynamic imports and resolves, and tells type-only ones apart", () => {
    const source = [
      `import path from "node:path";`,
      `import type { Site } from "../model/types.ts";`,
      `import { type A, type B } from "./types-only.ts";`,
      `import { epubEntries, type EpubInput } from "./package.ts";`,
      `export * from "./types.ts";`,
      `export { x, type Y } from "./x.ts";`,
      `export type { Z } from "./z.ts";`,
      `import "./side-effect.ts";`,
      `const later = () => import("../pdf/stage.ts");`,
      `const worker = import.meta.resolve("./worker.ts");`,
      `const axe = createRequire(import.meta.url)("axe-core");`,
      `require.resolve("axe-core/axe.min.js");`,
      `// import { gone } from "./in-a-comment.ts";`,
      `/* import("./in-a-block-comment.ts") */`,
      `const url = "https://example.org/import";`,
    ].join("\n");
    const found = importsOf(source);
    expect(
      found
        .filter((i) => !i.typeOnly)
        .map((i) => i.specifier)
        .sort(),
    ).toEqual(
      [
        "../pdf/stage.ts",
        "./package.ts",
        "./side-effect.ts",
        "./types.ts",
        "./worker.ts",
        "./x.ts",
        "axe-core",
        "axe-core/axe.min.js",
        "node:path",
      ].sort(),
    );
    expect(
      found
        .filter((i) => i.typeOnly)
        .map((i) => i.specifier)
        .sort(),
    ).toEqual(["../model/types.ts", "./types-only.ts", "./z.ts"]);
  });
});

describe("codeGraph / codeVersion", () => {
  it("covers everything the EPUB exporter runs: the worker, src/i18n, its stylesheet and fflate, not type-only imports", () => {
    const graph = codeGraph(["src/epub/stage.ts"]);
    expect(graph.files).toEqual(
      expect.arrayContaining([
        "src/epub/stage.ts",
        "src/epub/worker.ts",
        "src/epub/package.ts",
        "src/i18n/index.ts",
        "src/epub/udgiv.css",
        "src/cache/index.ts",
      ]),
    );
    expect(graph.files).not.toContain("src/model/types.ts"); // types only: erased at run time
    expect(graph.files.some((f) => f.startsWith("src/pdf/"))).toBe(false);
    expect(graph.packages).toEqual(expect.arrayContaining(["fflate", "cheerio"]));
  });

  it("covers what the PDF stage renders with (src/i18n) and the gate's tools as installed (axe-core via pa11y)", () => {
    expect(codeGraph(["src/pdf/stage.ts"]).files).toEqual(
      expect.arrayContaining(["src/pdf/render.ts", "src/pdf/finish.ts", "src/i18n/index.ts"]),
    );
    expect(codeGraph(["src/a11y/audit.ts"]).packages).toEqual(
      expect.arrayContaining(["pa11y", "axe-core", "puppeteer-core"]),
    );
  });

  it("changes with a file outside the graph that a stage names (a template)", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "udgiv-code-"));
    writeFileSync(path.join(dir, "t.njk"), "one");
    const one = codeVersion({ modules: ["src/links/html.ts"], files: ["t.njk"], filesRoot: dir });
    const again = codeVersion({ modules: ["src/links/html.ts"], files: ["t.njk"], filesRoot: dir });
    const other = mkdtempSync(path.join(os.tmpdir(), "udgiv-code-"));
    writeFileSync(path.join(other, "t.njk"), "two");
    expect(again).toBe(one);
    expect(codeVersion({ modules: ["src/links/html.ts"], files: ["t.njk"], filesRoot: other })).not.toBe(one);
    expect(codeVersion({ modules: ["src/links/html.ts"] })).not.toBe(one);
  });
});

describe("cacheKey", () => {
  const parts = {
    stage: "pdf",
    code: "c1",
    tools: { chromium: "139", node: "v20" },
    inputs: { slug: "rapport", html: "<p>x</p>" },
  };

  it("is one hash of stage, code, tools and inputs: each one changes it, the order of tools does not", () => {
    const key = cacheKey(parts);
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(cacheKey({ ...parts, tools: { node: "v20", chromium: "139" } })).toBe(key);
    expect(cacheKey({ ...parts, stage: "epub" })).not.toBe(key);
    expect(cacheKey({ ...parts, code: "c2" })).not.toBe(key);
    expect(cacheKey({ ...parts, tools: { chromium: "140", node: "v20" } })).not.toBe(key);
    expect(cacheKey({ ...parts, inputs: { slug: "rapport", html: "<p>y</p>" } })).not.toBe(key);
  });

  it("names a file inside the cache folder relative to it, so two cache folders give the same key", () => {
    const image = (dir: string) => ({ ...parts, inputs: { fallbackFile: path.join(dir, "images", "abc-960.png") } });
    const a = path.join(os.tmpdir(), "a", ".cache");
    const b = path.join(os.tmpdir(), "a-much-longer-folder", "b", ".cache");
    expect(cacheKey(image(a), { cacheDir: a })).toBe(cacheKey(image(b), { cacheDir: b }));
  });

  it("refuses an absolute path in the checkout or a refused folder (a programming error, caught in tests)", () => {
    expect(() => cacheKey({ ...parts, inputs: { file: path.join(CODE_ROOT, "content", "x.md") } })).toThrow(
      /absolute path/,
    );
    const content = path.join(os.tmpdir(), "somewhere", "content");
    expect(() => cacheKey({ ...parts, inputs: [path.join(content, "x.md")] }, { refuse: [content] })).toThrow(
      /absolute path/,
    );
    // Site paths look absolute but name no file here.
    expect(() =>
      cacheKey({ ...parts, inputs: { url: "/publikationer/rapport/" } }, { refuse: [content] }),
    ).not.toThrow();
  });
});

describe("CacheStore", () => {
  const old = (file: string, days: number) => {
    const time = new Date(Date.now() - days * 24 * 3600 * 1000);
    utimesSync(file, time, time);
  };

  it("writes atomically (no temporary file left) and reads back what it wrote", async () => {
    const store = new CacheStore(mkdtempSync(path.join(os.tmpdir(), "udgiv-store-")), "pdf");
    const entry = { label: "rapport", key: "a".repeat(32) };
    expect(store.has(entry, ".json")).toBe(false);
    await store.write(entry, ".json", JSON.stringify({ pages: 3 }));
    expect(await store.readJson(entry)).toEqual({ pages: 3 });
    expect(readdirSync(store.dir)).toEqual([`rapport-${"a".repeat(32)}.json`]);
  });

  it("keeps the newest entries of a label (all files of an entry together), drops what went unused for a month", async () => {
    const store = new CacheStore(mkdtempSync(path.join(os.tmpdir(), "udgiv-store-")), "pdf", { keepPerLabel: 2 });
    const key = (n: number) => String(n).repeat(32);
    for (let n = 1; n <= 4; n++) {
      await store.write({ label: "a-b", key: key(n) }, ".pdf", "pdf");
      await store.write({ label: "a-b", key: key(n) }, ".json", "{}");
      old(store.file({ label: "a-b", key: key(n) }, ".pdf"), 10 - n); // 1 is the oldest
      old(store.file({ label: "a-b", key: key(n) }, ".json"), 10 - n);
    }
    await store.write({ label: "a", key: key(5) }, ".pdf", "another label");
    await store.write({ key: key(6) }, ".json", "no label, used today");
    await store.write({ key: key(7) }, ".json", "no label, unused for 40 days");
    old(store.file({ key: key(7) }, ".json"), 40);
    writeFileSync(path.join(store.dir, "rapport-0123456789abcdef-0123456789ab.epub"), "an older naming scheme");
    old(path.join(store.dir, "rapport-0123456789abcdef-0123456789ab.epub"), 40);
    writeFileSync(path.join(store.dir, `x-${key(8)}.pdf.999.tmp`), "left by a killed build");
    old(path.join(store.dir, `x-${key(8)}.pdf.999.tmp`), 2);
    writeFileSync(path.join(store.dir, `x-${key(9)}.pdf.998.tmp`), "being written now");

    await store.prune();
    expect(readdirSync(store.dir).sort()).toEqual(
      [
        `a-${key(5)}.pdf`,
        `a-b-${key(3)}.json`,
        `a-b-${key(3)}.pdf`,
        `a-b-${key(4)}.json`,
        `a-b-${key(4)}.pdf`,
        key(6) + ".json",
        `x-${key(9)}.pdf.998.tmp`,
      ].sort(),
    );
  });

  it("marks an entry as used when it is read, so a month-old entry a build still uses survives pruning", async () => {
    const store = new CacheStore(mkdtempSync(path.join(os.tmpdir(), "udgiv-store-")), "a11y");
    const entry = { key: "c".repeat(32) };
    await store.write(entry, ".json", "{}");
    old(store.file(entry, ".json"), 40);
    await store.readJson(entry);
    await store.prune();
    expect(existsSync(store.file(entry, ".json"))).toBe(true);
  });

  it("has nothing to prune in a cache folder that does not exist yet", async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "udgiv-store-")), "never");
    await new CacheStore(dir, "epub").prune();
    mkdirSync(dir);
    expect(readdirSync(dir)).toEqual([]);
  });
});
