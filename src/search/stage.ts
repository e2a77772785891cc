/**
 * The search stage: a Pagefind index of the finished pages in the staging folder, one bundle per
 * language, or several for a language with many pages (see ./index.ts), for the search page (layouts/soeg.njk, layouts/assets/search.js).
 * Pagefind's binary ships in the npm package; nothing is downloaded. Pagefind cannot add to an
 * index, so the whole site is indexed again on every build (about 4 s for 600 pages, 53 s for
 * 11,000 on two cores); the build runs it beside the exports and the gate.
 */
import { BuildFailure } from "../failure.ts";
import type { BuildContext, Stage } from "../pipeline/index.ts";
import { findIndexablePages, SearchIndexError, writeSearchIndex } from "./index.ts";

export const searchStage: Stage = {
  name: "search",
  async run(ctx: BuildContext) {
    const pages = await findIndexablePages(ctx.outDir);
    const expected = expectedPageCount(ctx);
    if (pages.length < expected) {
      throw new BuildFailure(
        `Søgeindekset: kun ${pages.length} af ${expected} sider med indhold er markeret til søgning. ` +
          "Layoutet for publikationer, kapitler, nyheder og sider skal have data-pagefind-body på hovedindholdet (layouts/).",
      );
    }
    try {
      const summary = await writeSearchIndex(ctx.outDir, pages);
      ctx.stats.searchPages = summary.pages;
      ctx.stats.searchBytes = summary.bytes;
      ctx.stats.searchIndexBytes = summary.indexBytes;
      ctx.stats.searchFiles = summary.files;
      ctx.stats.searchBundles = summary.bundles;
      const languages = Object.entries(summary.byLanguage)
        .map(([lang, n]) => `${lang} ${n}`)
        .join(", ");
      ctx.options.log(
        `Søgning: ${summary.pages} sider indekseret (${languages}) i ${summary.bundles} ${summary.bundles === 1 ? "indeks" : "indekser"}, ${Math.round(summary.bytes / 1000)} kB`,
      );
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
