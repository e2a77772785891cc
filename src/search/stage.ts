/**
 * The search stage: a Pagefind index of the finished pages in the staging folder, one bundle per
 * language, or several for a language with many pages (see ./index.ts), for the search page (layouts/soeg.njk, layouts/assets/search.js).
 * Pagefind's binary ships in the npm package; nothing is downloaded. Pagefind cannot add to an
 * index, so the whole site is indexed again on every build (about 4 s for 600 pages, 53 s for
 * 11,000 on two cores); the build runs it beside the exports and the gate.
 */
import { BuildFailure } from "../failure.ts";
import type { BuildContext, Stage } from "../pipeline/index.ts";
import { indexablePages, SearchIndexError, writeSearchIndex, type SearchIndexSummary } from "./index.ts";

export interface SearchResult {
  counts: Omit<SearchIndexSummary, "byLanguage">;
}

export const searchStage: Stage<"search"> = {
  name: "search",
  async run(ctx: BuildContext) {
    // The pages as rendered: what the pages stage adds (download lists, the statement) is not indexed.
    const pages = indexablePages((await ctx.result("html"))?.pages ?? []);
    const expected = expectedPageCount(ctx);
    if (pages.length < expected) {
      throw new BuildFailure(
        `Søgeindekset: kun ${pages.length} af ${expected} sider med indhold er markeret til søgning. ` +
          "Layoutet for publikationer, kapitler, nyheder og sider skal have data-pagefind-body på hovedindholdet (layouts/).",
      );
    }
    try {
      const summary = await writeSearchIndex(ctx.outDir, pages);
      const languages = Object.entries(summary.byLanguage)
        .map(([lang, n]) => `${lang} ${n}`)
        .join(", ");
      ctx.options.log(
        `Søgning: ${summary.pages} sider indekseret (${languages}) i ${summary.bundles} ${summary.bundles === 1 ? "indeks" : "indekser"}, ${Math.round(summary.bytes / 1000)} kB`,
      );
      const { byLanguage: _, ...counts } = summary;
      return { counts };
    } catch (error) {
      if (error instanceof SearchIndexError) throw new BuildFailure(`Søgeindekset kunne ikke bygges: ${error.message}`);
      throw error;
    }
  },
};

/** Every publication, chapter, news item and standing page is a search result of its own. */
function expectedPageCount(ctx: BuildContext): number {
  const { publications, news, pages } = ctx.site;
  return publications.length + publications.reduce((n, p) => n + p.chapters.length, 0) + news.length + pages.length;
}
