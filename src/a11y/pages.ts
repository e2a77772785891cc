/**
 * The pages the gate audits: every HTML file of the build, each with the source an editor
 * would fix (the Markdown file for content pages, the layout template for lists and indexes)
 * and the rules that page may ignore. The search page is audited with a query, results shown,
 * once its index is written (withSearchState).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { BuildContext } from "../pipeline/index.ts";
import { listOutputFiles, urlOfOutputFile } from "../urls/index.ts";
import { BUNDLES_FILE, SEARCH_FOLDER } from "../search/index.ts";
import type { IgnoredRule } from "./ignore.ts";

export interface AuditPage {
  /** Output file relative to the output folder, e.g. publikationer/x/index.html */
  file: string;
  /** Site-relative URL without the path prefix, query included, e.g. /soeg/?q=tilgængelighed */
  url: string;
  /** What an editor or developer edits to fix the page (repository-relative). */
  source: string;
  /** Whether `source` is Markdown content (else a layout template). */
  isContent: boolean;
  ignored: IgnoredRule[];
  /** Extra files (relative to the output folder) the page reads at run time, for the cache key. */
  dependsOn: string[];
  /** A CSS selector that shows the page is ready (e.g. search results), waited for before the audit. */
  readyWhen?: string;
}

/** The search page, audited with a query once the search index is written. */
export const SEARCH_PAGE_FILE = "soeg/index.html";

export async function listPages(ctx: BuildContext): Promise<AuditPage[]> {
  const written = (await ctx.result("pages"))?.pages ?? new Map();
  const sources = contentSources(ctx);
  return [...written.values()]
    .filter((page) => page.file.endsWith(".html"))
    .map((page) => {
      const url = urlOfOutputFile(page.file);
      const content = sources.get(url);
      return {
        file: page.file,
        url,
        source: content?.source ?? page.template,
        isContent: Boolean(content),
        ignored: content?.ignored ?? [],
        dependsOn: [],
      };
    });
}

/** Model URL → the Markdown file behind it and its ignored rules. */
function contentSources(ctx: BuildContext): Map<string, { source: string; ignored: IgnoredRule[] }> {
  const map = new Map<string, { source: string; ignored: IgnoredRule[] }>();
  for (const pub of ctx.site.publications) {
    map.set(pub.url, { source: pub.sourcePath, ignored: pub.ignoredRules ?? [] });
    for (const chapter of pub.chapters)
      map.set(chapter.url, { source: chapter.sourcePath, ignored: chapter.ignoredRules });
  }
  for (const item of [...ctx.site.news, ...ctx.site.pages])
    map.set(item.url, { source: item.sourcePath, ignored: item.ignoredRules ?? [] });
  return map;
}

/**
 * The search page is audited with a query that has hits, so the results list is part of the audit.
 * The query is the newest publication's title (always indexed); the page is ready when a result shows.
 * The results list is markup made by the page's own script (assets/search.js, in the key as every
 * page's scripts are) with Pagefind's code, so those re-audit the page. The index's data does not:
 * it changes with every edit anywhere, and the titles and excerpts it shows are the pages' own,
 * audited on those pages.
 */
export async function withSearchState(ctx: BuildContext, page: AuditPage): Promise<AuditPage> {
  const title = ctx.site.publications[0]?.title;
  if (!title || ctx.options.skip.has("search")) return page;
  return {
    ...page,
    url: `${page.url}?q=${encodeURIComponent(title)}`,
    dependsOn: await searchCodeFiles(ctx.outDir),
    readyWhen: SEARCH_RESULT_SELECTOR,
  };
}

/** Pagefind's code in the output (per bundle: its script, worker and WebAssembly) and the list of bundles. */
async function searchCodeFiles(outDir: string): Promise<string[]> {
  const dir = path.join(outDir, SEARCH_FOLDER);
  if (!existsSync(dir)) return [];
  const files = await listOutputFiles(dir);
  return files
    .filter((f) => f === BUNDLES_FILE || /^[^/]+\/(pagefind\.js|pagefind-worker\.js|wasm\.[^/]+\.pagefind)$/.test(f))
    .map((f) => `${SEARCH_FOLDER}/${f}`)
    .sort();
}

/** A search result link, in Udgiv's results list or Pagefind's default UI. */
export const SEARCH_RESULT_SELECTOR = "[data-soeg-resultater] a, .soeg-resultat a, .pagefind-ui__result-link";
