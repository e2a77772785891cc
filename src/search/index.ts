/**
 * The Pagefind index of a built site: one bundle per language, each stemmed in its own language.
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
import path from "node:path";
import * as pagefind from "pagefind";

/** Where the bundles go, under the site root: pagefind/<lang>/ plus pagefind/languages.json. */
export const SEARCH_FOLDER = "pagefind";
export const LANGUAGES_FILE = "languages.json";

/**
 * Left out of the index inside `data-pagefind-body`: navigation (tables of contents, "on this
 * page"), the lines that repeat metadata (chapter kicker, reading level, news date line), the
 * labels of the facts box, the download list and footnote back-links: the same words on every page,
 * or facts that are filters and metadata already. (Filters inside them are still read.)
 */
export const EXCLUDE_SELECTORS = [
  "nav", ".chapter__kicker", ".chapter > header .meta", ".news > .card__meta",
  ".publication__aside > h2", ".facts dt", ".downloads__title", ".downloads", ".fodnote-tilbage",
];

/** Pagefind's own UI bundles: the search page uses its JS API (pagefind.js) only. */
const UNUSED_FILES = [
  "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
  "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
];

export interface IndexedPage {
  /** Site-relative URL without the path prefix, e.g. /publikationer/x/kapitel/ */
  url: string;
  file: string;
  lang: string;
}

export interface SearchIndexSummary {
  pages: number;
  byLanguage: Record<string, number>;
  /** Total size of the pagefind/ folder, and of the index proper (meta, index chunks, fragments, filters). */
  bytes: number;
  indexBytes: number;
  files: number;
}

export class SearchIndexError extends Error {}

/** The pages that carry `data-pagefind-body`, with their language from `<html lang>`. */
export async function findIndexablePages(siteDir: string): Promise<IndexedPage[]> {
  const entries = await readdir(siteDir, { recursive: true });
  const htmlFiles = entries
    .filter((rel) => rel.endsWith(".html") && !rel.startsWith(`${SEARCH_FOLDER}${path.sep}`))
    .sort();
  const pages: IndexedPage[] = [];
  for (const rel of htmlFiles) {
    const file = path.join(siteDir, rel);
    const html = await readFile(file, "utf8");
    if (!html.includes("data-pagefind-body")) continue;
    pages.push({ url: urlOf(rel), file, lang: languageOf(html) });
  }
  return pages;
}

/** Indexes the site into <siteDir>/pagefind/<lang>/, one bundle per language. */
export async function writeSearchIndex(siteDir: string, pages: IndexedPage[]): Promise<SearchIndexSummary> {
  const outRoot = path.join(siteDir, SEARCH_FOLDER);
  await rm(outRoot, { recursive: true, force: true });
  const byLanguage = groupByLanguage(pages);
  try {
    for (const [lang, group] of byLanguage) await writeBundle(lang, group, path.join(outRoot, lang));
  } finally {
    await pagefind.close();
  }
  const languages = [...byLanguage.keys()];
  await writeFile(path.join(outRoot, LANGUAGES_FILE), JSON.stringify({ languages }) + "\n");
  const sizes = await folderSizes(outRoot);
  return {
    pages: pages.length,
    byLanguage: Object.fromEntries([...byLanguage].map(([lang, group]) => [lang, group.length])),
    ...sizes,
  };
}

async function writeBundle(lang: string, pages: IndexedPage[], outputPath: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: lang, excludeSelectors: EXCLUDE_SELECTORS });
  if (!index) throw new SearchIndexError(errors.join("; ") || "Pagefind startede ikke");
  for (const page of pages) {
    const added = await index.addHTMLFile({ url: page.url, content: await readFile(page.file, "utf8") });
    if (added.errors.length) throw new SearchIndexError(`${page.url}: ${added.errors.join("; ")}`);
  }
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length) throw new SearchIndexError(written.errors.join("; "));
  await removeUnused(outputPath);
}

/** Pagefind's own UI, and the WebAssembly of languages this bundle does not hold (the entry file names its own). */
async function removeUnused(bundle: string): Promise<void> {
  const entry = JSON.parse(await readFile(path.join(bundle, "pagefind-entry.json"), "utf8")) as { languages: Record<string, { wasm?: string }> };
  const wasmKept = new Set(Object.values(entry.languages).map((l) => `wasm.${l.wasm ?? "unknown"}.pagefind`));
  const wasmUnused = (await readdir(bundle)).filter((name) => /^wasm\..+\.pagefind$/.test(name) && !wasmKept.has(name));
  await Promise.all([...UNUSED_FILES, ...wasmUnused].map((name) => rm(path.join(bundle, name), { force: true })));
}

/** Pages grouped by language, languages in a stable order (the site's main language is not special here). */
function groupByLanguage(pages: IndexedPage[]): Map<string, IndexedPage[]> {
  const groups = new Map<string, IndexedPage[]>();
  for (const page of [...pages].sort((a, b) => a.lang.localeCompare(b.lang) || a.url.localeCompare(b.url))) {
    groups.set(page.lang, [...(groups.get(page.lang) ?? []), page]);
  }
  return groups;
}

/** "publikationer/x/index.html" → "/publikationer/x/"; "404.html" → "/404.html". */
export function urlOf(relativeFile: string): string {
  const posix = relativeFile.split(path.sep).join("/");
  return "/" + posix.replace(/(^|\/)index\.html$/, "$1");
}

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
