/**
 * The pages stage, the one writer of the site's pages: every output Eleventy rendered is written
 * here, once, with what only exists after the exports. A publication page gets its download list
 * (format, size, the PDF's page count) and the accessibility statement page its draft, both made
 * from the model and the results of the stages before, in the places the layouts leave for them.
 * The readers (links, security, gate) start only when this stage has finished.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fillStatementPage, statementSectionsOf, statementHtml, STATEMENT_FILE } from "../a11y/index.ts";
import { strings, t } from "../i18n/index.ts";
import type { Language, Site } from "../model/index.ts";
import type { BuildContext, Stage } from "./index.ts";
import type { Download, RenderedPage } from "./results.ts";
import { prefixLinks, withPrefix } from "../urls/index.ts";

/** Where a publication page's layout leaves room for its download list. */
const DOWNLOADS_SLOT = "<!-- udgiv:downloads -->";

export const pagesStage: Stage<"pages"> = {
  name: "pages",
  async run(ctx: BuildContext) {
    const [html, epub, pdf] = await Promise.all([ctx.result("html"), ctx.result("epub"), ctx.result("pdf")]);
    if (!html) return { pages: new Map(), counts: { written: 0 } };
    const downloads = downloadsBySlug(ctx.site, [epub?.downloads, pdf?.downloads]);
    const statement = await statementSectionsOf(ctx);
    const publicationOf = new Map(ctx.site.publications.map((p) => [p.url, p]));
    const prefix = ctx.options.pathPrefix;
    const pages = new Map<string, RenderedPage>();
    for (const page of html.pages) {
      const publication = page.file.endsWith("index.html") ? publicationOf.get(page.url) : undefined;
      let content = page.content;
      if (publication)
        content = content.replace(
          DOWNLOADS_SLOT,
          downloadList(downloads.get(publication.slug) ?? [], publication.lang, prefix),
        );
      if (statement && page.file === STATEMENT_FILE)
        content = fillStatementPage(content, prefixLinks(statementHtml(statement), prefix)) ?? content;
      const file = path.join(ctx.outDir, page.file);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
      pages.set(page.file, { ...page, content });
    }
    return { pages, counts: { written: pages.size } };
  },
};

/** Each publication's exports, EPUB first, in the order of the formats given. */
function downloadsBySlug(site: Site, formats: (Map<string, Download> | undefined)[]): Map<string, Download[]> {
  const bySlug = new Map<string, Download[]>();
  for (const publication of site.publications) {
    const list = formats.flatMap((format) => format?.get(publication.slug) ?? []);
    if (list.length) bySlug.set(publication.slug, list);
  }
  return bySlug;
}

function downloadList(downloads: Download[], lang: Language, prefix: string): string {
  if (downloads.length === 0) return "";
  const items = downloads
    .map((d) => `<li><a href="${withPrefix(d.url, prefix)}" download>${downloadLabel(d, lang)}</a></li>`)
    .join("\n");
  return `<h2 class="downloads__title">${t(lang, "download")}</h2>\n<ul class="downloads">\n${items}\n</ul>`;
}

export function downloadLabel(d: Download, lang: Language): string {
  const size = formatBytes(d.bytes, lang);
  const pages = d.pages ? `, ${d.pages} ${t(lang, "downloadPages")}` : "";
  return `${d.format.toUpperCase()}, ${size}${pages}`;
}

/** "245 kB", "1,2 MB" in Danish; "1.2 MB" in English. */
export function formatBytes(bytes: number, lang: Language): string {
  const { locale } = strings(lang);
  if (bytes < 1_000_000) return `${Math.max(1, Math.round(bytes / 1000)).toLocaleString(locale)} kB`;
  return `${(bytes / 1_000_000).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}
