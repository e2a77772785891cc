/**
 * The first half of the accessibility gate: the lint of the Markdown sources, from the model.
 * It runs beside the exports and stops a build with source problems before anything is audited.
 * Each file's findings are remembered between builds by its content. Skipping "gate" skips it too.
 */
import path from "node:path";
import type { BuildContext, Stage } from "../pipeline/index.ts";
import { BuildFailure } from "../failure.ts";
import { cacheKey, codeVersion, ContentMemo } from "../cache/index.ts";
import { DEFAULT_CONFIG, type AuditConfig } from "./audit.ts";
import { lintSiteDetailed, type LintFinding, type LintResult } from "./lint.ts";
import { lintFailureMessage, writeReports } from "./report.ts";
import type { GateResult } from "./result.ts";
import { contentDate } from "./statement.ts";

export interface LintStageResult {
  /** The lint of the sources; none when the build skips the gate. */
  lint?: LintResult;
  counts: { lintMs: number };
}

export const lintStage: Stage<"a11y-lint"> = {
  name: "a11y-lint",
  async run(ctx: BuildContext) {
    if (ctx.options.skip.has("gate")) return { counts: { lintMs: 0 } };
    const start = performance.now();
    const lint = await lintWithMemo(ctx);
    const lintMs = Math.round(performance.now() - start);
    if (lint.problems.length > 0) {
      const result = gateResult(ctx, DEFAULT_CONFIG, lint);
      await writeReports(a11yReportDir(ctx), result);
      throw new BuildFailure(lintFailureMessage(result, reportFileOf(ctx)));
    }
    return { lint, counts: { lintMs } };
  },
};

async function lintWithMemo(ctx: BuildContext): Promise<LintResult> {
  // A change to the lint's code (or what it imports: the Markdown parser, front matter) lints every file again.
  const version = cacheKey({ stage: "a11y-lint", code: codeVersion({ modules: ["src/a11y/lint.ts"] }) });
  const memo = await ContentMemo.open<LintFinding[]>(
    path.join(ctx.options.cacheDir, "a11y-lint", "findings.json"),
    version,
  );
  const result = await lintSiteDetailed(ctx.site, memo);
  await memo.save();
  return result;
}

export function gateResult(ctx: BuildContext, config: AuditConfig, lint: LintResult): GateResult {
  return {
    date: contentDate(ctx.site, ctx.options.sourceDateEpoch),
    config,
    pages: [],
    pageCount: 0,
    lint,
    unusedIgnores: [],
  };
}

/** Where the gate's reports go: reports/a11y/ next to the output folder (the repo root for _site/). */
export function a11yReportDir(ctx: BuildContext): string {
  return path.join(path.dirname(path.resolve(ctx.options.outputDir)), "reports", "a11y");
}

export const reportFileOf = (ctx: BuildContext): string => shortPath(path.join(a11yReportDir(ctx), "index.html"));

/** Relative to the working folder when inside it (reports/a11y/index.html), absolute otherwise. */
function shortPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}
