/**
 * The Atom feeds of the sample site: well-formed XML, the elements RFC 4287 requires, absolute URLs
 * (also inside the entry content), and per-house and per-type feeds that hold exactly their items.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { getSite } from "../../src/model/index.ts";
import type { Site } from "../../src/model/types.ts";
import { ROOT, sampleSite, testCacheDir } from "../helpers.ts";

const BASE = "https://udgiv.example.dk";
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

interface AtomLink {
  "@_rel"?: string;
  "@_href": string;
  "@_type"?: string;
}
interface AtomEntry {
  "@_xml:lang"?: string;
  id: string;
  title: string;
  updated: string;
  published: string;
  link: AtomLink[];
  author: { name: string; uri: string }[];
  summary: { "#text": string; "@_type": string };
  content: { "#text": string; "@_type": string };
  category?: { "@_term": string }[];
}
interface AtomFeed {
  "@_xmlns": string;
  "@_xml:lang": string;
  id: string;
  title: string;
  subtitle: string;
  updated: string;
  link: AtomLink[];
  author: { name: string; uri: string }[];
  entry?: AtomEntry[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  htmlEntities: true, // numeric character references (&#39;) are XML too
  textNodeName: "#text",
  alwaysCreateTextNode: false,
  isArray: (name) => ["entry", "link", "category", "author"].includes(name),
});

function readFeed(urlPath: string): { xml: string; feed: AtomFeed } {
  const xml = readFileSync(path.join(sampleSite(), urlPath), "utf8");
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`${urlPath} is not well-formed XML: ${JSON.stringify(valid.err)}`);
  return { xml, feed: parser.parse(xml).feed as AtomFeed };
}

const text = (value: string | { "#text": string }) => (typeof value === "string" ? value : value["#text"]);
const entries = (feed: AtomFeed) => feed.entry ?? [];
const entryUrls = (feed: AtomFeed) =>
  entries(feed)
    .map((e) => e.link.find((l) => l["@_rel"] === "alternate")!["@_href"])
    .sort();

let site: Site;

beforeAll(async () => {
  // The model as the build saw it; image variants come from the cache the sample build filled.
  site = await getSite({ contentDir: path.join(ROOT, "content"), imageCacheDir: path.join(testCacheDir(), "images") });
});

const feedPaths = () => [
  "feeds/alle.xml",
  "feeds/publikationer.xml",
  "feeds/nyheder.xml",
  ...site.info.houses.map((h) => `feeds/huse/${h.id}.xml`),
];

describe("Atom feeds", () => {
  it("are well-formed Atom with the required feed elements", () => {
    for (const file of feedPaths()) {
      const { xml, feed } = readFeed(file);
      expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>'), file).toBe(true);
      expect(feed["@_xmlns"], file).toBe("http://www.w3.org/2005/Atom");
      expect(feed["@_xml:lang"], file).toBe("da");
      expect(feed.title, file).toBeTruthy();
      expect(feed.id, file).toBe(`${BASE}/${file}`);
      expect(feed.updated, file).toMatch(RFC3339);
      const self = feed.link.find((l) => l["@_rel"] === "self");
      expect(self?.["@_href"], file).toBe(`${BASE}/${file}`);
      expect(self?.["@_type"], file).toBe("application/atom+xml");
      expect(feed.link.find((l) => l["@_rel"] === "alternate")?.["@_href"], file).toMatch(new RegExp(`^${BASE}/`));
      expect(feed.author[0].name, file).toBeTruthy();
    }
  });

  it("gives every entry an id, title, dates, link, house as author, full summary and content", () => {
    const { feed } = readFeed("feeds/alle.xml");
    const byUrl = new Map<string, { title: string; summary: string; date: string; updated?: string; house: string }>(
      [...site.publications, ...site.news].map((item) => [`${BASE}${item.url}`, item]),
    );
    expect(entries(feed).length).toBe(site.publications.length + site.news.length);
    for (const entry of entries(feed)) {
      const url = entry.link.find((l) => l["@_rel"] === "alternate")!["@_href"];
      const item = byUrl.get(url);
      expect(item, url).toBeDefined();
      expect(entry.id).toBe(url);
      expect(entry.title).toContain(item!.title);
      expect(entry.published).toBe(`${item!.date}T00:00:00Z`);
      expect(entry.updated).toBe(`${item!.updated ?? item!.date}T00:00:00Z`);
      expect(entry.author[0].name).toBe(site.info.houses.find((h) => h.id === item!.house)!.name);
      expect(entry.author[0].uri).toBe(`${BASE}/huse/${item!.house}/`);
      expect(text(entry.summary)).toBe(item!.summary); // the whole summary, not a cut
      expect(entry.content["@_type"]).toBe("html");
      expect(cheerio.load(text(entry.content)).text()).toContain(item!.summary);
    }
  });

  it("uses only absolute URLs, also in the entry content (links, images, srcset)", () => {
    for (const file of feedPaths()) {
      const { feed } = readFeed(file);
      for (const entry of entries(feed)) {
        for (const link of entry.link) expect(link["@_href"]).toMatch(new RegExp(`^${BASE}/`));
        const $ = cheerio.load(text(entry.content));
        const urls = [
          ...$("[href]")
            .map((_, el) => $(el).attr("href")!)
            .get(),
          ...$("[src]")
            .map((_, el) => $(el).attr("src")!)
            .get(),
          ...$("[srcset]")
            .map((_, el) =>
              $(el)
                .attr("srcset")!
                .split(",")
                .map((s) => s.trim().split(/\s+/)[0]),
            )
            .get(),
        ];
        for (const url of urls) expect(url, `${file}: ${entry.id}`).toMatch(/^(https?:|mailto:|tel:)/);
        for (const url of urls.filter((u) => u.startsWith(BASE))) {
          expect(url, "site URLs keep their path").toMatch(new RegExp(`^${BASE}/[^/]`));
        }
      }
    }
  });

  it("puts the publication's contents and cover into its entry", () => {
    const { feed } = readFeed("feeds/publikationer.xml");
    const withCover = site.publications.find((p) => p.cover)!;
    const entry = entries(feed).find((e) => e.id === `${BASE}${withCover.url}`)!;
    const $ = cheerio.load(text(entry.content));
    expect($("img").attr("src")).toBe(`${BASE}${withCover.cover!.fallbackUrl}`);
    expect($("img").attr("alt")).toBe(withCover.cover!.alt);
    expect(
      $("ol li a")
        .map((_, a) => $(a).attr("href"))
        .get(),
    ).toEqual(withCover.chapters.map((c) => `${BASE}${c.url}`));
  });

  it("has one feed per house holding exactly that house's publications and news", () => {
    for (const house of site.info.houses) {
      const { feed } = readFeed(`feeds/huse/${house.id}.xml`);
      const expected = [...site.publications, ...site.news]
        .filter((i) => i.house === house.id)
        .map((i) => `${BASE}${i.url}`)
        .sort();
      expect(entryUrls(feed), house.id).toEqual(expected);
      expect(feed.title).toBe(house.name);
      expect(feed.author[0].name).toBe(house.name);
      expect(feed.link.find((l) => l["@_rel"] === "alternate")?.["@_href"]).toBe(`${BASE}/huse/${house.id}/`);
    }
    expect(
      site.info.houses.filter((h) => site.news.some((n) => n.house === h.id)).length,
      "the sample exercises news per house",
    ).toBeGreaterThan(1);
  });

  it("has one feed per content type", () => {
    expect(entryUrls(readFeed("feeds/publikationer.xml").feed)).toEqual(
      site.publications.map((p) => `${BASE}${p.url}`).sort(),
    );
    expect(entryUrls(readFeed("feeds/nyheder.xml").feed)).toEqual(site.news.map((n) => `${BASE}${n.url}`).sort());
  });

  it("dates the feed by its newest entry (no build clock) and lists entries newest first", () => {
    for (const file of feedPaths()) {
      const { feed } = readFeed(file);
      const updated = entries(feed).map((e) => e.updated);
      expect([...updated].sort().reverse(), file).toEqual(updated);
      if (updated.length) expect(feed.updated, file).toBe(updated[0]);
    }
  });

  it("marks entries in another language than the site's", () => {
    const { feed } = readFeed("feeds/alle.xml");
    const english = [...site.publications, ...site.news].filter((i) => i.lang === "en");
    expect(english.length).toBeGreaterThan(0);
    for (const item of english) {
      expect(entries(feed).find((e) => e.id === `${BASE}${item.url}`)?.["@_xml:lang"], item.url).toBe("en");
    }
    expect(entries(feed).filter((e) => e["@_xml:lang"]).length).toBe(english.length);
  });
});
