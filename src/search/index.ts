/**
 * The Pagefind index of a built site: one bundle per language (or several, see MAX_BUNDLE_PAGES),
 * each stemmed in its own language.
 *
 * Why one bundle per language: Pagefind's browser side picks the index that matches the search
 * page's `<html lang>`, and every index merged into one Pagefind instance (mergeIndex) is searched
 * with the primary language's WebAssembly, so an English index queried from the Danish search page
 * would get its query stemmed by Danish rules while its pages were stemmed by English ones
 * ("strategy" → "strategy" against the indexed "strategi"). A separate bundle per language, each
 * loaded through its own copy of pagefind.js (layouts/assets/search.js), stems every page and every
 * query against it with the same rules. forceLanguage on a single bundle would be simpler but would
 * stem English pages with Danish rules.
 */
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { urlOfOutputFile } from "../urls/index.ts";
import path from "node:path";
import * as pagefind from "pagefind";

/** Where the bundles go, under the site root: pagefind/<lang>/ (or <lang>-1/, <lang>-2/ …) plus pagefind/bundles.json. */
export const SEARCH_FOLDER = "pagefind";
export const BUNDLES_FILE = "bundles.json";

/**
 * Pagefind holds a bundle's pages in memory and needs about four times as much again while it
 * writes the bundle: some 0.35 MiB per page, 3.3 GiB for the 11,000 pages of 1,000 publications.
 * A language with more pages is split into several bundles, each written by a Pagefind process of
 * its own that ends before the next starts; the search page searches them all and merges the results.
 */
export const MAX_BUNDLE_PAGES = 1500;

/**
 * Left out of the index inside `data-pagefind-body`: navigation (tables of contents, "on this
 * page"), the lines that repeat metadata (chapter kicker, reading level, news date line), the
 * labels of the facts box, the download list and footnote back-links: the same words on every page,
 * or facts that are filters and metadata already. (Filters inside them are still read.)
 */
export const EXCLUDE_SELECTORS = [
  "nav",
  ".chapter__kicker",
  ".chapter > header .meta",
  ".news > .card__meta",
  ".publication__aside > h2",
  ".facts dt",
  ".downloads__title",
  ".downloads",
  ".fodnote-tilbage",
];

/** Pagefind's own UI bundles: the search page uses its JS API (pagefind.js) only. */
const UNUSED_FILES = [
  "pagefind-ui.js",
  "pagefind-ui.css",
  "pagefind-modular-ui.js",
  "pagefind-modular-ui.css",
  "pagefind-component-ui.js",
  "pagefind-component-ui.css",
  "pagefind-highlight.js",
];

export interface IndexedPage {
  /** Site-relative URL without the path prefix, e.g. /publikationer/x/kapitel/ */
  url: string;
  content: string;
  lang: string;
}

/** One Pagefind bundle: its folder under pagefind/, its language and its pages. */
export interface Bundle {
  dir: string;
  lang: string;
  pages: IndexedPage[];
}

export interface SearchIndexSummary {
  pages: number;
  bundles: number;
  byLanguage: Record<string, number>;
  /** Total size of the pagefind/ folder, and of the index proper (meta, index chunks, fragments, filters). */
  bytes: number;
  indexBytes: number;
  files: number;
}

export class SearchIndexError extends Error {}

/** The pages that carry `data-pagefind-body`, with their language from `<html lang>`. */
export function indexablePages(pages: { file: string; content: string }[]): IndexedPage[] {
  return pages
    .filter(({ file, content }) => file.endsWith(".html") && content.includes("data-pagefind-body"))
    .map(({ file, content }) => ({ url: urlOfOutputFile(file), content, lang: languageOf(content) }));
}

/** Indexes the site into <siteDir>/pagefind/, one bundle per language or per part of one (see MAX_BUNDLE_PAGES). */
export async function writeSearchIndex(
  siteDir: string,
  pages: IndexedPage[],
  maxBundlePages = MAX_BUNDLE_PAGES,
): Promise<SearchIndexSummary> {
  const outRoot = path.join(siteDir, SEARCH_FOLDER);
  await rm(outRoot, { recursive: true, force: true });
  const byLanguage = groupByLanguage(pages);
  const bundles = [...byLanguage].flatMap(([lang, group]) => splitBundle(lang, group, maxBundlePages));
  for (const bundle of bundles) await writeBundle(bundle, path.join(outRoot, bundle.dir));
  const list = bundles.map(({ dir, lang }) => ({ dir, lang }));
  await writeFile(path.join(outRoot, BUNDLES_FILE), JSON.stringify({ bundles: list }) + "\n");
  const sizes = await folderSizes(outRoot);
  return {
    pages: pages.length,
    bundles: bundles.length,
    byLanguage: Object.fromEntries([...byLanguage].map(([lang, group]) => [lang, group.length])),
    ...sizes,
  };
}

/**
 * A language's pages as one bundle, or as several of at most `max` pages. Pages are dealt out in
 * turn rather than cut into runs, so every part is a like sample of the language (news, chapters,
 * publications alike) and Pagefind's scores, which weigh a word by how rare it is in its bundle,
 * stay comparable when the search page merges the parts' results.
 */
export function splitBundle(lang: string, pages: IndexedPage[], max: number): Bundle[] {
  const parts = Math.ceil(pages.length / max);
  if (parts <= 1) return [{ dir: lang, lang, pages }];
  return Array.from({ length: parts }, (_, part) => ({
    dir: `${lang}-${part + 1}`,
    lang,
    pages: pages.filter((_, i) => i % parts === part),
  }));
}

/** Writes one bundle with a Pagefind process of its own, closed afterwards so its memory is freed before the next. */
async function writeBundle(bundle: Bundle, outputPath: string): Promise<void> {
  try {
    const { index, errors } = await pagefind.createIndex({
      forceLanguage: bundle.lang,
      excludeSelectors: EXCLUDE_SELECTORS,
    });
    if (!index) throw new SearchIndexError(errors.join("; ") || "Pagefind startede ikke");
    for (const page of bundle.pages) {
      const added = await index.addHTMLFile({ url: page.url, content: page.content });
      if (added.errors.length) throw new SearchIndexError(`${page.url}: ${added.errors.join("; ")}`);
    }
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new SearchIndexError(written.errors.join("; "));
  } finally {
    await pagefind.close();
  }
  await removeUnused(outputPath);
}

/** Pagefind's own UI, and the WebAssembly of languages this bundle does not hold (the entry file names its own). */
async function removeUnused(bundle: string): Promise<void> {
  const entry = JSON.parse(await readFile(path.join(bundle, "pagefind-entry.json"), "utf8")) as {
    languages: Record<string, { wasm?: string }>;
  };
  const wasmKept = new Set(Object.values(entry.languages).map((l) => `wasm.${l.wasm ?? "unknown"}.pagefind`));
  const wasmUnused = (await readdir(bundle)).filter((name) => /^wasm\..+\.pagefind$/.test(name) && !wasmKept.has(name));
  await Promise.all([...UNUSED_FILES, ...wasmUnused].map((name) => rm(path.join(bundle, name), { force: true })));
}

/** Pages grouped by language, languages in a stable order (the site's main language is not special here). */
function groupByLanguage(pages: IndexedPage[]): Map<string, IndexedPage[]> {
  const groups = new Map<string, IndexedPage[]>();
  for (const page of [...pages].sort((a, b) => a.lang.localeCompare(b.lang) || a.url.localeCompare(b.url))) {
    const group = groups.get(page.lang) ?? [];
    group.push(page);
    groups.set(page.lang, group);
  }
  return groups;
}

/** "publikationer/x/index.html" → "/publikationer/x/"; "404.html" → "/404.html". */
/** The primary language subtag of `<html lang>`, lower case; "unknown" as Pagefind calls a page without one. */
export function languageOf(html: string): string {
  const match = /<html\b[^>]*?\slang\s*=\s*["']?([A-Za-z-]+)/i.exec(html);
  return match ? match[1].split("-")[0].toLowerCase() : "unknown";
}

async function folderSizes(dir: string): Promise<{ bytes: number; indexBytes: number; files: number }> {
  let bytes = 0;
  let indexBytes = 0;
  let files = 0;
  for (const rel of await readdir(dir, { recursive: true })) {
    const info = await stat(path.join(dir, rel));
    if (!info.isFile()) continue;
    files++;
    bytes += info.size;
    if (/\.pf_(meta|index|fragment|filter)$/.test(rel)) indexBytes += info.size;
  }
  return { bytes, indexBytes, files };
}
export type { SearchResult } from "./stage.ts";
