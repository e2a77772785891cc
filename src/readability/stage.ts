/**
 * The readability stage: writes reports/readability.md and warns about chapters that are harder
 * to read than their audience's LIX target. A nudge, not a gate: the build goes on, unless strict
 * mode (`--strict-lix` or UDGIV_STRICT_LIX=1) makes the warnings a BuildFailure.
 *
 * It runs first, before the HTML: it needs only the model (measured when the content loaded),
 * and a strict build should stop before spending time on pages and exports.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { BuildFailure } from "../failure.ts";
import type { BuildContext, Stage } from "../pipeline/index.ts";
import { formatWarnings, lixWarnings, readabilityReport, untargetedNotices } from "./report.ts";

/** Where a build's editor reports go: next to the output folder, so temp builds stay out of the repo. */
export function reportsDir(ctx: BuildContext): string {
  return path.join(path.dirname(path.resolve(ctx.options.outputDir)), "reports");
}

export interface ReadabilityResult {
  counts: { lixWarnings: number };
}

export const readabilityStage: Stage<"readability"> = {
  name: "readability",
  async run(ctx: BuildContext) {
    const dir = reportsDir(ctx);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "readability.md"), readabilityReport(ctx.site));

    // stderr, so `--json` keeps stdout machine-readable and the nudge is still seen.
    const notices = untargetedNotices(ctx.site);
    if (notices.length) console.warn(`\nBemærk:\n${notices.map((n) => `  ${n}.`).join("\n")}`);

    const warnings = lixWarnings(ctx.site);
    const result = { counts: { lixWarnings: warnings.length } };
    if (warnings.length === 0) return result;
    const strict = ctx.options.strictLix;
    if (strict) throw new BuildFailure(formatWarnings(warnings, true));
    console.warn(`\n${formatWarnings(warnings, false)}\n`);
    return result;
  },
};
