/** The search stage's output for the sample site: one Pagefind bundle per language, holding exactly the reading pages. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { getSite, type Site } from "../../src/model/index.ts";
import { languageOf } from "../../src/search/index.ts";
import { urlOfOutputFile as urlOf } from "../../src/urls/index.ts";
import { ROOT, sampleSite, testCacheDir } from "../helpers.ts";

interface Fragment {
  url: string;
  content: string;
  filters: Record<string, string[]>;
  meta: Record<string, string>;
}

/** Every page Pagefind stored in a bundle (fragments are gzip with a "pagefind_dcd" signature). */
function fragments(bundle: string): Fragment[] {
  const dir = path.join(bundle, "fragment");
  return readdirSync(dir).map((name) =>
    JSON.parse(
      gunzipSync(readFileSync(path.join(dir, name)))
        .subarray(12)
        .toString("utf8"),
    ),
  );
}

let site: Site;
let searchDir: string;
let indexed: Record<string, Fragment[]>;

beforeAll(async () => {
  site = await getSite({ contentDir: path.join(ROOT, "content"), imageCacheDir: path.join(testCacheDir(), "images") });
  searchDir = path.join(sampleSite(), "pagefind");
  indexed = { da: fragments(path.join(searchDir, "da")), en: fragments(path.join(searchDir, "en")) };
});

describe("search index of the sample site", () => {
  it("writes one bundle per language and lists them for the search page", () => {
    expect(JSON.parse(readFileSync(path.join(searchDir, "bundles.json"), "utf8"))).toEqual({
      bundles: [
        { dir: "da", lang: "da" },
        { dir: "en", lang: "en" },
      ],
    });
    for (const lang of ["da", "en"]) {
      const entry = JSON.parse(readFileSync(path.join(searchDir, lang, "pagefind-entry.json"), "utf8"));
      expect(Object.keys(entry.languages)).toEqual([lang]);
      expect(existsSync(path.join(searchDir, lang, `wasm.${lang}.pagefind`))).toBe(true);
      expect(existsSync(path.join(searchDir, lang, "pagefind.js"))).toBe(true);
      expect(existsSync(path.join(searchDir, lang, "pagefind-ui.js"))).toBe(false); // own UI, not Pagefind's
      expect(readdirSync(path.join(searchDir, lang)).filter((f) => f.startsWith("wasm."))).toEqual([
        `wasm.${lang}.pagefind`,
      ]);
    }
  });

  it("indexes exactly the publications, chapters, news and pages, each in its language's bundle", () => {
    const expected = { da: [] as string[], en: [] as string[] };
    for (const p of site.publications) {
      expected[p.lang].push(p.url);
      for (const c of p.chapters) expected[c.lang].push(c.url);
    }
    for (const item of [...site.news, ...site.pages]) expected[item.lang].push(item.url);
    for (const lang of ["da", "en"] as const) {
      expect(indexed[lang].map((f) => f.url).sort()).toEqual(expected[lang].sort());
    }
  });

  it("leaves navigation, footers and repeated labels out of the indexed text", () => {
    const chapter = indexed.da.find((f) => f.url === "/publikationer/tilgaengelighed-i-praksis/tabeller/")!;
    // Starts at the title: no kicker ("Tilgængelighed i praksis · Kapitel 4"), no reading-level line.
    expect(chapter.content.slice(0, 40)).toBe("Tabeller. Tabeller er et stærkt værktøj,");
    expect(chapter.content.match(/På denne side|Sværhedsgrad|Kapitel 4|Forrige/g)).toBeNull();
    const all = [...indexed.da, ...indexed.en].map((f) => f.content).join("\n");
    const boilerplate = [site.info.contact.address!, "Gå til indhold", "Hovedmenu", "Udgiver", "Hent publikationen"];
    expect(boilerplate.filter((text) => all.includes(text))).toEqual([]);
  });

  it("gives every page its filters and metadata", () => {
    const chapter = indexed.en.find((f) => f.url === "/publikationer/digital-by-default/measuring-progress/")!;
    expect(chapter.filters).toMatchObject({
      type: ["Kapitel"],
      sprog: ["Engelsk"],
      aar: ["2026"],
      emne: ["digitalisation", "accessibility", "strategy"],
      hus: ["Departementet i Ministeriet for Borgerservice og Digital Velfærd"],
    });
    expect(chapter.meta).toMatchObject({
      title: "How we will measure progress",
      publication: "Digital by default",
      date: "2026-06-15",
      house: "Departementet",
    });
    const news = indexed.da.find((f) => f.url === "/nyheder/ministeriet-stopper-trykte-publikationer/");
    expect(news?.filters).toMatchObject({ type: ["Nyhed"], sprog: ["Dansk"], aar: ["2026"] });
    const page = indexed.da.find((f) => f.url === "/om/")!;
    expect(page.filters.type).toEqual(["Side"]);
    expect(page.filters.hus).toBeUndefined();
  });
});

describe("helpers", () => {
  it("turns file paths into URLs and reads the primary language subtag", () => {
    expect(urlOf(path.join("publikationer", "x", "index.html"))).toBe("/publikationer/x/");
    expect(urlOf("index.html")).toBe("/");
    expect(urlOf("404.html")).toBe("/404.html");
    expect(languageOf('<!doctype html>\n<html class="x" lang="da-DK">')).toBe("da");
    expect(languageOf("<html lang=en>")).toBe("en");
    expect(languageOf("<html>")).toBe("unknown");
  });
});
