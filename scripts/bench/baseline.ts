/**
 * The anchor of the benchmark: plain Eleventy 3 with plain markdown-it and one minimal layout,
 * no plugins, over the same Markdown files as the Udgiv build (publications, news, pages).
 * It is written as a throw-away project (plain .mjs, so no tsx) and run in a child process that
 * times `new Eleventy(...).write()`: the same call the Udgiv HTML stage makes.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { listFiles } from "./corpus.ts";

export interface BaselineProject {
  dir: string;
  /** `node <script>`: prints {"ms": <write time>, "files": <pages written>} on its last line. */
  script: string;
  output: string;
}

export function prepareBaseline(root: string, contentDir: string, dir: string): BaselineProject {
  rmSync(dir, { recursive: true, force: true });
  const input = path.join(dir, "src");
  for (const file of listFiles(contentDir).filter((f) => f.endsWith(".md"))) {
    const target = path.join(input, path.relative(contentDir, file));
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  // Every page gets the minimal layout through a directory data file at the input's root.
  writeFileSync(path.join(input, "src.11tydata.json"), JSON.stringify({ layout: "base.njk" }));
  mkdirSync(path.join(input, "_includes"), { recursive: true });
  writeFileSync(path.join(input, "_includes", "base.njk"), LAYOUT);

  const require = createRequire(path.join(root, "package.json"));
  const markdownIt = pathToFileURL(require.resolve("markdown-it")).href;
  const eleventy = pathToFileURL(path.join(root, "node_modules/@11ty/eleventy/src/Eleventy.js")).href;
  writeFileSync(
    path.join(dir, "eleventy.config.mjs"),
    [
      `import markdownIt from ${JSON.stringify(markdownIt)};`,
      "export default function (eleventyConfig) {",
      '  eleventyConfig.setLibrary("md", markdownIt({ html: true }));',
      "}",
      "",
    ].join("\n"),
  );
  const script = path.join(dir, "run.mjs");
  const output = path.join(dir, "_site");
  writeFileSync(
    script,
    [
      `import Eleventy from ${JSON.stringify(eleventy)};`,
      "const start = performance.now();",
      `const eleventy = new Eleventy(${JSON.stringify(input)}, ${JSON.stringify(output)}, { configPath: ${JSON.stringify(path.join(dir, "eleventy.config.mjs"))}, quietMode: true });`,
      "const results = await eleventy.write();",
      "const files = (Array.isArray(results) ? results.flat(Infinity) : []).filter((r) => r && r.outputPath).length;",
      "console.log(JSON.stringify({ ms: Math.round(performance.now() - start), files }));",
      "",
    ].join("\n"),
  );
  return { dir, script, output };
}

const LAYOUT = `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ titel or title or page.fileSlug }}</title>
</head>
<body>
<main>
{% if titel %}<h1>{{ titel }}</h1>{% endif %}
{{ content | safe }}
</main>
</body>
</html>
`;
