/**
 * Writes an EPUB 3 per publication (those with `eksport: epub: true`) into the staging folder at
 * /publikationer/<slug>/<slug>.epub and registers it in ctx.downloads. Each book is cached by the
 * publication's content hash plus a version of this exporter, so an untouched publication is
 * copied, not rebuilt. UDGIV_EPUBCHECK=1 (set by `npm run build`) also runs EPUBCheck on every
 * book not checked before.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { copyFile, mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { BuildFailure } from "../build/errors.ts";
import type { BuildContext, Stage } from "../build/index.ts";
import type { Publication } from "../model/types.ts";
import { epubEntries, type EpubInput } from "./package.ts";
import { describeFinding, EPUBCHECK_JAR, epubcheck, epubcheckAvailable } from "./validate.ts";
import type { BookReply, BookRequest } from "./worker.ts";
import { zipEpub } from "./zip.ts";

export const epubStage: Stage = {
  name: "epub",
  async run(ctx: BuildContext) {
    const cacheDir = path.join(ctx.options.cacheDir, "epub");
    await mkdir(cacheDir, { recursive: true });
    const imageFiles = new Map(ctx.site.imageFiles.map((file) => [path.basename(file), file]));
    const stats = { epubFiles: 0, epubFromCache: 0, epubBytes: 0, epubBuiltMs: 0 };
    const checking = process.env.UDGIV_EPUBCHECK === "1";
    const fresh: Book[] = [];
    const unchecked: Book[] = [];
    const books = ctx.site.publications.filter((p) => p.exports.epub);
    const toBuild = ctx.options.full ? books.length : books.filter((p) => !existsSync(cacheFileOf(ctx, p, cacheDir))).length;
    const builder = new BookBuilder(toBuild >= THREAD_FROM_BOOKS);
    try {
      for (const publication of books) {
        const start = performance.now();
        const result = await exportEpub(ctx, publication, cacheDir, imageFiles, builder);
        const ms = Math.round(performance.now() - start);
        stats.epubFiles++;
        stats.epubBytes += result.bytes;
        const book = { publication, file: result.file, cacheFile: result.cacheFile };
        if (result.fromCache) stats.epubFromCache++;
        else {
          stats.epubBuiltMs += ms;
          fresh.push(book);
        }
        if (checking && !existsSync(checkedMarker(result.cacheFile))) unchecked.push(book);
        const downloads = ctx.downloads.get(publication.slug) ?? [];
        downloads.push({ format: "epub", url: epubUrl(publication), file: result.file, bytes: result.bytes });
        ctx.downloads.set(publication.slug, downloads);
        ctx.options.log(`EPUB ${publication.slug}: ${Math.round(result.bytes / 1000)} kB, ${ms} ms${result.fromCache ? " (fra cache)" : ""}`);
      }
    } finally {
      await builder.close();
    }
    if (checking) await validate(ctx, unchecked);
    // Only now (valid, when checked) do new books go into the cache.
    for (const book of fresh) await storeInCache(cacheDir, book.cacheFile, book.publication.slug, book.file);
    for (const book of unchecked) await writeFile(checkedMarker(book.cacheFile), "");
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

async function exportEpub(ctx: BuildContext, publication: Publication, cacheDir: string, imageFiles: Map<string, string>, builder: BookBuilder) {
  const house = ctx.site.info.houses.find((h) => h.id === publication.house)!;
  const root = siteRoot(ctx.site.info.baseUrl, ctx.options.pathPrefix);
  const file = path.join(ctx.outDir, epubUrl(publication));
  await mkdir(path.dirname(file), { recursive: true });

  const cacheFile = cacheFileOf(ctx, publication, cacheDir);
  if (!ctx.options.full && existsSync(cacheFile)) {
    await copyFile(cacheFile, file);
    return { file, bytes: (await stat(file)).size, fromCache: true, cacheFile };
  }

  const zip = await builder.build({ publication, house, baseUrl: ctx.site.info.baseUrl, siteRoot: root, imageFiles }, publication.updated ?? publication.date);
  await writeFile(file, zip);
  return { file, bytes: zip.byteLength, fromCache: false, cacheFile };
}

/** Node 20 does not hand tsx's loader on to a worker thread, so the thread registers it before it loads worker.ts. */
const WORKER_SCRIPT = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
  .then(({ register }) => { register(); return import(${JSON.stringify(import.meta.resolve("./worker.ts"))}); });`;

/**
 * From this many books to build, they are built in a worker thread (./worker.ts says why). Starting
 * the thread costs about half a second, more than a few books' garbage is worth (a rebuild after
 * an edit builds one).
 */
const THREAD_FROM_BOOKS = 100;

/** Builds books one at a time, in this thread or in a worker thread started with the first book. */
export class BookBuilder {
  private worker?: Worker;

  constructor(private readonly useWorker: boolean) {}

  async build(input: EpubInput, isoDate: string): Promise<Uint8Array> {
    if (!this.useWorker) return zipEpub(epubEntries(input), isoDate);
    const worker = (this.worker ??= new Worker(WORKER_SCRIPT, { eval: true }));
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => {
        worker.off("message", onMessage);
        reject(error);
      };
      const onMessage = (reply: BookReply) => {
        worker.off("error", onError);
        if ("zip" in reply) resolve(reply.zip);
        else reject("failure" in reply ? new BuildFailure(reply.failure) : new Error(reply.error));
      };
      worker.once("message", onMessage);
      worker.once("error", onError);
      worker.postMessage({ input, isoDate } satisfies BookRequest);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}

/** The cached book for the publication as it is now. */
function cacheFileOf(ctx: BuildContext, publication: Publication, cacheDir: string): string {
  const house = ctx.site.info.houses.find((h) => h.id === publication.house)!;
  const root = siteRoot(ctx.site.info.baseUrl, ctx.options.pathPrefix);
  // Everything besides the publication's own files that ends up in the book.
  const key = hash([EXPORTER_VERSION, ctx.site.info.baseUrl, root, house.name, JSON.stringify(publication.readability ?? null)]).slice(0, 12);
  return path.join(cacheDir, `${publication.slug}-${publication.contentHash}-${key}.epub`);
}

interface Book {
  publication: Publication;
  file: string;
  cacheFile: string;
}

/** A cached book's bytes never change (its name is its key), so one marker records that they passed. */
function checkedMarker(cacheFile: string): string {
  return `${cacheFile}.ok`;
}

/**
 * With UDGIV_EPUBCHECK=1 every book not yet checked (newly built, or cached by an unchecked build)
 * goes through EPUBCheck, all in one JVM. Any error or warning stops the build.
 */
async function validate(ctx: BuildContext, books: Book[]): Promise<void> {
  if (books.length === 0) return;
  if (!epubcheckAvailable()) {
    throw new BuildFailure(
      `EPUBCheck findes ikke (${EPUBCHECK_JAR}), men UDGIV_EPUBCHECK=1 beder om at kontrollere EPUB-filerne. ` +
        "Installer Debian-pakken epubcheck (scripts/setup.sh gør det), eller byg uden UDGIV_EPUBCHECK.",
    );
  }
  const start = performance.now();
  const reports = await epubcheck(books.map((book) => book.file));
  ctx.options.log(`EPUBCheck: ${books.length} EPUB-filer kontrolleret på ${((performance.now() - start) / 1000).toFixed(1)} s`);
  const problems = reports.flatMap((report, i) => report.messages.map((m) => describeFinding(books[i].publication, m)));
  if (problems.length) {
    throw new BuildFailure(
      `EPUBCheck fandt fejl i EPUB-filen:\n${problems.map((p) => `  ${p}`).join("\n")}\n\n` +
        "Ret HTML-koden i den nævnte fil, eller skriv indholdet med almindelig Markdown. Intet er udgivet.",
    );
  }
}

/** Copies atomically (parallel builds may share the cache) and drops the slug's older books. */
async function storeInCache(cacheDir: string, cacheFile: string, slug: string, file: string): Promise<void> {
  const temp = `${cacheFile}.${process.pid}.tmp`;
  await copyFile(file, temp);
  await rename(temp, cacheFile);
  const current = [cacheFile, checkedMarker(cacheFile)];
  const stale = readdirSync(cacheDir).filter((name) => isCacheOf(name, slug) && !current.includes(path.join(cacheDir, name)));
  await Promise.all(stale.map((name) => rm(path.join(cacheDir, name), { force: true })));
}

/** `<slug>-<content hash>-<12 hex>.epub` (and its `.ok` marker); a slug may itself contain hyphens. */
function isCacheOf(name: string, slug: string): boolean {
  return name.startsWith(`${slug}-`) && /^[0-9a-f]+-[0-9a-f]{12}\.epub(\.ok)?$/.test(name.slice(slug.length + 1));
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
