/**
 * Writes an EPUB 3 per publication (those with `eksport: epub: true`) into the staging folder at
 * /publikationer/<slug>/<slug>.epub and returns them as its downloads. Each book is cached
 * (src/cache) by what it is made from: the publication as the model holds it (rendered chapter
 * HTML included, so a change to the Markdown rendering reaches it), its house, the addresses, and
 * the version of the code that makes it (this folder and all it imports: src/i18n, fflate …), so
 * an untouched publication is copied, not rebuilt. With the build's `epubcheck` option (on by
 * default) it also runs EPUBCheck on every book not checked before.
 */
import { mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { BuildFailure } from "../failure.ts";
import type { BuildContext, Download, ExportResult, Stage } from "../pipeline/index.ts";
import { CacheStore, codeVersion, type Entry } from "../cache/index.ts";
import { fontsVersion } from "../fonts/index.ts";
import type { Publication } from "../model/index.ts";
import { epubEntries, type EpubInput } from "./package.ts";
import { describeFinding, EPUBCHECK_JAR, epubcheck, epubcheckAvailable } from "./validate.ts";
import type { BookReply, BookRequest } from "./worker.ts";
import { zipEpub } from "./zip.ts";
import { siteRoot } from "../urls/index.ts";

/** Books, how many came from the cache, their total size, and the time spent building the rest. */
export interface EpubCounts {
  files: number;
  fromCache: number;
  bytes: number;
  builtMs: number;
}

export const epubStage: Stage<"epub"> = {
  name: "epub",
  async run(ctx: BuildContext): Promise<ExportResult<EpubCounts>> {
    const store = new CacheStore(ctx.options.cacheDir, "epub");
    const imageFiles = new Map(ctx.site.imageFiles.map((file) => [path.basename(file), file]));
    const counts: EpubCounts = { files: 0, fromCache: 0, bytes: 0, builtMs: 0 };
    const downloads = new Map<string, Download>();
    const checking = ctx.options.epubcheck;
    const fresh: Book[] = [];
    const unchecked: Book[] = [];
    const books = ctx.site.publications.filter((p) => p.exports.epub);
    const entries = new Map(books.map((p) => [p, entryOf(ctx, store, p)]));
    const toBuild = ctx.options.full ? books.length : books.filter((p) => !store.has(entries.get(p)!, ".epub")).length;
    const builder = new BookBuilder(toBuild >= THREAD_FROM_BOOKS);
    try {
      for (const publication of books) {
        const start = performance.now();
        const result = await exportEpub(ctx, publication, store, entries.get(publication)!, imageFiles, builder);
        const ms = Math.round(performance.now() - start);
        counts.files++;
        counts.bytes += result.bytes;
        const book = { publication, file: result.file, entry: result.entry };
        if (result.fromCache) counts.fromCache++;
        else {
          counts.builtMs += ms;
          fresh.push(book);
        }
        if (checking && !store.has(result.entry, CHECKED)) unchecked.push(book);
        downloads.set(publication.slug, {
          format: "epub",
          url: epubUrl(publication),
          file: result.file,
          bytes: result.bytes,
        });
        ctx.options.log(
          `EPUB ${publication.slug}: ${Math.round(result.bytes / 1000)} kB, ${ms} ms${result.fromCache ? " (fra cache)" : ""}`,
        );
      }
    } finally {
      await builder.close();
    }
    if (checking) await validate(ctx, unchecked);
    // Only now (valid, when checked) do new books go into the cache.
    for (const book of fresh) await store.copyIn(book.entry, ".epub", book.file);
    for (const book of unchecked) await store.write(book.entry, CHECKED, "");
    await store.prune();
    return { downloads, counts };
  },
};

export function epubUrl(publication: Publication): string {
  return `${publication.url}${publication.slug}.epub`;
}

async function exportEpub(
  ctx: BuildContext,
  publication: Publication,
  store: CacheStore,
  entry: Entry,
  imageFiles: Map<string, string>,
  builder: BookBuilder,
) {
  const house = ctx.site.info.houses.find((h) => h.id === publication.house)!;
  const root = siteRoot(ctx.site.info.baseUrl, ctx.options.pathPrefix);
  const file = path.join(ctx.outDir, epubUrl(publication));
  await mkdir(path.dirname(file), { recursive: true });

  if (!ctx.options.full && store.has(entry, ".epub")) {
    await store.copyOut(entry, ".epub", file);
    return { file, bytes: (await stat(file)).size, fromCache: true, entry };
  }

  const zip = await builder.build(
    { publication, house, baseUrl: ctx.site.info.baseUrl, siteRoot: root, imageFiles },
    publication.updated ?? publication.date,
  );
  await writeFile(file, zip);
  return { file, bytes: zip.byteLength, fromCache: false, entry };
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

/** The cache entry of the book for the publication as it is now: everything that ends up in it. */
function entryOf(ctx: BuildContext, store: CacheStore, publication: Publication): Entry {
  const house = ctx.site.info.houses.find((h) => h.id === publication.house);
  const inputs = {
    publication,
    house,
    baseUrl: ctx.site.info.baseUrl,
    siteRoot: siteRoot(ctx.site.info.baseUrl, ctx.options.pathPrefix),
  };
  // node: dates and lists are formatted with its Intl data.
  const key = store.key(
    { stage: "epub", code: EXPORTER_CODE(), tools: { node: process.version, fonts: fontsVersion() }, inputs },
    [ctx.options.contentDir, ctx.outDir],
  );
  return { label: publication.slug, key };
}

/** This stage's module graph: the exporter, its stylesheet, src/i18n, fflate, the worker … */
const EXPORTER_CODE = () => codeVersion({ modules: ["src/epub/stage.ts"] });

interface Book {
  publication: Publication;
  file: string;
  entry: Entry;
}

/** A cached book's bytes never change (its name is its key), so one marker records that they passed EPUBCheck. */
const CHECKED = ".epub.ok";

/**
 * With the `epubcheck` option every book not yet checked (newly built, or cached by an unchecked build)
 * goes through EPUBCheck, all in one JVM. Any error or warning stops the build.
 */
async function validate(ctx: BuildContext, books: Book[]): Promise<void> {
  if (books.length === 0) return;
  if (!epubcheckAvailable()) {
    throw new BuildFailure(
      `EPUBCheck findes ikke (${EPUBCHECK_JAR}), og byggeriet kontrollerer EPUB-filerne med det. ` +
        "Installer Debian-pakken epubcheck (scripts/setup.sh gør det), eller byg med --no-epubcheck (UDGIV_EPUBCHECK=0).",
    );
  }
  const start = performance.now();
  const reports = await epubcheck(books.map((book) => book.file));
  ctx.options.log(
    `EPUBCheck: ${books.length} EPUB-filer kontrolleret på ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
  const problems = reports.flatMap((report, i) => report.messages.map((m) => describeFinding(books[i].publication, m)));
  if (problems.length) {
    throw new BuildFailure(
      `EPUBCheck fandt fejl i EPUB-filen:\n${problems.map((p) => `  ${p}`).join("\n")}\n\n` +
        "Ret HTML-koden i den nævnte fil, eller skriv indholdet med almindelig Markdown. Intet er udgivet.",
    );
  }
}
