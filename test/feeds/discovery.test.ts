/**
 * Discovery: sitemap.xml lists every public page and no print document, robots.txt points to it,
 * and pages carry a canonical URL, Open Graph metadata and links to their feeds. A build with a
 * path prefix puts the prefix into every absolute URL; a base URL that disagrees with it fails.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { fixtureContent, readOutput, runBuild, sampleSite, type BuildRun } from "../helpers.ts";

const BASE = "https://udgiv.example.dk";
const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => name === "url" });

function sitemapLocs(outDir: string): { loc: string; lastmod?: string }[] {
  const xml = readFileSync(path.join(outDir, "sitemap.xml"), "utf8");
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser.parse(xml);
  expect(doc.urlset["@_xmlns"]).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
  return doc.urlset.url;
}

/** Every HTML page in the output, as site-relative URLs ("/", "/publikationer/x/", "/404.html"). */
function builtPages(outDir: string): string[] {
  return readdirSync(outDir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".html"))
    .map(
      (f) =>
        "/" +
        f
          .split(path.sep)
          .join("/")
          .replace(/index\.html$/, ""),
    );
}

describe("sitemap.xml and robots.txt", () => {
  it("lists every public page of the built site, once, with absolute URLs", () => {
    const site = sampleSite();
    const locs = sitemapLocs(site).map((u) => u.loc);
    const isPrint = (url: string) => /^\/publikationer\/[^/]+\/print\/$/.test(url);
    const publicPages = builtPages(site).filter((u) => u.endsWith("/") && u !== "/was/" && !isPrint(u));
    expect(new Set(locs).size).toBe(locs.length);
    expect([...locs].sort()).toEqual(publicPages.map((u) => BASE + u).sort());
    // the kinds the issue names are all there
    for (const kind of ["/publikationer/", "/nyheder/", "/huse/", "/emner/"]) {
      expect(locs.filter((l) => l.startsWith(BASE + kind)).length, kind).toBeGreaterThan(1);
    }
    expect(locs).toContain(`${BASE}/om/`); // a standing page
    expect(locs.filter((l) => /\/publikationer\/[^/]+\/[^/]+\/$/.test(l)).length, "chapters").toBeGreaterThan(10);
  });

  it("lists no print document, no redirect, no 404 page and no feed", () => {
    const locs = sitemapLocs(sampleSite()).map((u) => u.loc);
    expect(locs.filter((l) => /\/print\/|\/was\/|404|\.xml$/.test(l))).toEqual([]);
  });

  it("dates pages from the model (lastmod) where it knows a date", () => {
    const urls = sitemapLocs(sampleSite());
    for (const u of urls.filter((u) => u.lastmod)) expect(u.lastmod).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const publication = urls.find((u) => u.loc === `${BASE}/publikationer/tilgaengelighed-i-praksis/`);
    expect(publication?.lastmod).toMatch(/^2026-/);
  });

  it("has a robots.txt that allows crawling and names the sitemap", () => {
    const robots = readFileSync(path.join(sampleSite(), "robots.txt"), "utf8");
    expect(robots).toMatch(/^User-agent: \*$/m);
    expect(robots).toMatch(/^Allow: \/$/m);
    expect(robots).toMatch(new RegExp(`^Sitemap: ${BASE}/sitemap\\.xml$`, "m"));
  });
});

describe("page metadata", () => {
  const head = (url: string) => cheerio.load(readOutput(sampleSite(), url));

  it("gives a publication page a canonical URL, Open Graph and its feeds", () => {
    const url = "/publikationer/tilgaengelighed-i-praksis/";
    const $ = head(url);
    expect($('link[rel="canonical"]').attr("href")).toBe(BASE + url);
    expect($('meta[property="og:url"]').attr("content")).toBe(BASE + url);
    expect($('meta[property="og:type"]').attr("content")).toBe("article");
    expect($('meta[property="og:title"]').attr("content")).toBe($("h1").contents().first().text().trim());
    expect($('meta[property="og:description"]').attr("content")).toBe($('meta[name="description"]').attr("content"));
    expect($('meta[property="og:locale"]').attr("content")).toBe("da_DK");
    expect($('meta[property="og:site_name"]').attr("content")).toBeTruthy();
    const image = $('meta[property="og:image"]').attr("content")!;
    expect(image).toMatch(new RegExp(`^${BASE}/img/.+\\.(png|jpe?g)$`));
    expect(existsSync(path.join(sampleSite(), image.slice(BASE.length))), "the cover image is published").toBe(true);
    expect($('meta[property="og:image:alt"]').attr("content")).toBeTruthy();

    const feeds = $('link[rel="alternate"][type="application/atom+xml"]')
      .map((_, el) => $(el).attr("href"))
      .get();
    expect(feeds).toEqual(["/feeds/alle.xml", "/feeds/publikationer.xml", "/feeds/huse/styrelsen.xml"]);
    for (const feed of feeds) expect(existsSync(path.join(sampleSite(), feed)), feed).toBe(true);
    $('link[rel="alternate"]').each((_, el) => expect($(el).attr("title")).toBeTruthy());
  });

  it("uses en_GB for an English publication and no image without a cover", () => {
    const $ = head("/publikationer/digital-by-default/");
    expect($('meta[property="og:locale"]').attr("content")).toBe("en_GB");
    expect($('meta[property="og:image"]').length).toBe(0);
  });

  it("links a news item to its house's feed and the news feed; a house page to its feed", () => {
    const news = head("/nyheder/velfaerdsstatistik-2026-er-udkommet/");
    expect(
      news('link[type="application/atom+xml"]')
        .map((_, el) => news(el).attr("href"))
        .get(),
    ).toEqual(["/feeds/alle.xml", "/feeds/nyheder.xml", "/feeds/huse/statistik.xml"]);
    const house = head("/huse/departementet/");
    expect(
      house('link[type="application/atom+xml"]')
        .map((_, el) => house(el).attr("href"))
        .get(),
    ).toEqual(["/feeds/alle.xml", "/feeds/huse/departementet.xml"]);
    expect(house('meta[property="og:type"]').attr("content")).toBe("website");
  });

  it("gives every public page a canonical URL equal to its sitemap entry", () => {
    const site = sampleSite();
    for (const { loc } of sitemapLocs(site)) {
      const $ = cheerio.load(readOutput(site, loc.slice(BASE.length)));
      expect($('link[rel="canonical"]').attr("href"), loc).toBe(loc);
    }
  });
});

describe("a build served from a sub-folder", () => {
  let prefixed: BuildRun;
  let mismatched: BuildRun;

  beforeAll(async () => {
    const skip = ["epub", "pdf", "search", "gate"];
    const content = fixtureContent();
    [prefixed, mismatched] = await Promise.all([
      runBuild({ contentDir: content, skip, extra: ["--path-prefix", "/udgiv/"] }),
      runBuild({
        contentDir: fixtureContent({
          "_data/site.json": readFileSync(path.join(content, "_data/site.json"), "utf8").replace(
            '"https://test.example.dk"',
            '"https://test.example.dk/andet"',
          ),
        }),
        skip,
        extra: ["--path-prefix", "/udgiv/"],
      }),
    ]);
  });

  it("puts the prefix into canonical URLs, feed links, feeds, the sitemap and robots.txt", () => {
    expect(prefixed.code, prefixed.stderr).toBe(0);
    const out = prefixed.outDir;
    const base = "https://test.example.dk/udgiv";
    const $ = cheerio.load(readOutput(out, "/publikationer/lille-publikation/"));
    expect($('link[rel="canonical"]').attr("href")).toBe(`${base}/publikationer/lille-publikation/`);
    expect($('link[type="application/atom+xml"]').first().attr("href")).toBe("/udgiv/feeds/alle.xml");
    const feed = readFileSync(path.join(out, "feeds/alle.xml"), "utf8");
    expect(feed).toContain(`<link rel="self" type="application/atom+xml" href="${base}/feeds/alle.xml"/>`);
    expect(feed).toContain(`<id>${base}/publikationer/lille-publikation/</id>`);
    expect(feed).toContain(`href=&quot;${base}/publikationer/lille-publikation/indledning/&quot;`);
    expect(feed).not.toMatch(/https:\/\/test\.example\.dk\/(?!udgiv\/)/);
    const locs = sitemapLocs(out).map((u) => u.loc);
    for (const loc of locs) expect(loc.startsWith(`${base}/`), loc).toBe(true);
    // print documents are the PDF stage's, served to Chromium from memory: never in the output
    expect(existsSync(path.join(out, "publikationer/lille-publikation/print"))).toBe(false);
    expect(locs).toContain(`${base}/publikationer/lille-publikation/indledning/`);
    expect(locs.filter((l) => l.includes("/print/"))).toEqual([]);
    expect(readFileSync(path.join(out, "robots.txt"), "utf8")).toContain(`Sitemap: ${base}/sitemap.xml`);
  });

  it("fails when the base URL names another sub-folder than the prefix", () => {
    expect(mismatched.code).toBe(1);
    expect(mismatched.stderr).toContain(
      'content/_data/site.json: baseUrl "https://test.example.dk/andet" peger på mappen /andet/, men sitet bygges til /udgiv/',
    );
    expect(mismatched.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
