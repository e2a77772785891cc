/**
 * Renders the print document of a publication (layouts/_includes/print-document.njk) with Nunjucks,
 * outside Eleventy: it is input for Chromium, not a page of the site, and only the publications
 * whose PDF is not cached need one. Keeping it out of the HTML stage keeps that stage to the site.
 */
import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import nunjucks from "nunjucks";
import { sourceVersion } from "../build/memo.ts";
import { formatDate, t, type UiKey } from "../i18n/index.ts";
import type { Heading, Language, Publication, Site } from "../model/types.ts";
import { cspMeta } from "../security/csp.ts";
import { chapterAnchor, printChapterHtml, printIntroHtml, printPageCss, printString, publicUrl, type PrintKey } from "./document.ts";

export const PRINT_TEMPLATE = "layouts/_includes/print-document.njk";

/** Where the print document's @page rules are served, beside the document (see ./stage.ts). */
export const printPageCssUrl = (publication: Publication): string => `${publication.url}print/sider.css`;

export interface PrintRenderer {
  render(publication: Publication): string;
  /** The @page rules of the publication's print document (its running title and house), at printPageCssUrl. */
  pageCss(publication: Publication): string;
  /** Changes whenever anything the print document is made from changes: the cache key of its PDF. */
  key(publication: Publication): string;
}

export async function printRenderer(root: string, site: Site, pathPrefix: string): Promise<PrintRenderer> {
  const { baseUrl } = site.info;
  const houses = new Map(site.info.houses.map((h) => [h.id, h]));
  const env = environment(root);
  // The code and files every print document depends on, besides the publication itself.
  const version = await sourceVersion(root, [PRINT_TEMPLATE, "layouts/assets/print.css", ...(await sources(root, "src/pdf")), ...(await sources(root, "src/i18n"))]);
  // The template hands `prefix` on to publicUrl(), which normalises it.
  const inputs = (publication: Publication) => ({
    pub: publication, house: houses.get(publication.house), baseUrl, prefix: pathPrefix, csp: cspMeta(), pageCss: printPageCssUrl(publication),
  });
  return {
    render: (publication) => env.render(path.basename(PRINT_TEMPLATE), inputs(publication)),
    pageCss: (publication) => printPageCss(publication.title, houses.get(publication.house)?.shortName ?? "", publication.lang),
    key: (publication) =>
      createHash("sha256").update(version).update("\0").update(JSON.stringify(inputs(publication))).digest("hex").slice(0, 16),
  };
}

function environment(root: string): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(path.join(root, path.dirname(PRINT_TEMPLATE))), {
    autoescape: true,
    throwOnUndefined: false,
  });
  const filters: Record<string, (...args: any[]) => unknown> = {
    t: (key: UiKey, lang: Language = "da") => t(lang, key),
    date: (iso: string, lang: Language = "da") => formatDate(iso, lang),
    printString: (key: PrintKey, lang: Language) => printString(lang, key),
    chapterAnchor: (slug: string) => chapterAnchor(slug),
    headingsAtLevel: (headings: Heading[], level: number) => headings.filter((h) => h.level === level),
    absoluteUrlFor: (url: string, baseUrl: string, prefix: string) => publicUrl(url, baseUrl, prefix),
    printIntro: (publication: Publication, baseUrl: string, pathPrefix: string) => printIntroHtml({ publication, baseUrl, pathPrefix }),
    printChapter: (chapter: Publication["chapters"][number], publication: Publication, baseUrl: string, pathPrefix: string) =>
      printChapterHtml(chapter, { publication, baseUrl, pathPrefix }),
  };
  for (const [name, filter] of Object.entries(filters)) env.addFilter(name, filter);
  return env;
}

async function sources(root: string, dir: string): Promise<string[]> {
  return (await readdir(path.join(root, dir))).filter((f) => f.endsWith(".ts")).sort().map((f) => path.join(dir, f));
}
