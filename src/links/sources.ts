/**
 * Which file made which page: the model knows the Markdown behind publications, chapters, news
 * and standing pages; Eleventy's own routes (the pages it rendered, each with its layout) tell
 * every page that exists and which layout renders it, whatever permalink the layout computes.
 * Broken links are reported against the file an editor or developer has to change, with a line
 * when the link text can be found.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Site } from "../model/index.ts";
import { urlOfOutputFile } from "../urls/index.ts";
import { idsInHtml, linksInHtml } from "./html.ts";

export interface PageInfo {
  url: string; // site-relative, no prefix
  /** Layout file that renders the page (repository-relative). */
  layout: string;
  /** For pages made from Markdown: the source file and the HTML the model rendered from it. */
  content?: { source: string; html: string; lang: string; headingIds: string[] };
}

/** A page Eleventy rendered: its output file (relative to the output folder) and its layout. */
export interface Route {
  file: string;
  template: string;
}

export interface Located {
  file: string;
  line?: number;
  /** The link as the editor wrote it (e.g. `02-metode.md#tal`), when it could be read from the line. */
  written?: string;
}

export class SiteSources {
  readonly pages = new Map<string, PageInfo>();
  /** Literal id="…" attributes of the layouts: present on the pages those layouts render. */
  readonly layoutIds = new Set<string>();
  private readonly texts = new Map<string, Promise<string>>();
  private readonly contentLinks = new Map<string, Set<string>>();
  private readonly contentIds = new Map<string, Set<string>>();

  private constructor(
    readonly site: Site,
    readonly root: string,
    readonly repoRoot: string,
  ) {}

  /** `root` holds layouts/; source paths in the model are relative to the folder holding content/. */
  static async create(site: Site, root: string, routes: Route[]): Promise<SiteSources> {
    const sources = new SiteSources(site, root, path.dirname(site.contentDir));
    for (const route of routes) {
      if (!route.file.endsWith(".html")) continue;
      const url = urlOfOutputFile(route.file);
      sources.pages.set(url, { url, layout: route.template });
    }
    await sources.readLayoutIds();
    sources.addContentPages();
    return sources;
  }

  get layoutsDir(): string {
    return path.join(this.root, "layouts");
  }

  /** Repository-relative name of a layout file, as developers know it. */
  layoutName(file: string): string {
    return path.relative(this.root, file).split(path.sep).join("/");
  }

  private async readLayoutIds(): Promise<void> {
    const files = (await readdir(this.layoutsDir, { recursive: true })).filter((f) => f.endsWith(".njk")).sort();
    for (const rel of files) {
      const text = await this.text(path.join(this.layoutsDir, rel));
      for (const match of text.matchAll(/\sid="([A-Za-z][\w.:-]*)"/g)) this.layoutIds.add(match[1]);
    }
  }

  private addContentPages(): void {
    const add = (url: string, source: string, html: string, lang: string, headingIds: string[]) => {
      const page = this.pages.get(url) ?? { url, layout: "layouts/" };
      this.pages.set(url, { ...page, content: { source, html, lang, headingIds } });
    };
    for (const p of this.site.publications) {
      add(p.url, p.sourcePath, p.introHtml, p.lang, []);
      for (const c of p.chapters)
        add(
          c.url,
          c.sourcePath,
          c.html,
          c.lang,
          c.headings.map((h) => h.id),
        );
    }
    for (const n of this.site.news) add(n.url, n.sourcePath, n.html, n.lang, []);
    for (const s of this.site.pages) add(s.url, s.sourcePath, s.html, s.lang, []);
  }

  /** Every content document, with the source it came from. */
  contentPages(): PageInfo[] {
    return [...this.pages.values()].filter((p) => p.content);
  }

  /** Chapter file names of the publication a source file belongs to, for .md link suggestions. */
  chapterFilesNear(source: string): string[] {
    const publication = this.site.publications.find((p) => path.dirname(p.sourcePath) === path.dirname(source));
    return (publication?.chapters ?? []).map((c) => path.basename(c.sourcePath));
  }

  /** Links as the model rendered them for one content page (no prefix). */
  linksOfContent(url: string): Set<string> {
    let links = this.contentLinks.get(url);
    if (!links) {
      const html = this.pages.get(url)?.content?.html ?? "";
      links = new Set(linksInHtml(html).map((l) => l.value));
      this.contentLinks.set(url, links);
    }
    return links;
  }

  /** Ids a page is known to have without building it: its content's ids plus the layouts' literal ids. */
  idsOf(url: string): Set<string> {
    let ids = this.contentIds.get(url);
    if (!ids) {
      ids = new Set([...this.layoutIds, ...idsInHtml(this.pages.get(url)?.content?.html ?? "")]);
      this.contentIds.set(url, ids);
    }
    return ids;
  }

  /** The absolute path of a repository-relative source (content or layout). */
  absolute(file: string): string {
    return file.startsWith("layouts/") ? path.join(this.root, file) : path.join(this.repoRoot, file);
  }

  /**
   * Which file to fix for a broken link on a page: the Markdown when the link is in the content
   * the model rendered, else the layout (or the include that holds the link literally).
   * `value` is the link as in the output, `unprefixed` the same without the path prefix;
   * `template` the layout Eleventy rendered the page from, when the build knows it.
   */
  async locate(
    pageUrl: string,
    value: string,
    unprefixed: string,
    hints: string[] = [],
    template?: string,
  ): Promise<Located> {
    const known = this.pages.get(pageUrl);
    // The template Eleventy reports for the page beats the one read from the layouts' front matter.
    const page = template?.endsWith(".njk") ? { url: pageUrl, ...known, layout: template } : known;
    const needles = [value, unprefixed, ...hints].filter(Boolean);
    if (page?.content) {
      const links = this.linksOfContent(pageUrl);
      if (links.has(value) || links.has(unprefixed)) {
        const line = await this.lineOf(page.content.source, needles);
        const written = line ? await this.writtenLink(page.content.source, line, needles) : undefined;
        return { file: page.content.source, line, written };
      }
    }
    const candidates = [page?.layout, ...(await this.includes())].filter((f): f is string => !!f && f.endsWith(".njk"));
    for (const layout of candidates) {
      const line = await this.lineOf(layout, [`"${value}"`, `"${unprefixed}"`]);
      if (line) return { file: layout, line };
    }
    return { file: page?.layout ?? "layouts/_includes/base.njk" };
  }

  private async includes(): Promise<string[]> {
    const dir = path.join(this.layoutsDir, "_includes");
    if (!existsSync(dir)) return [];
    return (await readdir(dir))
      .filter((f) => f.endsWith(".njk"))
      .sort()
      .map((f) => `layouts/_includes/${f}`);
  }

  /** First line of a source file containing one of the needles (tried in order). */
  async lineOf(file: string, needles: string[]): Promise<number | undefined> {
    const text = await this.text(this.absolute(file)).catch(() => "");
    const lines = text.split(/\r?\n/);
    for (const needle of needles) {
      const index = lines.findIndex((line) => line.includes(needle));
      if (index >= 0) return index + 1;
    }
    return undefined;
  }

  /** The Markdown link target on a line that contains one of the needles: `[text](target)`. */
  private async writtenLink(file: string, line: number, needles: string[]): Promise<string | undefined> {
    const text = (await this.text(this.absolute(file))).split(/\r?\n/)[line - 1] ?? "";
    const targets = [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
    for (const needle of needles) {
      const found = targets.find((t) => t.includes(needle));
      if (found) return found;
    }
    return undefined;
  }

  text(file: string): Promise<string> {
    let text = this.texts.get(file);
    if (!text) {
      text = readFile(file, "utf8");
      this.texts.set(file, text);
    }
    return text;
  }
}
