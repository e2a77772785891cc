/**
 * What a page links to and what it can be linked to: the URL-bearing attributes of HTML, XML
 * feeds and CSS, and the ids (anchors) of an HTML document.
 */
import * as cheerio from "cheerio";
import { Parser } from "htmlparser2";

export interface FoundLink {
  /** The attribute value as written (entities decoded). */
  value: string;
  /** Where it was found, for messages: "a href", "img src", "css url()". */
  where: string;
}

/** Attributes that point at another resource, per element. */
const URL_ATTRIBUTES: Record<string, string[]> = {
  a: ["href"],
  area: ["href"],
  link: ["href"],
  img: ["src", "srcset"],
  source: ["src", "srcset"],
  script: ["src"],
  iframe: ["src"],
  audio: ["src"],
  video: ["src", "poster"],
  track: ["src"],
  embed: ["src"],
  object: ["data"],
  form: ["action"],
  use: ["href"],
};

/** Links and ids of one HTML document, in one streaming pass (no DOM: sites have thousands of pages). */
export function analyseHtml(html: string): { links: FoundLink[]; ids: Set<string> } {
  const links: FoundLink[] = [];
  const ids = new Set<string>();
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (attributes.id) ids.add(attributes.id);
        if (name === "a" && attributes.name) ids.add(attributes.name);
        for (const attribute of URL_ATTRIBUTES[name] ?? []) {
          const value = attributes[attribute];
          if (value === undefined) continue;
          if (attribute === "srcset")
            for (const url of srcsetUrls(value)) links.push({ value: url, where: `${name} srcset` });
          else links.push({ value, where: `${name} ${attribute}` });
        }
        if (name === "meta") links.push(...metaLinks(attributes));
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return { links, ids };
}

export function linksInHtml(html: string): FoundLink[] {
  return analyseHtml(html).links;
}

export function idsInHtml(html: string): Set<string> {
  return analyseHtml(html).ids;
}

/** A meta refresh's target, and the Open Graph URLs of the page itself. */
function metaLinks(attributes: Record<string, string>): FoundLink[] {
  if (attributes["http-equiv"]?.toLowerCase() === "refresh") {
    const url = /url\s*=\s*['"]?([^'"]+)/i.exec(attributes.content ?? "")?.[1];
    return url ? [{ value: url.trim(), where: "meta refresh" }] : [];
  }
  const property = attributes.property;
  if ((property === "og:url" || property === "og:image") && attributes.content)
    return [{ value: attributes.content, where: `meta ${property}` }];
  return [];
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

/** robots.txt names the sitemap by its absolute URL. */
export function linksInRobots(text: string): FoundLink[] {
  return [...text.matchAll(/^\s*sitemap:\s*(\S+)/gim)].map((m) => ({ value: m[1], where: "robots.txt Sitemap" }));
}

export function linksInCss(css: string): FoundLink[] {
  const links: FoundLink[] = [];
  for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g))
    links.push({ value: match[2].trim(), where: "css url()" });
  for (const match of css.matchAll(/@import\s+(['"])([^'"]+)\1/g))
    links.push({ value: match[2].trim(), where: "css @import" });
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
