/**
 * The content model: the public face other capabilities use.
 * `getSite` memoises one model per content folder for the length of a build, so the
 * build pipeline and Eleventy share one parse of the Markdown.
 */
import { loadSite, type LoadOptions } from "./load.ts";
import type { Site } from "./types.ts";

export * from "./types.ts";
export { ContentError, formatProblem, formatProblems, ProblemList, type ContentProblem } from "./errors.ts";
export { parseSource } from "./frontmatter.ts";
export { siteViews, type SiteViews } from "./views.ts";
export { default as modelPlugin } from "./plugin.ts";
export { loadSite, type LoadOptions } from "./load.ts";

const memo = new Map<string, Promise<Site>>();

export function getSite(options: LoadOptions): Promise<Site> {
  const key = `${options.contentDir}\0${options.imageCacheDir}`;
  let site = memo.get(key);
  if (!site) {
    site = loadSite(options);
    memo.set(key, site);
    site.catch(() => memo.delete(key));
  }
  return site;
}

/** Forget memoised models (the dev server calls this before each rebuild). */
export function forgetSites(): void {
  memo.clear();
}
