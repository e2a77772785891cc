/**
 * Download links need the exported files' sizes (and the PDF's page count), which exist only
 * after the exports ran. Publication pages carry a marker that this stage fills in.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { strings, t } from "../i18n/index.ts";
import type { Language } from "../model/index.ts";
import { replaceFile } from "../cache/index.ts";
import type { BuildContext, Download, Stage } from "./index.ts";

export const DOWNLOADS_MARKER = "<!-- udgiv:downloads -->";

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

export const downloadsStage: Stage = {
  name: "downloads",
  async run(ctx: BuildContext) {
    const prefix = ctx.options.pathPrefix.replace(/\/$/, "");
    for (const publication of ctx.site.publications) {
      const page = path.join(ctx.outDir, publication.url, "index.html");
      const html = await readFile(page, "utf8");
      const downloads = ctx.downloads.get(publication.slug) ?? [];
      const items = downloads
        .map((d) => `<li><a href="${prefix}${d.url}" download>${downloadLabel(d, publication.lang)}</a></li>`)
        .join("\n");
      const heading = t(publication.lang, "download");
      const list = items ? `<h2 class="downloads__title">${heading}</h2>\n<ul class="downloads">\n${items}\n</ul>` : "";
      await replaceFile(page, html.replace(DOWNLOADS_MARKER, list));
    }
  },
};
