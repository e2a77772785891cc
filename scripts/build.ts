/**
 * `npm run build`: builds the site from content/ into _site/ (model, HTML, exports, search, gate).
 * Options: --content DIR  --out DIR  --cache DIR  --path-prefix /sub/  --full  --skip pdf,gate  --json  --strict-lix
 * Editor mistakes are printed as a list of problems (no stack trace) and the exit code is 1.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { build, defaultOptions } from "../src/build/index.ts";
import { reportFailure } from "../src/build/report.ts";

const { values } = parseArgs({
  options: {
    content: { type: "string" },
    out: { type: "string" },
    cache: { type: "string" },
    "path-prefix": { type: "string" },
    full: { type: "boolean", default: false },
    skip: { type: "string" },
    json: { type: "boolean", default: false },
    "strict-lix": { type: "boolean", default: false },
  },
});

const root = path.resolve(import.meta.dirname, "..");
const options = defaultOptions({
  root,
  ...(values.content && { contentDir: path.resolve(values.content) }),
  ...(values.out && { outputDir: path.resolve(values.out) }),
  ...(values.cache && { cacheDir: path.resolve(values.cache) }),
  pathPrefix: values["path-prefix"] ?? process.env.UDGIV_PATH_PREFIX ?? "/",
  full: values.full || process.env.UDGIV_FULL === "1",
  strictLix: values["strict-lix"] || process.env.UDGIV_STRICT_LIX === "1",
  skip: new Set((values.skip ?? process.env.UDGIV_SKIP ?? "").split(",").map((s) => s.trim()).filter(Boolean)),
  log: values.json ? () => {} : (message: string) => console.log(message),
});

try {
  const result = await build(options);
  if (values.json) {
    console.log(JSON.stringify({ timings: result.timings, stats: result.stats }));
  } else {
    const stages = Object.entries(result.timings).map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(", ");
    console.log(`Udgiv: byggede ${result.site.publications.length} publikationer og ${result.site.news.length} nyheder til ${path.relative(process.cwd(), options.outputDir) || "."} (${stages})`);
  }
} catch (error) {
  process.exitCode = reportFailure(error);
}
