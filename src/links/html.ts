/**
 * What a page links to and what it can be linked to: the URL-bearing attributes of HTML, XML
 * feeds and CSS, and the ids (anchors) of an HTML document.
 */
import * as cheerio from "cheerio";

export interface FoundLink {
  /** The attribute value as written (entities decoded). */
  value: string;
  /** Where it was found, for messages: "a href", "img src", "css url()". */
  where: string;
}

/** Attributes that point at another resource, per element. */
const URL_ATTRIBUTES: [selector: string, attribute: string][] = [
  ["a[href]", "href"],
  ["area[href]", "href"],
  ["link[href]", "href"],
  ["img[src]", "src"],
  ["source[src]", "src"],
  ["script[src]", "src"],
  ["iframe[src]", "src"],
  ["audio[src]", "src"],
  ["video[src]", "src"],
  ["video[poster]", "poster"],
  ["track[src]", "src"],
  ["embed[src]", "src"],
  ["object[data]", "data"],
  ["form[action]", "action"],
  ["use[href]", "href"],
];

/** Links and ids of one HTML document, parsed once. */
export function analyseHtml(html: string): { links: FoundLink[]; ids: Set<string> } {
  const $ = cheerio.load(html);
  return { links: linksIn($), ids: idsIn($) };
}

export function linksInHtml(html: string): FoundLink[] {
  return linksIn(cheerio.load(html));
}

export function idsInHtml(html: string): Set<string> {
  return idsIn(cheerio.load(html));
}

function linksIn($: cheerio.CheerioAPI): FoundLink[] {
  const links: FoundLink[] = [];
  for (const [selector, attribute] of URL_ATTRIBUTES) {
    $(selector).each((_, el) => {
      const value = $(el).attr(attribute);
      if (value !== undefined) links.push({ value, where: `${selector.split("[")[0]} ${attribute}` });
    });
  }
  $("img[srcset], source[srcset]").each((_, el) => {
    for (const value of srcsetUrls($(el).attr("srcset") ?? "")) links.push({ value, where: `${tagOf(el)} srcset` });
  });
  $('meta[http-equiv="refresh" i]').each((_, el) => {
    const url = /url\s*=\s*['"]?([^'"]+)/i.exec($(el).attr("content") ?? "")?.[1];
    if (url) links.push({ value: url.trim(), where: "meta refresh" });
  });
  $('meta[property="og:url"], meta[property="og:image"]').each((_, el) => {
    const value = $(el).attr("content");
    if (value) links.push({ value, where: `meta ${$(el).attr("property")}` });
  });
  return links;
}

function idsIn($: cheerio.CheerioAPI): Set<string> {
  const ids = new Set<string>();
  $("[id]").each((_, el) => void ids.add($(el).attr("id")!));
  $("a[name]").each((_, el) => void ids.add($(el).attr("name")!));
  return ids;
}

/** Atom/RSS feeds and sitemaps: their own links, plus the links inside HTML entry content. */
export function linksInXml(xml: string): FoundLink[] {
  const $ = cheerio.load(xml, { xml: true });
  const links: FoundLink[] = [];
  $("link[href]").each((_, el) => void links.push({ value: $(el).attr("href")!, where: "feed link" }));
  $("loc, icon, logo").each((_, el) => void links.push({ value: $(el).text().trim(), where: tagOf(el) }));
  $('content[type="html"], summary[type="html"], description').each((_, el) => {
    for (const link of linksInHtml($(el).text())) links.push({ ...link, where: `${tagOf(el)}: ${link.where}` });
  });
  return links.filter((l) => l.value);
}

export function linksInCss(css: string): FoundLink[] {
  const links: FoundLink[] = [];
  for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) links.push({ value: match[2].trim(), where: "css url()" });
  for (const match of css.matchAll(/@import\s+(['"])([^'"]+)\1/g)) links.push({ value: match[2].trim(), where: "css @import" });
  return links;
}

function srcsetUrls(srcset: string): string[] {
  return srcset
    .split(/,(?=\s|$)/)
    .map((candidate) => candidate.trim().split(/\s+/)[0])
    .filter(Boolean);
}

function tagOf(node: unknown): string {
  return (node as { tagName?: string }).tagName ?? "element";
}
