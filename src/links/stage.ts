/**
 * The links stage: after the exports' download links and the search index are in place, every
 * internal link and #anchor of every page, feed and stylesheet in the staging folder must
 * resolve. A broken one fails the build, naming the file to fix (the Markdown, or the layout)
 * and the link. External links are never fetched.
 */
import path from "node:path";
import { BuildFailure } from "../failure.ts";
import type { BuildContext, Stage } from "../pipeline/index.ts";
import { formatProblem, type ContentProblem } from "../model/index.ts";
import { describe } from "./messages.ts";
import { normalisePrefix } from "../urls/index.ts";
import { checkOutput, type BrokenInOutput } from "./site.ts";
import { SiteSources } from "./sources.ts";

export interface LinksResult {
  counts: { links: number; documents: number };
}

export const linksStage: Stage<"links"> = {
  name: "links",
  async run(ctx: BuildContext) {
    const prefix = normalisePrefix(ctx.options.pathPrefix);
    const ignore = ctx.options.skip.has("search") ? ["/pagefind/"] : [];
    const cacheDir = path.join(ctx.options.cacheDir, "links");
    const result = await checkOutput(ctx.outDir, { prefix, baseUrl: ctx.site.info.baseUrl, ignore, cacheDir });
    if (result.broken.length === 0) return { counts: { links: result.links, documents: result.documents } };
    const routes = (await ctx.result("html"))?.pages ?? [];
    const templates = new Map(routes.map((page) => [page.file, page.template]));
    const sources = await SiteSources.create(ctx.site, ctx.options.root, routes);
    const problems = await problemsFor(result.broken, sources, prefix, templates);
    throw new BuildFailure(formatLinkProblems(problems));
  },
};

/** One problem per file and link; a layout link broken on many pages is told once, with a count. */
export async function problemsFor(
  broken: BrokenInOutput[],
  sources: SiteSources,
  prefix: string,
  templates?: Map<string, string>,
): Promise<ContentProblem[]> {
  const grouped = new Map<string, { problem: ContentProblem; pages: string[] }>();
  const inContent = broken.filter((b) => sources.pages.get(b.documentUrl)?.content);
  for (const b of broken) {
    if (!sources.pages.get(b.documentUrl)?.content && inContent.some((c) => isTwin(c, b))) continue;
    const unprefixed = b.value.startsWith(prefix) ? "/" + b.value.slice(prefix.length) : b.value;
    const hints = [b.fragment && `#${b.fragment}`, b.target.split("/").filter(Boolean).pop() ?? ""].filter(Boolean);
    const located = b.document.endsWith(".html")
      ? await sources.locate(b.documentUrl, b.value, unprefixed, hints, templates?.get(b.document))
      : { file: templates?.get(b.document) ?? producerOf(b.document), line: undefined, written: undefined };
    const target = sources.pages.get(b.target)?.content;
    const suggestions =
      b.kind === "anchor" && target
        ? [...new Set([...b.suggestions, ...target.headingIds])]
        : b.kind === "markdown"
          ? sources.chapterFilesNear(located.file)
          : b.suggestions;
    const { message, fix } = describe({ ...b, value: located.written ?? b.value, suggestions });
    const key = `${located.file}\0${b.value}\0${b.kind}`;
    const entry = grouped.get(key);
    if (entry) entry.pages.push(b.documentUrl);
    else
      grouped.set(key, { problem: { file: located.file, line: located.line, message, fix }, pages: [b.documentUrl] });
  }
  return [...grouped.values()].map(({ problem, pages }) => {
    const fromContent = problem.file.startsWith("content/") || !problem.file.startsWith("layouts/");
    const where =
      pages.length > 1
        ? ` (på ${pages.length} sider, fx ${pages[0]})`
        : fromContent && problem.file.endsWith(".md")
          ? ""
          : ` (på ${pages[0]})`;
    return { ...problem, message: problem.message + where };
  });
}

/**
 * The same broken link seen again in a rendition of the content (the print document, a feed
 * entry, the EPUB): told once, at its source. Print documents prefix ids ("kapitel-x--id").
 */
function isTwin(original: BrokenInOutput, copy: BrokenInOutput): boolean {
  if (original.fragment && copy.fragment)
    return copy.fragment === original.fragment || copy.fragment.endsWith(`-${original.fragment}`);
  if (original.fragment || copy.fragment) return false;
  return copy.target === original.target || copy.value === original.value || copy.target.endsWith(`/${original.value}`);
}

/** Feeds and stylesheets are not pages: name what writes them. */
function producerOf(document: string): string {
  if (document.endsWith(".css")) return `layouts/${document}`;
  if (document.includes(".epub!")) return `src/epub/ (${document})`;
  if (document.includes(".pdf#")) return `src/pdf/ (${document})`;
  return `src/feeds/ (${document})`;
}

export function formatLinkProblems(problems: ContentProblem[]): string {
  const n = problems.length;
  const head = n === 1 ? "Der er 1 brudt link:" : `Der er ${n} brudte links:`;
  const lines = [...problems]
    .sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.message.localeCompare(b.message))
    .map((p) => "  " + formatProblem(p));
  return [head, ...lines, "", "Ret linkene og byg igen. Intet er udgivet."].join("\n");
}
