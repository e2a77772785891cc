/**
 * Eleventy plugin for feeds and discovery: Atom feeds (layouts/feeds/), sitemap.xml, robots.txt and
 * the head metadata (canonical URL, Open Graph, feed links; layouts/_includes/head-meta.njk). Builds
 * on @11ty/eleventy-plugin-rss, which brings the Atom date filter (dateToRfc3339) and the HTML base
 * plugin that makes the URLs in feed content absolute (transformWithHtmlBase), prefix included.
 *
 * Filters take the model (`udgiv`) as an argument; the path prefix is the build's.
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import rssPlugin from "@11ty/eleventy-plugin-rss";
import type { SiteViews } from "../model/index.ts";
import { buildFeed, feedLinks, feedPath, type FeedScope } from "./feeds.ts";
import { sitemapEntries, type CollectionItem } from "./sitemap.ts";
import { publicUrl } from "./urls.ts";

type Transform = (html: string, base: string, pageUrl: string) => Promise<string>;

export default function feedsPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addPlugin(rssPlugin);
  const prefix = () => (eleventyConfig as unknown as { pathPrefix?: string }).pathPrefix ?? "/";
  const scope = (kind: FeedScope["kind"], house?: string) =>
    (kind === "house" ? { kind, house: house! } : { kind }) as FeedScope;

  eleventyConfig.addFilter("publicUrl", (url: string, udgiv: SiteViews) =>
    publicUrl(url, udgiv.site.info.baseUrl, prefix()),
  );
  eleventyConfig.addFilter("feedPath", (kind: FeedScope["kind"], house?: string) => feedPath(scope(kind, house)));
  eleventyConfig.addFilter("feedLinks", (udgiv: SiteViews, pageUrl: string, houseId?: string) =>
    feedLinks(udgiv.site, pageUrl, houseId),
  );
  eleventyConfig.addFilter("atomFeed", (udgiv: SiteViews, kind: FeedScope["kind"], house?: string) =>
    buildFeed(udgiv.site, scope(kind, house), prefix()),
  );
  eleventyConfig.addFilter("sitemapEntries", (items: CollectionItem[], udgiv: SiteViews) =>
    sitemapEntries(items, udgiv, prefix()),
  );

  // Entry content with absolute URLs (links, images, srcset). An item sits in up to three feeds,
  // so each conversion is done once per build.
  const converted = new Map<string, Promise<string>>();
  eleventyConfig.on("eleventy.before", () => converted.clear());
  eleventyConfig.addAsyncFilter("feedHtml", (html: string, udgiv: SiteViews, pagePath: string) => {
    const origin = new URL(udgiv.site.info.baseUrl).origin;
    const key = `${origin}\0${pagePath}\0${html}`;
    if (!converted.has(key)) {
      const transform = eleventyConfig.getFilter("transformWithHtmlBase") as Transform;
      converted.set(key, transform.call({}, html, origin, pagePath));
    }
    return converted.get(key)!;
  });
}
