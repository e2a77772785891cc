/**
 * Turns the site's chapter HTML (HTML5 from markdown-it) into well-formed EPUB XHTML with a real
 * parser (parse5 via cheerio) and serializer (dom-serializer): one embedded image per `<picture>`,
 * footnotes as `epub:type="footnote"` asides with back links, links between chapters kept inside
 * the book and links to the website made absolute.
 */
import path from "node:path";
import * as cheerio from "cheerio";
import { BuildFailure } from "../failure.ts";
import type { ImageAsset, Language } from "../model/index.ts";

export const XHTML_NS = "http://www.w3.org/1999/xhtml";
export const OPS_NS = "http://www.idpf.org/2007/ops";

/** Where a fragment lands in the book and how its links and images resolve. */
export interface FragmentContext {
  /** The document's path inside the book, relative to the package document (e.g. "chapters/x.xhtml"). */
  docPath: string;
  /** Site-relative URL of the page the fragment comes from, for relative links. */
  pageUrl: string;
  /** Absolute URL of the site root (base URL plus path prefix), no trailing slash. */
  siteRoot: string;
  /** Site path (e.g. /publikationer/x/metode/) → document in the book (e.g. chapters/metode.xhtml). */
  internal: Map<string, string>;
  /** The images this fragment may show. */
  images: ImageAsset[];
  /** Puts an image into the book; returns its path relative to the package document. */
  embed(asset: ImageAsset): string;
  /** Source file, named in editor messages. */
  sourcePath: string;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

/** A complete XHTML content document around a body that is already XHTML. */
export function xhtmlDocument(options: {
  lang: Language;
  title: string;
  cssHref: string;
  body: string;
  bodyType?: string;
}): string {
  const { lang, title, cssHref, body, bodyType } = options;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<!DOCTYPE html>`,
    `<html xmlns="${XHTML_NS}" xmlns:epub="${OPS_NS}" lang="${lang}" xml:lang="${lang}">`,
    `<head>`,
    `<title>${escapeXml(title)}</title>`,
    `<link rel="stylesheet" type="text/css" href="${escapeXml(cssHref)}"/>`,
    `</head>`,
    `<body${bodyType ? ` epub:type="${bodyType}"` : ""}>`,
    body.trim(),
    `</body>`,
    `</html>`,
    ``,
  ].join("\n");
}

/** Converts a fragment of site HTML into XHTML for the document `ctx.docPath`. */
export function toXhtml(html: string, ctx: FragmentContext): string {
  const $ = cheerio.load(html, null, false);
  embedImages($, ctx);
  unwrapTableRegions($);
  footnotesAsAsides($);
  rewriteLinks($, ctx);
  return serialize($);
}

function serialize($: cheerio.CheerioAPI): string {
  // dom-serializer in HTML mode with self-closing void elements and UTF-8 text; its only
  // non-XML output is the named entity &nbsp;, which XML does not define.
  const out = $.html({ xml: { xmlMode: false, selfClosingTags: true, emptyAttrs: true, encodeEntities: "utf8" } });
  return out.replace(/&nbsp;/g, "&#160;");
}

/** `<picture>` (or a bare `<img>`) → one `<img>` of the modest fallback file embedded in the book. */
function embedImages($: cheerio.CheerioAPI, ctx: FragmentContext): void {
  $("picture").each((_, picture) => {
    const img = $(picture).find("img").first();
    $(picture).replaceWith(img.length ? img : "");
  });
  $("img").each((_, img) => {
    const urls = imageUrls(img.attribs.src, img.attribs.srcset);
    const match = ctx.images.find((asset) => urls.includes(asset.fallbackUrl));
    if (!match) {
      throw new BuildFailure(
        `${ctx.sourcePath}: billedet ${urls[0] ?? "(uden adresse)"} kan ikke komme med i EPUB-filen, fordi det ikke er sat ind med Markdown. ` +
          `Skriv billedet som ![Alternativ tekst](filnavn.png), og læg filen i publikationens mappe.`,
      );
    }
    const alt = img.attribs.alt ?? match.alt;
    const attributes: Record<string, string> = { src: relativeHref(ctx.docPath, ctx.embed(match)), alt };
    if (alt === "") attributes.role = "presentation";
    img.attribs = attributes;
  });
}

function imageUrls(src = "", srcset = ""): string[] {
  const candidates = srcset.split(",").map((candidate) => candidate.trim().split(/\s+/)[0]);
  return [src, ...candidates].filter(Boolean);
}

/** The site wraps tables in a scrollable, focusable region; a reading system lays tables out itself. */
function unwrapTableRegions($: cheerio.CheerioAPI): void {
  $("div.tabel").each((_, wrapper) => {
    $(wrapper).replaceWith($(wrapper).contents());
  });
}

/**
 * The site's note list becomes a section of `epub:type="footnote"` asides (EPUB 3 Structural
 * Semantics, DPUB-ARIA), so reading systems can show a note as a pop-up next to its reference.
 */
function footnotesAsAsides($: cheerio.CheerioAPI): void {
  $("sup.fodnote-ref > a").attr("epub:type", "noteref").attr("role", "doc-noteref");
  $("a.fodnote-tilbage").attr("role", "doc-backlink");
  $("section.fodnoter").each((_, section) => {
    $(section).attr("epub:type", "footnotes");
    $(section)
      .find("ol > li")
      .each((index, li) => {
        const number = `<span class="fodnote-nr">${index + 1}.</span> `;
        const first = $(li).children("p").first();
        if (first.length) first.prepend(number);
        else $(li).prepend(number);
        const aside = $("<aside></aside>")
          .attr("id", $(li).attr("id") ?? null)
          .attr("class", "fodnote")
          .attr("epub:type", "footnote")
          .attr("role", "doc-footnote")
          .append($(li).contents());
        $(li).replaceWith(aside);
      });
    $(section)
      .find("ol")
      .each((_, ol) => {
        $(ol).replaceWith($(ol).contents());
      });
  });
}

function rewriteLinks($: cheerio.CheerioAPI, ctx: FragmentContext): void {
  $("a[href]").each((_, a) => {
    a.attribs.href = resolveHref(a.attribs.href, ctx);
  });
}

const SITE = "https://site.invalid";

/** `#x` stays; a page of this book → its document; any other site page → absolute; external stays. */
export function resolveHref(
  href: string,
  ctx: Pick<FragmentContext, "docPath" | "pageUrl" | "siteRoot" | "internal">,
): string {
  if (href.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
  const url = new URL(href, SITE + ctx.pageUrl);
  if (url.origin !== SITE) return url.href; // protocol-relative: //host/path
  const pathname = url.pathname.endsWith("/") || path.posix.extname(url.pathname) ? url.pathname : `${url.pathname}/`;
  const target = ctx.internal.get(pathname);
  if (target) return relativeHref(ctx.docPath, target) + url.hash;
  return ctx.siteRoot + url.pathname + url.search + url.hash;
}

/** Href from one document of the book to another (both relative to the package document). */
export function relativeHref(from: string, to: string): string {
  return path.posix.relative(path.posix.dirname(from), to) || path.posix.basename(to);
}
