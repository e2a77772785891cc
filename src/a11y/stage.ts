/**
 * The accessibility gate, the last stage of a build (its lint of the sources ran earlier, see
 * ./lint-stage.ts): audit every page that changed since its last audit with pa11y in Chromium,
 * write the reports and the draft accessibility statement, and fail the build on any WCAG 2.1 AA
 * error.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BuildContext, Stage } from "../pipeline/index.ts";
import { BuildFailure } from "../failure.ts";
import { replaceFile } from "../cache/index.ts";
import { serveFolder } from "../serve-static.ts";
import { Auditor, DEFAULT_CONFIG, type AuditConfig, type AuditOutcome } from "./audit.ts";
import { AuditCache } from "./cache.ts";
import { a11yReportDir, gateResult, lintResultOf, reportFileOf } from "./lint-stage.ts";
import { listPages, SEARCH_PAGE_FILE, withSearchState, type AuditPage } from "./pages.ts";
import { PA11YCI_FILE, pa11yCiConfig } from "./pa11yci.ts";
import { failureMessage, summaryLine, writeReports } from "./report.ts";
import { applyIgnores, passed, totals, type GateResult, type PageResult } from "./result.ts";
import { ruleMatches } from "./ignore.ts";
import { fillStatementPage, STATEMENT_FILE, statementHtml, statementSections, statementText } from "./statement.ts";

export const gateStage: Stage = {
  name: "gate",
  async run(ctx: BuildContext) {
    const config: AuditConfig = {
      ...DEFAULT_CONFIG,
      concurrency: ctx.options.a11yConcurrency,
      timeoutMs: ctx.options.a11yTimeoutMs,
    };
    const reportDir = a11yReportDir(ctx);
    const reportFile = reportFileOf(ctx);
    const result = gateResult(ctx, config, await lintResultOf(ctx));

    const pages = await listPages(ctx);
    result.pageCount = pages.length;
    const statementPage = pages.find((p) => p.file === STATEMENT_FILE);
    const isSearchPage = (p: AuditPage) => p.file === SEARCH_PAGE_FILE;
    const cache = new AuditCache(ctx.options.cacheDir, ctx.outDir, ctx.options.pathPrefix, config);
    const server = await serveFolder(ctx.outDir, { pathPrefix: ctx.options.pathPrefix });
    const auditor = new Auditor(server.url, config, ctx.browser);
    try {
      result.pages = await auditAll(
        pages.filter((p) => p !== statementPage && !isSearchPage(p)),
        ctx,
        cache,
        auditor,
      );
      // The search page is audited with results shown, so once its index is written.
      const searchPage = pages.find(isSearchPage);
      if (searchPage) {
        await ctx.finished("search");
        result.pages.push(...(await auditAll([await withSearchState(ctx, searchPage)], ctx, cache, auditor)));
      }
      // The statement is written from the other pages' results, then audited itself.
      const sections = statementSections(ctx.site, result);
      if (statementPage) {
        await writeStatementPage(ctx, statementHtml(sections));
        result.pages.push(...(await auditAll([statementPage], ctx, cache, auditor)));
      }
      result.pages.sort((a, b) => a.page.url.localeCompare(b.page.url));
      result.unusedIgnores = unusedIgnores(result);
      await writeReports(reportDir, result, statementText(ctx.site, statementSections(ctx.site, result)));
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

    const t = totals(result);
    Object.assign(ctx.stats, {
      pagesAudited: t.audited,
      pagesCached: t.cached,
      a11yPages: t.pages,
      a11yErrors: t.errors,
      a11yWarnings: t.warnings,
      a11yIgnored: t.ignored,
      a11yFailedPages: t.failed,
    });
    if (!passed(result)) throw new BuildFailure(failureMessage(result, reportFile));
    ctx.options.log(summaryLine(result, reportFile));
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

/** Fills the draft statement into the page the layout rendered (left as it is if the layout left no place for it). */
async function writeStatementPage(ctx: BuildContext, sectionsHtml: string): Promise<void> {
  const file = path.join(ctx.outDir, STATEMENT_FILE);
  const filled = fillStatementPage(await readFile(file, "utf8"), withPrefix(sectionsHtml, ctx.options.pathPrefix));
  if (filled !== undefined) await replaceFile(file, filled); // the link check may be reading it meanwhile
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
