/**
 * Atom feeds from the model: one for everything, one per content type (publications, news) and one
 * per house (the house's electronic newsletter). Entries carry the full summary, the publication
 * date (and the update date, where given) and the house as author. Nothing depends on the clock:
 * a feed's `updated` is its newest entry's date, so the same content gives the same feed.
 */
import { t } from "../i18n/index.ts";
import type { House, Language, NewsItem, Publication, Site } from "../model/index.ts";
import { publicUrl } from "./urls.ts";

/** Newest entries per feed; older items stay on the site, the lists and the sitemap. */
export const FEED_LIMIT = 50;

export type FeedScope =
  { kind: "all" } | { kind: "publications" } | { kind: "news" } | { kind: "house"; house: string };

export interface FeedPerson {
  name: string;
  uri: string; // absolute
}

export interface FeedEntry {
  id: string; // the entry's absolute URL: stable as long as the page keeps its address
  url: string; // absolute
  path: string; // site-relative, for resolving the links in `html`
  title: string;
  summary: string;
  /** Full body as HTML with site-relative URLs; the template makes them absolute. */
  html: string;
  published: Date;
  updated: Date;
  author: FeedPerson;
  categories: string[];
  lang: Language;
  kind: "publication" | "news";
}

export interface Feed {
  path: string; // site-relative, e.g. /feeds/alle.xml
  id: string;
  selfUrl: string;
  alternateUrl: string; // the HTML page the feed mirrors
  title: string;
  subtitle: string;
  lang: Language;
  updated: Date;
  author: FeedPerson;
  entries: FeedEntry[];
}

export interface FeedLink {
  path: string;
  title: string;
}

/** Where each feed lives (site-relative). */
export function feedPath(scope: FeedScope): string {
  switch (scope.kind) {
    case "all":
      return "/feeds/alle.xml";
    case "publications":
      return "/feeds/publikationer.xml";
    case "news":
      return "/feeds/nyheder.xml";
    case "house":
      return `/feeds/huse/${scope.house}.xml`;
  }
}

/** The feed titles a page's `<link rel="alternate">` names. */
export function feedTitle(site: Site, scope: FeedScope): string {
  const lang = site.info.language;
  switch (scope.kind) {
    case "all":
      return site.info.name;
    case "publications":
      return `${t(lang, "allPublications")} – ${site.info.name}`;
    case "news":
      return `${t(lang, "allNews")} – ${site.info.name}`;
    case "house":
      return houseOf(site, scope.house).name;
  }
}

export function buildFeed(site: Site, scope: FeedScope, pathPrefix = "/"): Feed {
  const abs = (url: string) => publicUrl(url, site.info.baseUrl, pathPrefix);
  const house = scope.kind === "house" ? houseOf(site, scope.house) : undefined;
  const inScope = (item: { house: string }) => !house || item.house === house.id;
  const publications = scope.kind === "news" ? [] : site.publications.filter(inScope);
  const news = scope.kind === "publications" ? [] : site.news.filter(inScope);
  const entries = [
    ...publications.map((p) => publicationEntry(site, p, abs)),
    ...news.map((n) => newsEntry(site, n, abs)),
  ]
    .sort((a, b) => b.updated.getTime() - a.updated.getTime() || a.path.localeCompare(b.path))
    .slice(0, FEED_LIMIT);

  const path = feedPath(scope);
  const alternate = { all: "/", publications: "/publikationer/", news: "/nyheder/", house: house?.url ?? "/" }[
    scope.kind
  ];
  return {
    path,
    id: abs(path),
    selfUrl: abs(path),
    alternateUrl: abs(alternate),
    title: feedTitle(site, scope),
    subtitle: house?.description ?? site.info.description,
    lang: site.info.language,
    updated: entries[0]?.updated ?? newestDate(site),
    author: house ? { name: house.name, uri: abs(house.url) } : { name: site.info.name, uri: abs("/") },
    entries,
  };
}

/** The feeds a page offers: the whole site, its content type's feed and its house's feed. */
export function feedLinks(site: Site, pageUrl: string, houseId?: string): FeedLink[] {
  const scopes: FeedScope[] = [{ kind: "all" }];
  if (pageUrl.startsWith("/publikationer/")) scopes.push({ kind: "publications" });
  if (pageUrl.startsWith("/nyheder/")) scopes.push({ kind: "news" });
  if (houseId && site.info.houses.some((h) => h.id === houseId)) scopes.push({ kind: "house", house: houseId });
  return scopes.map((scope) => ({ path: feedPath(scope), title: feedTitle(site, scope) }));
}

function publicationEntry(site: Site, p: Publication, abs: (url: string) => string): FeedEntry {
  const house = houseOf(site, p.house);
  const cover = p.cover
    ? `<p><img src="${escapeHtml(p.cover.fallbackUrl)}" alt="${escapeHtml(p.cover.alt)}"></p>\n`
    : "";
  const contents = p.chapters.length
    ? `<h2>${escapeHtml(t(p.lang, "contents"))}</h2>\n<ol>\n${p.chapters.map((c) => `<li><a href="${escapeHtml(c.url)}">${escapeHtml(c.title)}</a></li>`).join("\n")}\n</ol>\n`
    : "";
  return {
    id: abs(p.url),
    url: abs(p.url),
    path: p.url,
    title: p.subtitle ? `${p.title}: ${p.subtitle}` : p.title,
    summary: p.summary,
    html: `${cover}<p>${escapeHtml(p.summary)}</p>\n${p.introHtml}${contents}`,
    published: isoDate(p.date),
    updated: isoDate(p.updated ?? p.date),
    author: { name: house.name, uri: abs(house.url) },
    categories: p.topics,
    lang: p.lang,
    kind: "publication",
  };
}

function newsEntry(site: Site, n: NewsItem, abs: (url: string) => string): FeedEntry {
  const house = houseOf(site, n.house);
  return {
    id: abs(n.url),
    url: abs(n.url),
    path: n.url,
    title: n.title,
    summary: n.summary,
    html: `<p>${escapeHtml(n.summary)}</p>\n${n.html}`,
    published: isoDate(n.date),
    updated: isoDate(n.date),
    author: { name: house.name, uri: abs(house.url) },
    categories: n.topics,
    lang: n.lang,
    kind: "news",
  };
}

function houseOf(site: Site, id: string): House {
  const house = site.info.houses.find((h) => h.id === id);
  if (!house) throw new Error(`Unknown house "${id}" (the model should have refused it)`);
  return house;
}

/** The newest date on the site: the `updated` of a feed with no entries (a house that has published nothing yet). */
function newestDate(site: Site): Date {
  const dates = [...site.publications.map((p) => p.updated ?? p.date), ...site.news.map((n) => n.date)].sort();
  return isoDate(dates.at(-1) ?? "1970-01-01");
}

/** An ISO date (yyyy-mm-dd) as midnight UTC, so it reads as the same calendar day in Denmark. */
function isoDate(iso: string): Date {
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
