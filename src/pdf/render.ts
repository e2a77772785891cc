/**
 * Renders the print document of a publication (layouts/_includes/print-document.njk) with Nunjucks,
 * outside Eleventy: it is input for Chromium, not a page of the site, and only the publications
 * whose PDF is not cached need one. Keeping it out of the HTML stage keeps that stage to the site.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import nunjucks from "nunjucks";
import { contentHash } from "../cache/index.ts";
import { contributorGroups, formatDate, t, type UiKey } from "../i18n/index.ts";
import type { Contributor, Heading, House, Language, Publication, Site } from "../model/index.ts";
import { cspMeta } from "../security/index.ts";
import { publicUrl } from "../urls/index.ts";
import { chapterAnchor, printChapterHtml, printIntroHtml, printPageCss } from "./document.ts";

export const PRINT_TEMPLATE = "layouts/_includes/print-document.njk";

/** Where the print document's @page rules are served, beside the document (see ./stage.ts). */
export const printPageCssUrl = (publication: Publication): string => `${publication.url}print/sider.css`;

/** What the template is rendered with: with the template and the code, everything the print document is made from. */
export interface PrintInputs {
  pub: Publication;
  house: House | undefined;
  baseUrl: string;
  prefix: string;
  /** The site's Content-Security-Policy, for the document's meta tag. */
  csp: string;
  /** The address of the document's @page rules (printPageCssUrl). */
  pageCss: string;
}

export interface PrintRenderer {
  render(publication: Publication): string;
  /** The @page rules of the publication's print document (its running title and house), at printPageCssUrl. */
  pageCss(publication: Publication): string;
  inputs(publication: Publication): PrintInputs;
}

export function printRenderer(root: string, site: Site, pathPrefix: string): PrintRenderer {
  const { baseUrl } = site.info;
  const houses = new Map(site.info.houses.map((h) => [h.id, h]));
  const env = environment(root);
  // The template hands `prefix` on to publicUrl(), which normalises it.
  const inputs = (publication: Publication): PrintInputs => ({
    pub: publication,
    house: houses.get(publication.house),
    baseUrl,
    prefix: pathPrefix,
    csp: cspMeta(),
    pageCss: printPageCssUrl(publication),
  });
  return {
    render: (publication) => env.render(path.basename(PRINT_TEMPLATE), inputs(publication)),
    pageCss: (publication) =>
      printPageCss(publication.title, houses.get(publication.house)?.shortName ?? "", publication.lang),
    inputs,
  };
}

/**
 * The site files every print document loads, by content: the stylesheets the template links, and
 * what those @import or point at with url() (fonts), as they are in the output folder Chromium is
 * served from. Sorted [output-relative path, content hash] pairs, for the PDF's cache key.
 */
export async function printAssets(root: string, outDir: string): Promise<[string, string][]> {
  const template = await readFile(path.join(root, PRINT_TEMPLATE), "utf8");
  const todo = [...template.matchAll(/\b(?:href|src)="\/([^"{}]+)"/g)].map((m) => m[1].split(/[?#]/)[0]);
  const found = new Map<string, string>();
  while (todo.length) {
    const file = todo.pop()!;
    if (found.has(file)) continue;
    const bytes = await readFile(path.join(outDir, file)).catch(() => undefined);
    found.set(file, bytes ? contentHash(bytes) : "missing");
    if (!bytes || !file.endsWith(".css")) continue;
    for (const match of bytes
      .toString("utf8")
      .matchAll(/@import\s+["']([^"']+)["']|url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
      const url = match[1] ?? match[2];
      if (/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(url)) continue; // data: URIs and other sites are in the bytes already, or not ours
      const clean = url.split(/[?#]/)[0];
      todo.push(
        clean.startsWith("/") ? clean.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(file), clean)),
      );
    }
  }
  return [...found].sort(([a], [b]) => (a < b ? -1 : 1));
}

function environment(root: string): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(path.join(root, path.dirname(PRINT_TEMPLATE))), {
    autoescape: true,
    throwOnUndefined: false,
  });
  const filters: Record<string, (...args: never[]) => unknown> = {
    t: (key: UiKey, lang: Language = "da") => t(lang, key),
    date: (iso: string, lang: Language = "da") => formatDate(iso, lang),
    contributorGroups: (contributors: Contributor[], lang: Language) => contributorGroups(contributors, lang),
    chapterAnchor: (slug: string) => chapterAnchor(slug),
    headingsAtLevel: (headings: Heading[], level: number) => headings.filter((h) => h.level === level),
    absoluteUrlFor: (url: string, baseUrl: string, prefix: string) => publicUrl(url, baseUrl, prefix),
    printIntro: (publication: Publication, baseUrl: string, pathPrefix: string) =>
      printIntroHtml({ publication, baseUrl, pathPrefix }),
    printChapter: (
      chapter: Publication["chapters"][number],
      publication: Publication,
      baseUrl: string,
      pathPrefix: string,
    ) => printChapterHtml(chapter, { publication, baseUrl, pathPrefix }),
  };
  for (const [name, filter] of Object.entries(filters)) env.addFilter(name, filter);
  return env;
}
