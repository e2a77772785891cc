/**
 * The accessibility gate, in two stages: the lint of the sources runs from the model, beside the
 * HTML stage, and stops a build with source problems before anything is audited; the gate proper,
 * the last stage, audits every page that changed since its last audit with pa11y in Chromium,
 * writes the reports and the draft accessibility statement, and fails the build on any WCAG 2.1 AA
 * error. Skipping "gate" skips both.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { BuildContext, Stage } from "../build/index.ts";
import { BuildFailure } from "../build/errors.ts";
import { replaceFile } from "../build/files.ts";
import { serveFolder } from "../serve-static.ts";
import { Auditor, DEFAULT_CONFIG, type AuditConfig, type AuditOutcome } from "./audit.ts";
import { AuditCache } from "./cache.ts";
import { lintSiteDetailed, type LintResult } from "./lint.ts";
import { listPages, type AuditPage } from "./pages.ts";
import { failureMessage, lintFailureMessage, summaryLine, writeReports } from "./report.ts";
import { applyIgnores, passed, totals, type GateResult, type PageResult } from "./result.ts";
import { ruleMatches } from "./ignore.ts";
import { contentDate, fillStatementPage, STATEMENT_FILE, statementHtml, statementSections, statementText } from "./statement.ts";

export { lintSite, lintSiteDetailed } from "./lint.ts";

/** Where the gate's reports go: reports/a11y/ next to the output folder (the repo root for _site/). */
export function a11yReportDir(ctx: BuildContext): string {
  return path.join(path.dirname(path.resolve(ctx.options.outputDir)), "reports", "a11y");
}

/** The lint result of each build, from the lint stage to the gate. */
const lintResults = new WeakMap<BuildContext, LintResult>();

export const lintStage: Stage = {
  name: "a11y-lint",
  async run(ctx: BuildContext) {
    if (ctx.options.skip.has("gate")) return;
    const start = performance.now();
    const lint = await lintSiteDetailed(ctx.site);
    ctx.stats.a11yLintMs = Math.round(performance.now() - start);
    lintResults.set(ctx, lint);
    if (lint.problems.length > 0) {
      const result = gateResult(ctx, DEFAULT_CONFIG, lint);
      await writeReports(a11yReportDir(ctx), result);
      throw new BuildFailure(lintFailureMessage(result, reportFileOf(ctx)));
    }
  },
};

export const gateStage: Stage = {
  name: "gate",
  async run(ctx: BuildContext) {
    const config: AuditConfig = {
      ...DEFAULT_CONFIG,
      concurrency: Number(process.env.UDGIV_A11Y_CONCURRENCY) || DEFAULT_CONFIG.concurrency,
      timeoutMs: Number(process.env.UDGIV_A11Y_TIMEOUT_MS) || DEFAULT_CONFIG.timeoutMs,
    };
    const reportDir = a11yReportDir(ctx);
    const reportFile = reportFileOf(ctx);
    const result = gateResult(ctx, config, lintResults.get(ctx) ?? (await lintSiteDetailed(ctx.site)));

    const pages = await listPages(ctx);
    result.pageCount = pages.length;
    const statementPage = pages.find((p) => p.file === STATEMENT_FILE);
    const cache = new AuditCache(path.join(ctx.options.cacheDir, "a11y"), ctx.outDir, ctx.options.pathPrefix, config);
    const server = await serveFolder(ctx.outDir, { pathPrefix: ctx.options.pathPrefix });
    const auditor = new Auditor(server.url, config);
    try {
      result.pages = await auditAll(pages.filter((p) => p !== statementPage), ctx, cache, auditor);
      // The statement is written from the other pages' results, then audited itself.
      const sections = statementSections(ctx.site, result);
      if (statementPage) {
        await writeStatementPage(ctx, statementHtml(sections));
        result.pages.push(...(await auditAll([statementPage], ctx, cache, auditor)));
      }
      result.pages.sort((a, b) => a.page.url.localeCompare(b.page.url));
      result.unusedIgnores = unusedIgnores(result);
      await writeReports(reportDir, result, statementText(ctx.site, statementSections(ctx.site, result)));
    } finally {
      await auditor.close();
      await server.close();
      await cache.prune().catch(() => {});
    }

    const t = totals(result);
    Object.assign(ctx.stats, {
      pagesAudited: t.audited, pagesCached: t.cached, a11yPages: t.pages, a11yErrors: t.errors,
      a11yWarnings: t.warnings, a11yIgnored: t.ignored, a11yFailedPages: t.failed,
    });
    if (!passed(result)) throw new BuildFailure(failureMessage(result, reportFile));
    ctx.options.log(summaryLine(result, reportFile));
  },
};

function gateResult(ctx: BuildContext, config: AuditConfig, lint: LintResult): GateResult {
  return {
    date: contentDate(ctx.site),
    config,
    pages: [],
    pageCount: 0,
    lint,
    documents: [...ctx.downloads.values()].reduce((n, list) => n + list.length, 0),
    unusedIgnores: [],
  };
}

const reportFileOf = (ctx: BuildContext): string => shortPath(path.join(a11yReportDir(ctx), "index.html"));

/** Cached results for unchanged pages; pa11y for the rest (all of them with --full). */
async function auditAll(pages: AuditPage[], ctx: BuildContext, cache: AuditCache, auditor: Auditor): Promise<PageResult[]> {
  const results: PageResult[] = [];
  const keys = new Map<AuditPage, string>();
  const todo: AuditPage[] = [];
  for (const page of pages) {
    const key = await cache.keyOf(page);
    keys.set(page, key);
    const cached = ctx.options.full ? undefined : await cache.read(key);
    if (cached) results.push({ page, cached: true, title: cached.title, ...applyIgnores(page, cached.issues) });
    else todo.push(page);
  }
  await auditor.run(todo, async (page: AuditPage, outcome: AuditOutcome) => {
    if (outcome.ok) {
      await cache.write(keys.get(page)!, outcome.audit);
      results.push({ page, cached: false, title: outcome.audit.title, ...applyIgnores(page, outcome.audit.issues) });
    } else {
      results.push({ page, cached: false, failure: outcome.error, title: "", issues: [], ignoredIssues: [] });
    }
  });
  return results;
}

/** Fills the draft statement into the page the layout rendered; false if the layout left no place for it. */
async function writeStatementPage(ctx: BuildContext, sectionsHtml: string): Promise<boolean> {
  const file = path.join(ctx.outDir, STATEMENT_FILE);
  const filled = fillStatementPage(await readFile(file, "utf8"), withPrefix(sectionsHtml, ctx.options.pathPrefix));
  if (filled === undefined) return false;
  await replaceFile(file, filled); // the link check may be reading it meanwhile
  return true;
}

/** Site-relative links in HTML written after Eleventy's base plugin ran get the path prefix by hand. */
function withPrefix(html: string, pathPrefix: string): string {
  const prefix = `/${pathPrefix.replace(/^\/+|\/+$/g, "")}`.replace(/^\/$/, "");
  return prefix ? html.replace(/href="\/(?!\/)/g, `href="${prefix}/`) : html;
}

/** Ignore entries in front matter that covered nothing in this audit or the lint. */
function unusedIgnores(result: GateResult): GateResult["unusedIgnores"] {
  const unused: GateResult["unusedIgnores"] = [];
  for (const page of result.pages) {
    for (const entry of page.page.ignored) {
      const used = page.ignoredIssues.some((i) => i.rule === entry.rule) ||
        result.lint.ignored.some((i) => i.finding.file === page.page.source && ruleMatches(entry.rule, { code: i.finding.rule, criterion: i.finding.criterion }));
      if (!used) unused.push({ source: page.page.source, url: page.page.url, rule: entry.rule, reason: entry.reason });
    }
  }
  return unused;
}

/** Relative to the working folder when inside it (reports/a11y/index.html), absolute otherwise. */
function shortPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}
