/**
 * Link check without building (for `npm run check`): the links in the HTML the model rendered
 * from each Markdown file are resolved against what Eleventy and the model know will exist —
 * publication, chapter, news, standing, house, topic and layout pages, their heading and
 * footnote ids, the image variants and the design's assets. Exports and feeds are only known
 * after a build; links to them are left to the build's links stage.
 */
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { IMAGE_URL_PATH } from "../images/index.ts";
import type { ContentProblem, Site } from "../model/index.ts";
import { linksInHtml } from "./html.ts";
import { closest, describe, type Broken } from "./messages.ts";
import { decode } from "../urls/index.ts";
import { resolveLink } from "./resolve.ts";
import { SiteSources, type Route } from "./sources.ts";

/** `routes`: the pages Eleventy renders from the layouts (src/pipeline renderPages), so every page that will exist is known. */
export async function checkContentLinks(
  site: Site,
  root: string,
  routes: Route[],
): Promise<{ problems: ContentProblem[]; links: number }> {
  const sources = await SiteSources.create(site, root, routes);
  const files = await knownFiles(site, root);
  const address = { prefix: "/", baseUrl: site.info.baseUrl };
  const problems: ContentProblem[] = [];
  let count = 0;
  for (const page of sources.contentPages()) {
    const content = page.content!;
    for (const link of linksInHtml(content.html)) {
      const target = resolveLink(link.value, page.url, address);
      if (target.kind === "external") continue;
      count++;
      const broken = findBroken(target.path, target.fragment, sources, files, content.source);
      if (!broken) continue;
      const hints = [
        target.fragment && `#${target.fragment}`,
        target.path.split("/").filter(Boolean).pop() ?? "",
      ].filter(Boolean);
      const located = await sources.locate(page.url, link.value, link.value, hints);
      const { message, fix } = describe({
        ...broken,
        value: located.written ?? link.value,
        where: link.where,
        fragment: target.fragment,
      });
      problems.push({ file: content.source, line: located.line, message, fix });
    }
  }
  return { problems, links: count };
}

type Found = Pick<Broken, "kind" | "target" | "suggestions">;

function findBroken(
  urlPath: string,
  fragment: string,
  sources: SiteSources,
  files: Set<string>,
  source: string,
): Found | undefined {
  const sitePath = decode(urlPath);
  if (sitePath.endsWith(".md"))
    return { kind: "markdown", target: sitePath, suggestions: sources.chapterFilesNear(source) };
  const pageUrl = sitePath.endsWith("/")
    ? sitePath
    : sources.pages.has(`${sitePath}/`)
      ? `${sitePath}/`
      : sitePath.replace(/index\.html$/, "");
  const page = sources.pages.get(pageUrl);
  if (page) {
    if (!fragment || fragment.startsWith(":~:") || sources.idsOf(pageUrl).has(fragment)) return undefined;
    const headings = page.content?.headingIds ?? [];
    return {
      kind: "anchor",
      target: pageUrl,
      suggestions: [...new Set([...closest(fragment, sources.idsOf(pageUrl), 5), ...headings])],
    };
  }
  if (files.has(sitePath)) return undefined;
  const pageLike = sitePath.endsWith("/") || !/\.[a-z0-9]+$/i.test(sitePath);
  if (pageLike) return { kind: "page", target: sitePath, suggestions: closest(sitePath, sources.pages.keys()) };
  const ours = sitePath.startsWith(IMAGE_URL_PATH) || sitePath.startsWith("/assets/");
  return ours ? { kind: "file", target: sitePath, suggestions: [] } : undefined; // exports, feeds: known after a build
}

/** Site paths of files the build copies as they are: image variants and layouts/assets/. */
async function knownFiles(site: Site, root: string): Promise<Set<string>> {
  const files = new Set(site.imageFiles.map((f) => IMAGE_URL_PATH + path.basename(f)));
  const assets = path.join(root, "layouts", "assets");
  if (existsSync(assets)) {
    for (const f of await readdir(assets, { recursive: true })) files.add(`/assets/${f.split(path.sep).join("/")}`);
  }
  return files;
}
