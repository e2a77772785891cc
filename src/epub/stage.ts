/**
 * Writes an EPUB 3 per publication (those with `eksport: epub: true`) into the staging folder at
 * /publikationer/<slug>/<slug>.epub and registers it in ctx.downloads. Each book is cached by the
 * publication's content hash plus a version of this exporter, so an untouched publication is
 * copied, not rebuilt.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { copyFile, mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BuildContext, Stage } from "../build/index.ts";
import type { Publication } from "../model/types.ts";
import { epubEntries } from "./package.ts";
import { zipEpub } from "./zip.ts";

export const epubStage: Stage = {
  name: "epub",
  async run(ctx: BuildContext) {
    const cacheDir = path.join(ctx.options.cacheDir, "epub");
    await mkdir(cacheDir, { recursive: true });
    const imageFiles = new Map(ctx.site.imageFiles.map((file) => [path.basename(file), file]));
    const stats = { epubFiles: 0, epubFromCache: 0, epubBytes: 0, epubBuiltMs: 0 };
    for (const publication of ctx.site.publications.filter((p) => p.exports.epub)) {
      const start = performance.now();
      const result = await exportEpub(ctx, publication, cacheDir, imageFiles);
      const ms = Math.round(performance.now() - start);
      stats.epubFiles++;
      stats.epubBytes += result.bytes;
      if (result.fromCache) stats.epubFromCache++;
      else stats.epubBuiltMs += ms;
      const downloads = ctx.downloads.get(publication.slug) ?? [];
      downloads.push({ format: "epub", url: epubUrl(publication), file: result.file, bytes: result.bytes });
      ctx.downloads.set(publication.slug, downloads);
      ctx.options.log(`EPUB ${publication.slug}: ${Math.round(result.bytes / 1000)} kB, ${ms} ms${result.fromCache ? " (fra cache)" : ""}`);
    }
    // For the benchmark: books, how many came from the cache, total size, time spent building the rest.
    Object.assign(ctx.stats, stats);
  },
};

export function epubUrl(publication: Publication): string {
  return `${publication.url}${publication.slug}.epub`;
}

/** The absolute address the site is served from: base URL plus path prefix (unless the base URL has it already). */
export function siteRoot(baseUrl: string, pathPrefix: string): string {
  const prefix = pathPrefix.replace(/\/+$/, "");
  return baseUrl.endsWith(prefix) ? baseUrl : baseUrl + prefix;
}

async function exportEpub(ctx: BuildContext, publication: Publication, cacheDir: string, imageFiles: Map<string, string>) {
  const house = ctx.site.info.houses.find((h) => h.id === publication.house)!;
  const root = siteRoot(ctx.site.info.baseUrl, ctx.options.pathPrefix);
  const file = path.join(ctx.outDir, epubUrl(publication));
  await mkdir(path.dirname(file), { recursive: true });

  // Everything besides the publication's own files that ends up in the book.
  const key = hash([EXPORTER_VERSION, ctx.site.info.baseUrl, root, house.name, JSON.stringify(publication.readability ?? null)]).slice(0, 12);
  const cacheFile = path.join(cacheDir, `${publication.slug}-${publication.contentHash}-${key}.epub`);
  if (!ctx.options.full && existsSync(cacheFile)) {
    await copyFile(cacheFile, file);
    return { file, bytes: (await stat(file)).size, fromCache: true };
  }

  const entries = epubEntries({ publication, house, baseUrl: ctx.site.info.baseUrl, siteRoot: root, imageFiles });
  const zip = zipEpub(entries, publication.updated ?? publication.date);
  await writeFile(file, zip);
  await storeInCache(cacheDir, cacheFile, publication.slug, zip);
  return { file, bytes: zip.byteLength, fromCache: false };
}

/** Writes atomically (parallel builds may share the cache) and drops the slug's older books. */
async function storeInCache(cacheDir: string, cacheFile: string, slug: string, zip: Uint8Array): Promise<void> {
  const temp = `${cacheFile}.${process.pid}.tmp`;
  await writeFile(temp, zip);
  await rename(temp, cacheFile);
  const stale = readdirSync(cacheDir).filter((name) => isCacheOf(name, slug) && path.join(cacheDir, name) !== cacheFile);
  await Promise.all(stale.map((name) => rm(path.join(cacheDir, name), { force: true })));
}

/** `<slug>-<content hash>-<12 hex>.epub`; a slug may itself contain hyphens and hex-like words. */
function isCacheOf(name: string, slug: string): boolean {
  return name.startsWith(`${slug}-`) && /^[0-9a-f]+-[0-9a-f]{12}\.epub$/.test(name.slice(slug.length + 1));
}

function hash(parts: string[]): string {
  return createHash("sha256").update(parts.join("\0")).digest("hex");
}

/** Changes whenever the exporter's code, stylesheet or zip library changes, so cached books are redone. */
const EXPORTER_VERSION = (() => {
  const dir = import.meta.dirname;
  const sources = readdirSync(dir).filter((name) => /\.(ts|css)$/.test(name)).sort();
  const fflate = readFileSync(path.join(import.meta.dirname, "../../node_modules/fflate/package.json"), "utf8");
  return hash([...sources.map((name) => name + readFileSync(path.join(dir, name), "utf8")), JSON.parse(fflate).version]);
})();
