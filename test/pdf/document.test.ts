/**
 * The print document's adaptation of chapter HTML: unique ids across chapters, working in-document
 * links with page references, absolute site links, printed URLs, plain images and figure groups.
 */
import * as cheerio from "cheerio";
import { describe, expect, it } from "vitest";
import type { Chapter, Publication } from "../../src/model/types.ts";
import { cssString, largestCandidate, printChapterHtml } from "../../src/pdf/document.ts";
import { publicUrl } from "../../src/urls/index.ts";

const chapter = (slug: string, html: string): Chapter =>
  ({
    slug,
    title: slug,
    order: 1,
    lang: "da",
    html,
    headings: [],
    images: [],
    sourcePath: `content/publikationer/p/${slug}.md`,
    url: `/publikationer/p/${slug}/`,
    ignoredRules: [],
  }) as unknown as Chapter;

const one = chapter(
  "indledning",
  [
    '<h2 id="baggrund">Baggrund</h2>',
    '<p>Se <a href="#baggrund">ovenfor</a>, <a href="/publikationer/p/metode/#data">data</a>, <a href="/publikationer/p/metode/">metoden</a>,',
    ' <a href="/huse/styrelsen/">styrelsen</a>, <a href="https://example.org/rapport">rapporten</a> og <a href="https://example.org/">https://example.org/</a>.',
    '<sup class="fodnote-ref"><a href="#fn-indledning-1" id="fnref-indledning-1">1</a></sup></p>',
    '<figure class="figur"><picture><source type="image/avif" srcset="/img/a-480.avif 480w"><img src="/img/a-480.png" alt="Et diagram" width="1200" height="700" loading="lazy" srcset="/img/a-480.png 480w, /img/a-1200.png 1200w, /img/a-960.png 960w" sizes="100vw"></picture><figcaption>Figur 1: Tal.</figcaption></figure>',
    '<div class="tabel" role="region" tabindex="0" aria-label="Tal"><table><caption>Tal</caption></table></div>',
    '<section class="fodnoter" aria-labelledby="noter-indledning"><h2 id="noter-indledning">Noter</h2><ol><li id="fn-indledning-1">En note. <a href="#fnref-indledning-1">↩</a></li></ol></section>',
  ].join(""),
);
const two = chapter("metode", '<h2 id="baggrund">Baggrund</h2><h2 id="data">Data</h2>');
const publication = { slug: "p", url: "/publikationer/p/", lang: "da", chapters: [one, two] } as unknown as Publication;
const context = { publication, baseUrl: "https://udgiv.example.dk", pathPrefix: "/udgiv/" };

describe("print document", () => {
  const html = printChapterHtml(one, context) + printChapterHtml(two, context);
  const $ = cheerio.load(html);

  it("makes every id unique across chapters and keeps links within a chapter working", () => {
    const ids = $("[id]")
      .toArray()
      .map((el) => $(el).attr("id")!);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain("kapitel-indledning--baggrund");
    expect(ids).toContain("kapitel-metode--baggrund");
    // The layout gives each chapter title the id kapitel-<slug>; every in-document link must land.
    const known = new Set([...ids, "kapitel-indledning", "kapitel-metode"]);
    for (const a of $('a[href^="#"]').toArray())
      expect(known, $(a).attr("href")).toContain($(a).attr("href")!.slice(1));
    expect($("section.fodnoter").attr("aria-labelledby")).toBe("kapitel-indledning--noter-indledning");
    expect($('a:contains("ovenfor")').attr("href")).toBe("#kapitel-indledning--baggrund");
  });

  it("turns links to other chapters into in-document links with a page reference", () => {
    expect($('a:contains("data")').attr("href")).toBe("#kapitel-metode--data");
    expect($('a:contains("metoden")').attr("href")).toBe("#kapitel-metode");
    expect($('[data-page-of="kapitel-metode--data"]').parent().text()).toMatch(/^ \(side \d+\)$/);
  });

  it("makes other site links absolute (with the path prefix) and prints external addresses", () => {
    expect($('a:contains("styrelsen")').attr("href")).toBe("https://udgiv.example.dk/udgiv/huse/styrelsen/");
    expect($('a:contains("rapporten")').next(".link-url").text()).toBe("(https://example.org/rapport)");
    expect($('a:contains("https://example.org/")').next(".link-url").length).toBe(0);
  });

  it("prints figures as a group of one plain, large image with alt text and a caption paragraph", () => {
    expect($("figure, picture, source").length).toBe(0);
    const group = $('div.figur[role="group"]');
    expect(group.length).toBe(1);
    expect(group.find("img").attr("alt")).toBe("Et diagram");
    expect(group.find("img").attr("src")).toBe("/img/a-1200.png");
    expect(group.find("img").attr("loading")).toBeUndefined();
    expect(group.find("p.figur__tekst").text()).toBe("Figur 1: Tal.");
  });

  it("drops the scroll region of tables, which paper does not need", () => {
    expect($("div.tabel").attr("role")).toBeUndefined();
    expect($("div.tabel").attr("tabindex")).toBeUndefined();
  });

  it("has small helpers that hold", () => {
    expect(largestCandidate("a.png 480w, b.png 1600w, c.png 960w")).toBe("b.png");
    expect(cssString('Titel "med" \\')).toBe('"Titel\\20 \\22 med\\22 \\20 \\5c "');
    expect(publicUrl("/publikationer/x/", "https://udgiv.example.dk", "/")).toBe(
      "https://udgiv.example.dk/publikationer/x/",
    );
  });
});
