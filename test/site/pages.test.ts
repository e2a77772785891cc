/** The sample site's HTML, as a reader and a screen reader get it. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { HtmlValidate } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { readOutput, sampleSite } from "../helpers.ts";

let site: string;
let pages: string[];
const load = (url: string) => cheerio.load(readOutput(site, url));

beforeAll(() => {
  site = sampleSite();
  pages = readdirSync(site, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".html") && !f.startsWith("was/"))
    .map((f) => "/" + f.replace(/index\.html$/, ""));
});

describe("every page", () => {
  it("exists for each kind the site promises", () => {
    for (const url of [
      "/",
      "/publikationer/",
      "/nyheder/",
      "/huse/",
      "/huse/styrelsen/",
      "/om/",
      "/404.html",
      "/soeg/",
      "/publikationer/tilgaengelighed-i-praksis/",
      "/publikationer/tilgaengelighed-i-praksis/tabeller/",
      "/emner/tilgaengelighed/",
    ]) {
      expect(pages, url).toContain(url);
    }
    expect(pages.length).toBeGreaterThan(30);
  });

  it("has lang, a title, a skip link to main, and header/nav/main/footer landmarks", () => {
    for (const url of pages) {
      const $ = load(url);
      expect($("html").attr("lang"), url).toMatch(/^(da|en)$/);
      expect($("title").text().trim(), url).not.toBe("");
      const skip = $("a.skip-link");
      expect(skip.attr("href"), url).toBe("#indhold");
      expect($("main#indhold").length, url).toBe(1);
      expect($("body > header").length, url).toBe(1);
      expect($("nav[aria-label]").length, url).toBeGreaterThan(0);
      expect($("body > footer").length, url).toBe(1);
      expect($('footer a:contains("Tilgængelighedserklæring")').length, url).toBe(1);
    }
  });

  it("has exactly one h1 and never skips a heading level", () => {
    for (const url of pages) {
      const $ = load(url);
      expect($("h1").length, url).toBe(1);
      let previous = 1;
      $("main h1, main h2, main h3, main h4, main h5, main h6").each((_, el) => {
        const level = Number(el.tagName.slice(1));
        expect(level - previous, `${url}: ${$(el).text()}`).toBeLessThanOrEqual(1);
        previous = level;
      });
    }
  });

  it("has only internal links that resolve, including #anchors", () => {
    for (const url of pages) {
      const $ = load(url);
      $("main a[href^='/'], main a[href^='#']").each((_, a) => {
        const href = $(a).attr("href")!;
        const [target, hash] = href.startsWith("#") ? [url, href.slice(1)] : href.split("#");
        const file = target.endsWith("/") ? path.join(site, target, "index.html") : path.join(site, target);
        const html = readFileSync(file, "utf8");
        if (hash) expect(html, `${url} → ${href}`).toContain(`id="${decodeURIComponent(hash)}"`);
      });
    }
  });

  it("loads only images, sources and stylesheets that exist in the output", () => {
    const urls = new Set<string>();
    for (const url of pages) {
      const $ = load(url);
      $("img[src], link[rel='stylesheet'], script[src]").each((_, el) => {
        urls.add($(el).attr("src") ?? $(el).attr("href")!);
      });
      $("img[srcset], source[srcset]").each((_, el) => {
        for (const candidate of $(el).attr("srcset")!.split(",")) urls.add(candidate.trim().split(/\s+/)[0]);
      });
    }
    const local = [...urls].filter((u) => u.startsWith("/"));
    expect(local.length).toBeGreaterThan(20);
    for (const url of local) expect(existsSync(path.join(site, url)), url).toBe(true);
  });

  it("validates as HTML", async () => {
    const validator = new HtmlValidate({
      extends: ["html-validate:standard"],
      rules: {
        "no-trailing-whitespace": "off",
        "void-style": "off",
        "attribute-boolean-style": "off",
        "no-inline-style": "error",
      },
    });
    for (const url of pages) {
      const report = await validator.validateString(readOutput(site, url), url);
      const messages = report.results.flatMap((r) =>
        r.messages.map((m) => `${url}:${m.line} ${m.ruleId}: ${m.message}`),
      );
      expect(messages, url).toEqual([]);
    }
  });
});

describe("publication page", () => {
  it("shows cover, title, summary, metadata with Danish dates, and a table of contents that links to every chapter", () => {
    const $ = load("/publikationer/tilgaengelighed-i-praksis/");
    expect($("h1").text()).toContain("Tilgængelighed i praksis");
    expect($(".cover picture source[type='image/avif']").length).toBe(1);
    expect($(".cover img").attr("loading")).toBe("eager");
    expect($(".facts time").first().text()).toMatch(
      /^\d{1,2}\. (januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december) 2026$/,
    );
    expect($(".facts time").first().attr("datetime")).toMatch(/^2026-\d\d-\d\d$/);
    const tocLinks = $("nav.toc > ol > li > a")
      .map((_, a) => $(a).attr("href"))
      .get();
    expect(tocLinks.length).toBe(6);
    for (const href of tocLinks) expect(pages).toContain(href);
  });

  it("is in English with English UI and dates for an English publication", () => {
    const $ = load("/publikationer/digital-by-default/");
    expect($("html").attr("lang")).toBe("en");
    expect($("a.skip-link").text()).toBe("Skip to content");
    expect($(".facts dt").first().text()).toBe("Publisher");
    expect($(".facts time").first().text()).toMatch(/^\d{1,2} [A-Z][a-z]+ 2026$/);
  });
});

describe("chapter page", () => {
  it("has the chapter list, previous/next links and breadcrumbs", () => {
    const $ = load("/publikationer/tilgaengelighed-i-praksis/tabeller/");
    expect($("h1").text()).toBe("Tabeller");
    expect($(".chapter-toc a[aria-current='page']").attr("href")).toBe(
      "/publikationer/tilgaengelighed-i-praksis/tabeller/",
    );
    expect($("a[rel='prev']").attr("href")).toBe("/publikationer/tilgaengelighed-i-praksis/linktekster/");
    expect($("a[rel='next']").attr("href")).toBe("/publikationer/tilgaengelighed-i-praksis/farver-og-kontrast/");
    expect(
      $(".breadcrumbs li")
        .map((_, li) => $(li).text().trim())
        .get(),
    ).toEqual(["Forside", "Publikationer", "Tilgængelighed i praksis", "Tabeller"]);
    expect($(".breadcrumbs [aria-current='page']").text()).toBe("Tabeller");
  });

  it("renders tables with caption and header scope, and footnotes with back links", () => {
    const $ = load("/publikationer/tilgaengelighed-i-praksis/tabeller/");
    const table = $(".prose table").first();
    expect(table.find("caption").text().trim()).not.toBe("");
    expect(table.find("th").length).toBeGreaterThan(0);
    table.find("th").each((_, th) => expect($(th).attr("scope")).toBe("col"));
    const ref = $(".fodnote-ref a").first();
    const note = $(ref.attr("href")!);
    expect(note.length).toBe(1);
    expect(note.find(`a[href="#${ref.attr("id")}"]`).length).toBe(1);
  });

  it("renders figures as responsive pictures with captions, sizes and lazy loading", () => {
    const $ = load("/publikationer/velfaerdsstatistik-2026/hovedtal/");
    const figure = $("figure.figur").first();
    expect(figure.find("figcaption").text()).toMatch(/\S/);
    expect(figure.find("source[type='image/avif']").attr("srcset")).toMatch(/480w/);
    expect(figure.find("source[type='image/webp']").length).toBe(1);
    const img = figure.find("img");
    expect(img.attr("alt")!.length).toBeGreaterThan(20);
    expect(img.attr("width")).toMatch(/^\d+$/);
    expect(img.attr("height")).toMatch(/^\d+$/);
    expect(img.attr("loading")).toBe("lazy");
    expect(img.attr("sizes")).toBeTruthy();
  });
});

describe("other pages", () => {
  it("lists publications by year, by house and by topic", () => {
    const $ = load("/publikationer/");
    expect($("#efter-aar").length + $("#efter-hus").length + $("#efter-emne").length).toBe(3);
    expect($("section[aria-labelledby='efter-hus'] h3").length).toBe(3);
  });

  it("dates news in Danish on the news list", () => {
    const $ = load("/nyheder/");
    expect($("time").first().text()).toMatch(/^\d{1,2}\. [a-zæøå]+ 2026$/);
  });

  it("redirects /was to the accessibility statement", () => {
    const $ = load("/was/");
    expect($("meta[http-equiv='refresh']").attr("content")).toMatch(/^0; url=https:\/\//);
  });
});
