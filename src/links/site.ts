/**
 * Checks a built site: every internal href/src (pages, feeds, CSS) must resolve to a file in the
 * output folder, and every #fragment to an id on the target page. External links are not fetched.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { analyseHtml, linksInCss, linksInXml, type FoundLink } from "./html.ts";
import { closest, type Broken } from "./messages.ts";
import { outputFileFor, resolveLink, urlOfOutputFile, withoutPrefix, type SiteAddress } from "./resolve.ts";

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
}

const HTML = /\.html$/;
const FEED = /\.(xml|atom|rss)$/;
const CSS = /\.css$/;

export async function checkOutput(outDir: string, options: OutputCheckOptions): Promise<OutputCheck> {
  const files = await listFiles(outDir);
  const documents = [...files].filter((f) => (HTML.test(f) || FEED.test(f) || CSS.test(f)) && !f.startsWith("pagefind/")).sort();
  const ids = new Map<string, Set<string>>();
  const linksOf = new Map<string, FoundLink[]>();
  for (const doc of documents) {
    const text = await readFile(path.join(outDir, doc), "utf8");
    if (HTML.test(doc)) {
      const analysed = analyseHtml(text);
      ids.set(doc, analysed.ids);
      linksOf.set(doc, analysed.links);
    } else {
      linksOf.set(doc, FEED.test(doc) ? linksInXml(text) : linksInCss(text));
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
      const base = { value: link.value, where: link.where, document: doc, documentUrl, fragment: target.fragment, suggestions: [] as string[] };
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
        broken.push({ ...base, kind: pageLike ? "page" : "file", target: sitePath, suggestions: pageLike ? closest(sitePath, pageUrls) : [] });
        continue;
      }
      const targetIds = ids.get(file);
      if (target.fragment && targetIds && !target.fragment.startsWith(":~:") && !targetIds.has(target.fragment)) {
        broken.push({ ...base, kind: "anchor", target: sitePath, suggestions: closest(target.fragment, targetIds, 5) });
      }
    }
  }
  return { broken, documents: documents.length, links: count };
}

async function listFiles(dir: string): Promise<Set<string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return new Set(
    entries
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/")),
  );
}
