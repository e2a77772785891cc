/**
 * The PDF stage: for every publication that offers a PDF and has none cached, renders its print
 * document (./render.ts), prints it with one shared Chromium over a loopback server that serves the
 * document from memory and the site's assets and images from the staging folder, finishes it with
 * pdf-lib and caches it. Cached or new, every PDF is copied into the site and registered in
 * the stage's result. The cache key (src/cache) covers everything the print document is made from: the
 * template's inputs (the publication as the model holds it, rendered chapter HTML included, its
 * house, base URL and prefix), the stylesheets and fonts it loads, the code that renders, prints
 * and finishes it, and Chromium's version; so a cached PDF costs neither rendering nor Chromium.
 */
import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import type { BuildContext, Download, ExportResult, Stage } from "../pipeline/index.ts";
import { BuildFailure } from "../failure.ts";
import { chromiumVersion } from "../browser.ts";
import { CacheStore, codeVersion, type Entry } from "../cache/index.ts";
import type { House, Publication } from "../model/index.ts";
import { serveFolder, type StaticServer } from "../serve-static.ts";
import { FONT_FAMILIES } from "../fonts/index.ts";
import { chapterAnchor } from "./document.ts";
import { finishPdf, type PdfFacts } from "./finish.ts";
import { FallbackFontError, type FallbackText } from "./fonts.ts";
import { printDocument, PrintError } from "./print.ts";
import { PRINT_TEMPLATE, printAssets, printPageCssUrl, printRenderer, type PrintRenderer } from "./render.ts";

/** Where Chromium loads the print document of a publication from (served from memory). */
export const printDocumentUrl = (publication: Publication): string => `${publication.url}print/`;
export const pdfUrl = (publication: Publication): string => `${publication.url}${publication.slug}.pdf`;

interface Job {
  publication: Publication;
  entry: Entry;
  target: string; // absolute path of the PDF in the output
}

/** Beside each cached PDF: its size, page count and accessibility checks, so a cached build need not open it. */
interface CachedFacts {
  bytes: number;
  pages: number;
  checks: Record<string, boolean>;
}

/** PDFs, their pages, how many were printed and how many came from the cache, and the printing time. */
export interface PdfCounts {
  files: number;
  pages: number;
  printed: number;
  cached: number;
  printMs: number;
}

export const pdfStage: Stage<"pdf"> = {
  name: "pdf",
  async run(ctx: BuildContext): Promise<ExportResult<PdfCounts>> {
    const publications = ctx.site.publications.filter((p) => p.exports.pdf);
    const renderer = printRenderer(ctx.options.root, ctx.site, ctx.options.pathPrefix);
    const store = new CacheStore(ctx.options.cacheDir, "pdf");
    const code = codeVersion({ modules: ["src/pdf/stage.ts"], files: [PRINT_TEMPLATE], filesRoot: ctx.options.root });
    const tools = { chromium: await chromiumVersion(), node: process.version };
    const assets = await printAssets(ctx.options.root, ctx.outDir);
    const jobs = publications.map((publication): Job => ({
      publication,
      entry: {
        label: publication.slug,
        key: store.key({ stage: "pdf", code, tools, inputs: { ...renderer.inputs(publication), assets } }, [
          ctx.options.contentDir,
          ctx.outDir,
        ]),
      },
      target: path.join(ctx.outDir, pdfUrl(publication)),
    }));
    const todo = jobs.filter((job) => ctx.options.full || !store.has(job.entry, ".pdf", ".json"));
    const started = performance.now();
    if (todo.length) await printAll(ctx, todo, renderer, store);
    const printMs = performance.now() - started;

    let pages = 0;
    const downloads = new Map<string, Download>();
    for (const job of jobs) {
      await mkdir(path.dirname(job.target), { recursive: true });
      await store.copyOut(job.entry, ".pdf", job.target);
      const facts = await store.readJson<CachedFacts>(job.entry);
      if (!facts) throw new Error(`the cached facts of ${job.publication.slug}.pdf went missing`);
      downloads.set(job.publication.slug, {
        format: "pdf",
        url: pdfUrl(job.publication),
        file: job.target,
        bytes: facts.bytes,
        pages: facts.pages,
      });
      pages += facts.pages;
    }
    await store.prune();
    const counts = {
      files: jobs.length,
      pages,
      printed: todo.length,
      cached: jobs.length - todo.length,
      printMs: Math.round(printMs),
    };
    return { downloads, counts };
  },
};

async function printAll(ctx: BuildContext, jobs: Job[], renderer: PrintRenderer, store: CacheStore): Promise<void> {
  let server: StaticServer | undefined;
  // The documents' own links carry the path prefix already (absolute public URLs); their assets and
  // images are site-relative, so the staging folder is served at the root.
  const documents = new Map(
    jobs.flatMap((job) => [
      [printDocumentUrl(job.publication), renderer.render(job.publication)],
      [printPageCssUrl(job.publication), renderer.pageCss(job.publication)],
    ]),
  );
  try {
    const [browser, listening] = await Promise.all([ctx.browser.get(), serveFolder(ctx.outDir, { documents })]);
    server = listening;
    for (const job of jobs) {
      const started = performance.now();
      const { pages, passes } = await printOne(
        browser,
        server,
        job,
        store,
        renderer.inputs(job.publication).house,
        ctx.options.contentDir,
      );
      const seconds = (performance.now() - started) / 1000;
      ctx.options.log(`PDF: ${job.publication.slug}.pdf, ${pages} sider, ${seconds.toFixed(1)} s (${passes} tryk)`);
    }
  } finally {
    await server?.close(); // the browser is the build's, closed when the build ends
  }
}

async function printOne(
  browser: Browser,
  server: StaticServer,
  job: Job,
  store: CacheStore,
  house: House | undefined,
  contentDir: string,
): Promise<{ pages: number; passes: number }> {
  const { publication } = job;
  const url = new URL(printDocumentUrl(publication).replace(/^\//, ""), server.url).href;
  let printed;
  try {
    printed = await printDocument(browser, url);
  } catch (error) {
    if (error instanceof FallbackFontError) throw new BuildFailure(fallbackFontMessage(error, publication, contentDir));
    if (error instanceof PrintError) {
      throw new BuildFailure(
        `${publication.sourcePath}: PDF'en kunne ikke laves: ${error.message}. Tjek billederne og krydshenvisningerne i publikationen, og byg igen.`,
      );
    }
    throw error;
  }
  const finished = await finishPdf(printed.pdf, pdfFacts(publication, house, printed));
  // The checks are the build's own assertions about the tagged PDF (README: "The PDF"): one that
  // fails is Udgiv's fault, not the editor's, and such a PDF is neither published nor cached.
  const failedChecks = Object.entries(finished.checks)
    .filter(([, ok]) => !ok)
    .map(([name]) => name);
  if (failedChecks.length) {
    throw new BuildFailure(
      `${publication.sourcePath}: PDF'en opfylder ikke Udgivs egne krav til en tagget PDF (kontrollerne ${failedChecks.join(", ")} fejlede). ` +
        "Det skyldes ikke teksten: byg igen, og send denne besked til dem, der vedligeholder Udgiv, hvis fejlen bliver ved.",
    );
  }
  // The PDF first: an entry counts as cached once its facts are there.
  await store.write(job.entry, ".pdf", finished.bytes);
  const facts: CachedFacts = { bytes: finished.bytes.length, pages: finished.pages, checks: { ...finished.checks } };
  await store.write(job.entry, ".json", JSON.stringify(facts, null, 2));
  return { pages: finished.pages, passes: printed.passes };
}

/**
 * Which text of which file would be set in a font that is not the project's, and what to do:
 * "content/…/02-resultater.md:14: tegnet »≥« (U+2265) …". The line is the first in the file with
 * the character; text outside the chapters (title, colophon) comes from index.md.
 */
function fallbackFontMessage(error: FallbackFontError, publication: Publication, contentDir: string): string {
  const families = FONT_FAMILIES.map((f) => f.family).join(" og ");
  const fileOf = (place: FallbackText) =>
    publication.chapters.find((c) => chapterAnchor(c.slug) === place.section)?.sourcePath ?? publication.sourcePath;
  const lineOf = (file: string, chars: string[]): string => {
    try {
      const lines = readFileSync(path.join(path.dirname(contentDir), file), "utf8").split("\n");
      const at = lines.findIndex((line) => chars.some((c) => line.includes(c)));
      return at >= 0 ? `:${at + 1}` : "";
    } catch {
      return "";
    }
  };
  const lines = error.places.map((place) => {
    const file = fileOf(place);
    const shown = place.characters
      .slice(0, 5)
      .map((c) => `»${c}« (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`);
    const what = shown.length
      ? `${shown.length > 1 ? "tegnene" : "tegnet"} ${shown.join(", ")} i »${place.excerpt}«`
      : `teksten »${place.excerpt}«`;
    return (
      `  ${file}${lineOf(file, place.characters)}: ${what} findes ikke i projektets skrifttyper (${families}), så PDF'en ville bruge ${place.font}. ` +
      "Skriv det med ord eller med et andet tegn, og byg igen."
    );
  });
  const where = lines.length
    ? lines
    : [`  ${publication.sourcePath}: find teksten med tegn, som skrifttyperne ikke har, og skriv den om.`];
  return [
    `PDF'en ${publication.slug}.pdf er ikke lavet: den ville indeholde skrifttyper, som ikke er projektets (${error.fonts.join(", ")}), og se forskellig ud fra maskine til maskine.`,
    ...where,
  ].join("\n");
}

/** The document information of a publication's PDF; the author is the publishing house, as in the EPUB and the feeds. */
export function pdfFacts(
  publication: Publication,
  house: House | undefined,
  printed?: { linkTargets: Map<string, string>; headings: string[] },
): PdfFacts {
  const modified = publication.updated ?? publication.date;
  return {
    title: publication.title,
    subject: publication.summary,
    lang: publication.lang,
    author: house?.name ?? "",
    keywords: publication.topics,
    created: publication.date,
    modified,
    linkTargets: printed?.linkTargets ?? new Map(),
    headings: printed?.headings ?? [],
  };
}
