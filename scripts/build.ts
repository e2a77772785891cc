/**
 * `npm run build`: builds the site from content/ into _site/ (model, HTML, exports, search, gate).
 * Options and their environment aliases: scripts/options.ts.
 * Editor mistakes are printed as a list of problems (no stack trace) and the exit code is 1.
 */
import path from "node:path";
import { build } from "../src/pipeline/index.ts";
import { countsOf, reportFailure } from "../src/pipeline/index.ts";
import { buildCommandLine } from "./options.ts";

const root = path.resolve(import.meta.dirname, "..");
const { options, json } = buildCommandLine(process.argv.slice(2), process.env, root);

try {
  const result = await build(options);
  if (json) {
    console.log(JSON.stringify({ timings: result.timings, counts: countsOf(result.results) }));
  } else {
    const stages = Object.entries(result.timings)
      .map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`)
      .join(", ");
    console.log(
      `Udgiv: byggede ${result.site.publications.length} publikationer og ${result.site.news.length} nyheder til ${path.relative(process.cwd(), options.outputDir) || "."} (${stages})`,
    );
  }
} catch (error) {
  process.exitCode = reportFailure(error);
}
