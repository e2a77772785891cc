/**
 * The print document: one HTML page per publication holding every chapter, which Chromium prints
 * to PDF. Chapter HTML is written for one chapter per page, so here it is adapted for a shared page:
 * every id gets a per-chapter prefix (links follow), links between chapters become in-document links
 * with a page reference, other site links become absolute, external URLs are printed, responsive
 * `<picture>` becomes one plain high-resolution `<img>`, and `<figure>` becomes a group with a
 * caption paragraph (Chromium tags `<figure>` as a /Figure without /Alt around the image's /Figure).
 */
import * as cheerio from "cheerio";
import type { Element } from "domhandler";
import { t } from "../i18n/index.ts";
import type { Chapter, Language, Publication } from "../model/index.ts";
import { publicUrl } from "../urls/index.ts";

/** The id of a chapter's title in the print document, and the prefix of the chapter's own ids. */
export const chapterAnchor = (slug: string): string => `kapitel-${slug}`;
export const FOREWORD_ANCHOR = "forord";

export interface PrintContext {
  publication: Publication;
  baseUrl: string;
  pathPrefix: string;
}

/**
 * A CSS string literal (for @page margin boxes, which cannot read the document). Every character but
 * ASCII letters and digits is written as a CSS escape (`<` as `\3c `), so no text can end the
 * string, the rule or the stylesheet, whatever parser reads it.
 */
export function cssString(text: string): string {
  const escaped = [...text.replace(/[\n\r]+/g, " ")].map((ch) =>
    /^[A-Za-z0-9]$/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `,
  );
  return `"${escaped.join("")}"`;
}

/**
 * The print document's @page rules: the running title and house in the top margin, "Side N af M"
 * at the bottom. A stylesheet of its own (served beside the document), not a `<style>` in it: the
 * document's Content-Security-Policy allows no inline CSS, and editors' text stays out of HTML.
 */
export function printPageCss(title: string, houseShortName: string, lang: Language): string {
  const page = cssString(t(lang, "page"));
  const of = cssString(t(lang, "pageOf"));
  return [
    "@page {",
    `  @top-left { content: ${cssString(title)}; }`,
    `  @top-right { content: ${cssString(houseShortName)}; }`,
    `  @bottom-right { content: ${page} " " counter(page) " " ${of} " " counter(pages); }`,
    "}",
    "",
  ].join("\n");
}

/** The chapter's body HTML adapted for the print document. */
export function printChapterHtml(chapter: Chapter, context: PrintContext): string {
  return adapt(chapter.html, chapterAnchor(chapter.slug), chapter.lang, context);
}

/** The publication's foreword (index.md body) adapted for the print document. */
export function printIntroHtml(context: PrintContext): string {
  return adapt(context.publication.introHtml, FOREWORD_ANCHOR, context.publication.lang, context);
}

function adapt(html: string, idPrefix: string, lang: Language, context: PrintContext): string {
  // htmlparser2 (not parse5): 2–3 times faster, and markdown-it's output is well-formed anyway.
  const $ = cheerio.load(html, { xml: { xmlMode: false, decodeEntities: false } }, false);
  prefixIds($, idPrefix);
  rewriteLinks($, idPrefix, lang, context);
  plainImages($);
  figuresAsGroups($);
  $("div.tabel").removeAttr("role").removeAttr("tabindex").removeAttr("aria-label");
  printableBackLinks($);
  return $.html();
}

/**
 * The PDF is set only in the project's fonts (the PDF stage stops at any other), and they have no
 * arrows: a footnote's way back ("↩" on the site) is printed as "^", as Wikipedia marks it. Its
 * accessible name stays the aria-label ("Tilbage til teksten ved note 1").
 */
function printableBackLinks($: cheerio.CheerioAPI): void {
  $("a.fodnote-tilbage").each((_, el) => {
    if ($(el).text() !== "↩") return;
    $(el).text("^");
    // Kept on the note's last line, not alone on the next.
    const before = el.prev;
    if (before?.type === "text" && before.data.endsWith(" ")) before.data = `${before.data.slice(0, -1)}\u00a0`;
  });
}

const ID_REFERENCES = ["aria-labelledby", "aria-describedby", "aria-controls", "for", "headers"];

function prefixIds($: cheerio.CheerioAPI, prefix: string): void {
  $("[id]").each((_, el) => {
    $(el).attr("id", `${prefix}--${$(el).attr("id")}`);
  });
  for (const attribute of ID_REFERENCES) {
    $(`[${attribute}]`).each((_, el) => {
      const ids = String($(el).attr(attribute)).split(/\s+/).filter(Boolean);
      $(el).attr(attribute, ids.map((id) => `${prefix}--${id}`).join(" "));
    });
  }
}

function rewriteLinks($: cheerio.CheerioAPI, idPrefix: string, lang: Language, context: PrintContext): void {
  const { publication } = context;
  const chapterByUrl = new Map(publication.chapters.map((c) => [c.url, c]));
  $("a[href]").each((_, el) => {
    const link = $(el);
    const href = String(link.attr("href"));
    if (href.startsWith("#")) {
      link.attr("href", `#${idPrefix}--${href.slice(1)}`);
      return;
    }
    const [pathPart, fragment] = href.split("#");
    const chapter = href.startsWith("/") ? chapterByUrl.get(pathPart) : undefined;
    if (chapter) {
      const target = fragment ? `${chapterAnchor(chapter.slug)}--${fragment}` : chapterAnchor(chapter.slug);
      link.attr("href", `#${target}`);
      link.after(`<span class="page-ref"> (${t(lang, "pageRef")} <span data-page-of="${target}">00</span>)</span>`);
      return;
    }
    const absolute = href.startsWith("/") ? publicUrl(href, context.baseUrl, context.pathPrefix) : href;
    link.attr("href", absolute);
    printUrl(link, absolute);
  });
}

/** Paper has no hover: print the address after a link unless the link text already is the address. */
function printUrl(link: cheerio.Cheerio<Element>, href: string): void {
  const shown = href.replace(/^mailto:/, "").replace(/^tel:/, "");
  const text = link.text().trim();
  if (
    !/^(https?:|mailto:|tel:)/.test(href) ||
    text === shown ||
    text === href ||
    text.replace(/\/$/, "") === shown.replace(/^https?:\/\//, "").replace(/\/$/, "")
  )
    return;
  link.after(` <span class="link-url">(${escapeHtml(shown)})</span>`);
}

const escapeHtml = (text: string) =>
  text
    .replace(/&(?!amp;)/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");

/** One plain image, the largest of the original format, loaded eagerly (lazy images may print blank). */
function plainImages($: cheerio.CheerioAPI): void {
  $("picture").each((_, el) => {
    const picture = $(el);
    const img = picture.find("img").first();
    const best = largestCandidate(String(img.attr("srcset") ?? "")) ?? img.attr("src");
    img
      .attr("src", best ?? "")
      .removeAttr("srcset")
      .removeAttr("sizes")
      .removeAttr("loading")
      .attr("decoding", "sync");
    picture.replaceWith(img);
  });
}

export function largestCandidate(srcset: string): string | undefined {
  const candidates = srcset
    .split(",")
    .map((part) => part.trim().split(/\s+/))
    .filter(([url]) => url)
    .map(([url, descriptor]) => ({ url, width: Number.parseInt(descriptor ?? "0", 10) || 0 }));
  return candidates.sort((a, b) => b.width - a.width)[0]?.url;
}

function figuresAsGroups($: cheerio.CheerioAPI): void {
  $("figure").each((_, el) => {
    const figure = $(el);
    const caption = figure.children("figcaption");
    const captionHtml = caption.length ? `<p class="figur__tekst">${caption.html()}</p>` : "";
    caption.remove();
    const classes = new Set([
      "figur",
      ...String(figure.attr("class") ?? "")
        .split(/\s+/)
        .filter(Boolean),
    ]);
    figure.replaceWith(`<div class="${[...classes].join(" ")}" role="group">${figure.html()}${captionHtml}</div>`);
  });
}
