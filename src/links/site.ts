/**
 * Checks a built site: every internal href/src (pages, feeds, CSS, robots.txt, and the links inside
 * the EPUBs and PDFs) must resolve to a file in the output folder (or the export), and every
 * #fragment to an id on the target page. External links are not fetched.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { cacheKey, codeVersion, ContentMemo } from "../cache/index.ts";
import { analyseHtml, linksInCss, linksInRobots, linksInXml, type FoundLink } from "./html.ts";
import { closest, type Broken } from "./messages.ts";
import { checkPdf, prunePdfLinkCache, type SiteLinkCheck } from "./pdf.ts";
import { decode, listOutputFiles, outputFileFor, urlOfOutputFile, withoutPrefix } from "../urls/index.ts";
import { resolveLink, type SiteAddress } from "./resolve.ts";

export interface BrokenInOutput extends Broken {
  /** The output file holding the link (posix, relative to the output folder). */
  document: string;
  /** Its site-relative URL (no prefix). */
  documentUrl: string;
}

export interface OutputCheck {
  broken: BrokenInOutput[];
  documents: number;
  links: number;
}

export interface OutputCheckOptions extends SiteAddress {
  /** Site paths (no prefix) that are not there yet and not this check's business, e.g. "/pagefind/" when search is skipped. */
  ignore?: string[];
  /** Where the links read from each distinct PDF, and from each distinct HTML document, are kept between builds. */
  cacheDir?: string;
}

/** One HTML document's links and ids, as remembered between builds. */
type Analysis = { links: FoundLink[]; ids: string[] };
type Analyse = (html: string) => { links: FoundLink[]; ids: Set<string> };

/** analyseHtml, remembered by content between builds when there is a cache folder. */
async function analyser(cacheDir: string | undefined): Promise<{ analyse: Analyse; save: () => Promise<void> }> {
  if (!cacheDir) return { analyse: analyseHtml, save: async () => {} };
  const version = cacheKey({ stage: "html-links", code: codeVersion({ modules: ["src/links/html.ts"] }) });
  const memo = await ContentMemo.open<Analysis>(path.join(cacheDir, "html-links.json"), version);
  const analyse: Analyse = (html) => {
    const { links, ids } = memo.get(html, () => {
      const found = analyseHtml(html);
      return { links: found.links, ids: [...found.ids] };
    });
    return { links, ids: new Set(ids) };
  };
  return { analyse, save: () => memo.save() };
}

const HTML = /\.html$/;
const FEED = /\.(xml|atom|rss)$/;
const CSS = /\.css$/;
const ROBOTS = /^robots\.txt$/;

export async function checkOutput(outDir: string, options: OutputCheckOptions): Promise<OutputCheck> {
  const files = await listFiles(outDir);
  const documents = [...files]
    .filter((f) => (HTML.test(f) || FEED.test(f) || CSS.test(f) || ROBOTS.test(f)) && !f.startsWith("pagefind/"))
    .sort();
  const ids = new Map<string, Set<string>>();
  const linksOf = new Map<string, FoundLink[]>();
  const { analyse, save } = await analyser(options.cacheDir);
  for (const doc of documents) {
    const text = await readFile(path.join(outDir, doc), "utf8");
    if (HTML.test(doc)) {
      const analysed = analyse(text);
      ids.set(doc, analysed.ids);
      linksOf.set(doc, analysed.links);
    } else {
      linksOf.set(doc, FEED.test(doc) ? linksInXml(text) : CSS.test(doc) ? linksInCss(text) : linksInRobots(text));
    }
  }
  const pageUrls = [...files].filter((f) => HTML.test(f)).map(urlOfOutputFile);

  const broken: BrokenInOutput[] = [];
  let count = 0;
  for (const doc of documents) {
    const documentUrl = urlOfOutputFile(doc);
    const documentPath = options.prefix + documentUrl.slice(1);
    for (const link of linksOf.get(doc) ?? []) {
      const target = resolveLink(link.value, documentPath, options);
      if (target.kind === "external") continue;
      count++;
      const base = {
        value: link.value,
        where: link.where,
        document: doc,
        documentUrl,
        fragment: target.fragment,
        suggestions: [] as string[],
      };
      const sitePath = withoutPrefix(target.path, options.prefix);
      if (sitePath === undefined) {
        broken.push({ ...base, kind: "prefix", target: target.path, prefix: options.prefix });
        continue;
      }
      if (options.ignore?.some((p) => sitePath.startsWith(p))) continue;
      const file = outputFileFor(sitePath, files);
      if (!file && sitePath.endsWith(".md")) {
        broken.push({ ...base, kind: "markdown", target: sitePath });
        continue;
      }
      if (!file) {
        const pageLike = sitePath.endsWith("/") || !/\.[a-z0-9]+$/i.test(sitePath) || HTML.test(sitePath);
        broken.push({
          ...base,
          kind: pageLike ? "page" : "file",
          target: sitePath,
          suggestions: pageLike ? closest(sitePath, pageUrls) : [],
        });
        continue;
      }
      const targetIds = ids.get(file);
      if (target.fragment && targetIds && !target.fragment.startsWith(":~:") && !targetIds.has(target.fragment)) {
        broken.push({ ...base, kind: "anchor", target: sitePath, suggestions: closest(target.fragment, targetIds, 5) });
      }
    }
  }
  // Exports link back to the site with absolute URLs: undefined = external, null = fine.
  const checkSiteLink: SiteLinkCheck = (value) => {
    const target = resolveLink(value, "/", options);
    if (target.kind === "external") return undefined;
    const sitePath = withoutPrefix(target.path, options.prefix) ?? target.path;
    const file = outputFileFor(sitePath, files);
    if (!file)
      return {
        kind: sitePath.endsWith(".md") ? "markdown" : /\.[a-z0-9]+$/i.test(sitePath) ? "file" : "page",
        target: sitePath,
      };
    const targetIds = ids.get(file);
    if (target.fragment && targetIds && !targetIds.has(target.fragment))
      return { kind: "anchor", target: sitePath, fragment: target.fragment };
    return null;
  };
  const exports = [...files].filter((f) => /\.(epub|pdf)$/.test(f)).sort();
  for (const file of exports) {
    const result = file.endsWith(".epub")
      ? await checkEpub(outDir, file, checkSiteLink, analyse)
      : await checkPdf(outDir, file, checkSiteLink, options.cacheDir);
    broken.push(...result.broken);
    count += result.links;
  }
  await save();
  if (options.cacheDir) await prunePdfLinkCache(options.cacheDir);
  return { broken, documents: documents.length + exports.length, links: count };
}

/**
 * The links inside an EPUB: relative ones between its XHTML files (and their ids), and absolute
 * ones back to the site, which must exist like any page link. Root-relative links cannot work
 * in a reading system and count as broken.
 */
async function checkEpub(
  outDir: string,
  epub: string,
  checkSiteLink: SiteLinkCheck,
  analyse: Analyse,
): Promise<{ broken: BrokenInOutput[]; links: number }> {
  const entries = unzipSync(new Uint8Array(await readFile(path.join(outDir, epub))));
  const names = new Set(Object.keys(entries));
  const documents = [...names].filter((n) => /\.x?html$/.test(n)).sort();
  const analysed = new Map(documents.map((n) => [n, analyse(strFromU8(entries[n]))]));
  const broken: BrokenInOutput[] = [];
  let links = 0;
  for (const name of documents) {
    for (const link of analysed.get(name)!.links) {
      const value = link.value.trim();
      if (!value || value.startsWith("//") || /^(mailto|tel|data):/i.test(value)) continue;
      links++;
      const base = {
        value,
        where: link.where,
        document: `${epub}!${name}`,
        documentUrl: `/${epub}`,
        fragment: "",
        suggestions: [] as string[],
      };
      if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
        const problem = checkSiteLink(value);
        if (problem)
          broken.push({ ...base, kind: problem.kind, target: problem.target, fragment: problem.fragment ?? "" });
        else if (problem === undefined) links--; // external: not counted, not fetched
        continue;
      }
      const url = new URL(value, `http://epub.invalid/${name}`);
      const entry = decode(url.pathname.slice(1));
      const fragment = decode(url.hash.slice(1));
      if (value.startsWith("/") || !names.has(entry)) {
        broken.push({ ...base, kind: "file", target: entry, fragment });
      } else if (fragment && analysed.has(entry) && !analysed.get(entry)!.ids.has(fragment)) {
        broken.push({
          ...base,
          kind: "anchor",
          target: entry,
          fragment,
          suggestions: closest(fragment, analysed.get(entry)!.ids, 5),
        });
      }
    }
  }
  return { broken, links };
}

async function listFiles(dir: string): Promise<Set<string>> {
  return new Set(await listOutputFiles(dir));
}
