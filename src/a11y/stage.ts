/**
 * The accessibility gate, the last stage of a build (its lint of the sources ran earlier, see
 * ./lint-stage.ts): audit every page that changed since its last audit with pa11y in Chromium,
 * write the reports and the draft accessibility statement, and fail the build on any WCAG 2.1 AA
 * error.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { BuildContext, Stage } from "../pipeline/index.ts";
import { BuildFailure } from "../failure.ts";
import { serveFolder } from "../serve-static.ts";
import { Auditor, DEFAULT_CONFIG, type AuditConfig, type AuditOutcome } from "./audit.ts";
import { AuditCache } from "./cache.ts";
import { a11yReportDir, gateResult, reportFileOf } from "./lint-stage.ts";
import { listPages, SEARCH_PAGE_FILE, withSearchState, type AuditPage } from "./pages.ts";
import { PA11YCI_FILE, pa11yCiConfig } from "./pa11yci.ts";
import { failureMessage, summaryLine, writeReports } from "./report.ts";
import { applyIgnores, passed, totals, type GateResult, type PageResult } from "./result.ts";
import { ruleMatches } from "./ignore.ts";
import { statementSectionsOf, statementText } from "./statement.ts";

export interface GateStageResult {
  result: GateResult;
  counts: ReturnType<typeof totals>;
}

export const gateStage: Stage<"gate"> = {
  name: "gate",
  async run(ctx: BuildContext) {
    const config: AuditConfig = {
      ...DEFAULT_CONFIG,
      concurrency: ctx.options.a11yConcurrency,
      timeoutMs: ctx.options.a11yTimeoutMs,
    };
    const reportDir = a11yReportDir(ctx);
    const reportFile = reportFileOf(ctx);
    const lint = (await ctx.result("a11y-lint"))?.lint;
    if (!lint) throw new Error("the gate runs only after the lint of the sources");
    const result = gateResult(ctx, config, lint);

    const pages = await listPages(ctx);
    result.pageCount = pages.length;
    const isSearchPage = (p: AuditPage) => p.file === SEARCH_PAGE_FILE;
    const cache = new AuditCache(ctx.options.cacheDir, ctx.outDir, ctx.options.pathPrefix, config);
    const server = await serveFolder(ctx.outDir, { pathPrefix: ctx.options.pathPrefix });
    const auditor = new Auditor(server.url, config, ctx.browser);
    try {
      result.pages = await auditAll(
        pages.filter((p) => !isSearchPage(p)),
        ctx,
        cache,
        auditor,
      );
      // The search page is audited with results shown, so once its index is written.
      const searchPage = pages.find(isSearchPage);
      if (searchPage) {
        await ctx.result("search");
        result.pages.push(...(await auditAll([await withSearchState(ctx, searchPage)], ctx, cache, auditor)));
      }
      result.pages.sort((a, b) => a.page.url.localeCompare(b.page.url));
      result.unusedIgnores = unusedIgnores(result);
      const statement = await statementSectionsOf(ctx);
      await writeReports(reportDir, result, statement && statementText(ctx.site, statement));
      const audited = result.pages.map((p) => p.page);
      const pa11yCi = pa11yCiConfig(audited, config, {
        baseUrl: ctx.site.info.baseUrl,
        pathPrefix: ctx.options.pathPrefix,
      });
      await writeFile(path.join(reportDir, PA11YCI_FILE), `${JSON.stringify(pa11yCi, null, 2)}\n`);
    } finally {
      await auditor.close();
      await server.close();
      await cache.prune().catch(() => {});
    }

    if (!passed(result)) throw new BuildFailure(failureMessage(result, reportFile));
    ctx.options.log(summaryLine(result, reportFile));
    return { result, counts: totals(result) };
  },
};

/** Cached results for unchanged pages; pa11y for the rest (all of them with --full). */
async function auditAll(
  pages: AuditPage[],
  ctx: BuildContext,
  cache: AuditCache,
  auditor: Auditor,
): Promise<PageResult[]> {
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

/** Ignore entries in front matter that covered nothing in this audit or the lint. */
function unusedIgnores(result: GateResult): GateResult["unusedIgnores"] {
  const unused: GateResult["unusedIgnores"] = [];
  for (const page of result.pages) {
    for (const entry of page.page.ignored) {
      const used =
        page.ignoredIssues.some((i) => i.rule === entry.rule) ||
        result.lint.ignored.some(
          (i) =>
            i.finding.file === page.page.source &&
            ruleMatches(entry.rule, { code: i.finding.rule, criterion: i.finding.criterion }),
        );
      if (!used) unused.push({ source: page.page.source, url: page.page.url, rule: entry.rule, reason: entry.reason });
    }
  }
  return unused;
}
