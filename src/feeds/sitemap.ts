/**
 * sitemap.xml: every public page of the built site. The model's pages (publications, chapters, news,
 * standing pages, houses, topics) plus Eleventy's collections.all, so a page any capability adds is
 * listed too. (Eleventy puts only the first page of a paginated template in collections, hence the
 * model.) Left out are documents kept out of collections (eleventyExcludeFromCollections, e.g. the
 * print documents), pages marked `noindex`, and anything that is not a page (404.html, feeds).
 * `lastmod` comes from the model's dates.
 */
import type { SiteViews } from "../model/index.ts";
import { publicUrl } from "./urls.ts";

/** The part of an Eleventy collection item the sitemap reads. */
export interface CollectionItem {
  url: string | false;
  outputPath: string | false;
  data: { noindex?: boolean; [key: string]: unknown };
}

export interface SitemapEntry {
  loc: string;
  lastmod?: string; // yyyy-mm-dd
}

export function sitemapEntries(items: CollectionItem[], views: SiteViews, pathPrefix = "/"): SitemapEntry[] {
  const lastmod = lastModified(views);
  const urls = new Set<string>(modelPages(views));
  for (const item of items) {
    if (typeof item.url !== "string" || typeof item.outputPath !== "string") continue;
    if (!item.url.endsWith("/") || !item.outputPath.endsWith(".html") || item.data.noindex) continue;
    urls.add(item.url);
  }
  return [...urls]
    .sort()
    .map((url) => ({ loc: publicUrl(url, views.site.info.baseUrl, pathPrefix), lastmod: lastmod.get(url) }));
}

/** Every page the model defines (the paginated templates render one page each). */
function modelPages(views: SiteViews): string[] {
  const { site } = views;
  return [
    ...site.publications.flatMap((p) => [p.url, ...p.chapters.map((c) => c.url)]),
    ...site.news.map((n) => n.url),
    ...site.pages.map((p) => p.url),
    ...views.housePages.map((hp) => hp.house.url),
    ...views.topicPages.map((tp) => tp.url),
  ];
}

/** The date each page last changed, as far as the model knows: its own date, or its newest item's. */
function lastModified(views: SiteViews): Map<string, string> {
  const { site } = views;
  const changed = (p: { date: string; updated?: string }) => p.updated ?? p.date;
  const newest = (dates: string[]) => [...dates].sort().at(-1);
  const dates = new Map<string, string | undefined>();
  for (const p of site.publications) {
    dates.set(p.url, changed(p));
    for (const c of p.chapters) dates.set(c.url, changed(p));
  }
  for (const n of site.news) dates.set(n.url, n.date);
  const all = (list: { date: string; updated?: string }[]) => newest(list.map(changed));
  for (const hp of views.housePages) dates.set(hp.house.url, all([...hp.publications, ...hp.news]));
  for (const tp of views.topicPages) dates.set(tp.url, all([...tp.publications, ...tp.news]));
  dates.set("/publikationer/", all(site.publications));
  dates.set("/nyheder/", all(site.news));
  dates.set("/huse/", all([...site.publications, ...site.news]));
  dates.set("/", all([...site.publications, ...site.news]));
  return new Map([...dates].filter((e): e is [string, string] => e[1] !== undefined));
}
