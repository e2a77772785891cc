/**
 * The PDF stage: for every publication that offers a PDF and has none cached, renders its print
 * document (./render.ts), prints it with one shared Chromium over a loopback server that serves the
 * document from memory and the site's assets and images from the staging folder, finishes it with
 * pdf-lib and caches it. Cached or new, every PDF is copied into the site and registered in
 * ctx.downloads. The cache key covers everything the print document is made from, so a cached PDF
 * costs neither rendering nor Chromium.
 */
import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import type { BuildContext, Download, Stage } from "../build/index.ts";
import { BuildFailure } from "../build/errors.ts";
import type { Publication } from "../model/types.ts";
import { serveFolder, type StaticServer } from "../serve-static.ts";
import { finishPdf, type PdfFacts } from "./finish.ts";
import { printDocument, PrintError } from "./print.ts";
import { printPageCssUrl, printRenderer, type PrintRenderer } from "./render.ts";

/** Where Chromium loads the print document of a publication from (served from memory). */
export const printDocumentUrl = (publication: Publication): string => `${publication.url}print/`;
export const pdfUrl = (publication: Publication): string => `${publication.url}${publication.slug}.pdf`;

interface Job {
  publication: Publication;
  cacheFile: string;
  target: string; // absolute path of the PDF in the output
}

export const pdfStage: Stage = {
  name: "pdf",
  async run(ctx: BuildContext) {
    const publications = ctx.site.publications.filter((p) => p.exports.pdf);
    const renderer = await printRenderer(ctx.options.root, ctx.site, ctx.options.pathPrefix);
    const jobs = publications.map((p) => plan(ctx, p, renderer));
    const todo = jobs.filter((job) => ctx.options.full || !existsSync(job.cacheFile) || !existsSync(factsFile(job)));
    const started = performance.now();
    if (todo.length) await printAll(ctx, todo, renderer);
    const printMs = performance.now() - started;

    let pages = 0;
    for (const job of jobs) {
      await mkdir(path.dirname(job.target), { recursive: true });
      await copyFile(job.cacheFile, job.target);
      const facts = JSON.parse(await readFile(factsFile(job), "utf8")) as { bytes: number; pages: number };
      const download: Download = { format: "pdf", url: pdfUrl(job.publication), file: job.target, ...facts };
      pages += download.pages!;
      const list = ctx.downloads.get(job.publication.slug) ?? [];
      ctx.downloads.set(job.publication.slug, [...list.filter((d) => d.format !== "pdf"), download]);
    }
    Object.assign(ctx.stats, { pdfFiles: jobs.length, pdfPages: pages, pdfPrinted: todo.length, pdfCached: jobs.length - todo.length, pdfPrintMs: Math.round(printMs) });
  },
};

function plan(ctx: BuildContext, publication: Publication, renderer: PrintRenderer): Job {
  return {
    publication,
    cacheFile: path.join(ctx.options.cacheDir, "pdf", `${publication.slug}-${renderer.key(publication)}.pdf`),
    target: path.join(ctx.outDir, pdfUrl(publication)),
  };
}

/** Beside each cached PDF: its size, page count and accessibility checks, so a cached build need not open it. */
const factsFile = (job: Job): string => job.cacheFile.replace(/\.pdf$/, ".json");

async function printAll(ctx: BuildContext, jobs: Job[], renderer: PrintRenderer): Promise<void> {
  let server: StaticServer | undefined;
  // The documents' own links carry the path prefix already (absolute public URLs); their assets and
  // images are site-relative, so the staging folder is served at the root.
  const documents = new Map(jobs.flatMap((job) => [
    [printDocumentUrl(job.publication), renderer.render(job.publication)],
    [printPageCssUrl(job.publication), renderer.pageCss(job.publication)],
  ]));
  try {
    const [browser, listening] = await Promise.all([ctx.browser.get(), serveFolder(ctx.outDir, { documents })]);
    server = listening;
    for (const job of jobs) {
      const started = performance.now();
      const { pages, passes, failedChecks } = await printOne(browser, server, job);
      const seconds = (performance.now() - started) / 1000;
      ctx.options.log(`PDF: ${job.publication.slug}.pdf, ${pages} sider, ${seconds.toFixed(1)} s (${passes} tryk)`);
      if (failedChecks.length) {
        ctx.options.log(`PDF: ${job.publication.slug}.pdf erklæres ikke som PDF/UA, fordi disse kontroller fejlede: ${failedChecks.join(", ")}`);
      }
    }
  } finally {
    await server?.close(); // the browser is the build's, closed when the build ends
  }
}

async function printOne(browser: Browser, server: StaticServer, job: Job): Promise<{ pages: number; passes: number; failedChecks: string[] }> {
  const { publication } = job;
  const url = new URL(printDocumentUrl(publication).replace(/^\//, ""), server.url).href;
  let printed;
  try {
    printed = await printDocument(browser, url);
  } catch (error) {
    if (error instanceof PrintError) {
      throw new BuildFailure(`${publication.sourcePath}: PDF'en kunne ikke laves: ${error.message}. Tjek billederne og krydshenvisningerne i publikationen, og byg igen.`);
    }
    throw error;
  }
  const finished = await finishPdf(printed.pdf, pdfFacts(publication, path.basename(job.cacheFile), printed));
  await mkdir(path.dirname(job.cacheFile), { recursive: true });
  await writeFile(job.cacheFile, finished.bytes);
  await writeFile(factsFile(job), JSON.stringify({ bytes: finished.bytes.length, pages: finished.pages, pdfUa: finished.pdfUa, checks: finished.checks }, null, 2));
  await pruneCache(job);
  const failedChecks = Object.entries(finished.checks).filter(([, ok]) => !ok).map(([name]) => name);
  return { pages: finished.pages, passes: printed.passes, failedChecks };
}

export function pdfFacts(publication: Publication, idSeed: string, printed?: { linkTargets: Map<string, string>; headings: string[] }): PdfFacts {
  const modified = publication.updated ?? publication.date;
  return {
    title: publication.title,
    subject: publication.summary,
    lang: publication.lang,
    authors: publication.contributors.map((c) => c.name),
    keywords: publication.topics,
    created: publication.date,
    modified,
    idSeed,
    linkTargets: printed?.linkTargets ?? new Map(),
    headings: printed?.headings ?? [],
  };
}

/** Keeps the few newest PDFs of a publication (builds may alternate, e.g. with and without a path prefix). */
async function pruneCache(job: Job, keep = 3): Promise<void> {
  const dir = path.dirname(job.cacheFile);
  const prefix = `${job.publication.slug}-`;
  const mine = (await readdir(dir)).filter((f) => f.startsWith(prefix) && /^[0-9a-f]{16}\.pdf$/.test(f.slice(prefix.length)));
  const dated = await Promise.all(mine.map(async (f) => ({ file: path.join(dir, f), time: (await stat(path.join(dir, f))).mtimeMs })));
  for (const { file } of dated.sort((a, b) => b.time - a.time).slice(keep)) {
    await rm(file, { force: true });
    await rm(file.replace(/\.pdf$/, ".json"), { force: true });
  }
}
