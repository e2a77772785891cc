/**
 * The stages of a build. Each capability contributes one: a function from the build's context
 * and the results of the stages it comes after to a typed result of its own (StageResults).
 * Stages whose predecessors are done run at the same time (./schedule.ts). On two cores that lets
 * the EPUBs, the search index (Pagefind's own process) and the lint be made while Chromium prints
 * PDFs, and the gate audit pages beside the link and security checks. A stage's module, with the
 * tools it uses (Chromium's driver, pa11y, pdf-lib ...), is loaded when the stage starts, so a
 * build does not wait at start-up for tools it needs only later, or not at all.
 *
 * A new stage: a `stage.ts` in its capability folder exporting a Stage<"name">, its result type
 * exported from the folder's index.ts and named below, and one line in `stages`.
 */
import type { GateStageResult, LintStageResult } from "../a11y/index.ts";
import type { EpubCounts } from "../epub/index.ts";
import type { LinksResult } from "../links/index.ts";
import type { PdfCounts } from "../pdf/index.ts";
import type { ReadabilityResult } from "../readability/index.ts";
import type { SearchResult } from "../search/index.ts";
import type { SecurityResult } from "../security/index.ts";
import type { Stage } from "./index.ts";
import type { ExportResult, HtmlResult, PagesResult } from "./results.ts";

export type * from "./results.ts";

export interface StageResults {
  readability: ReadabilityResult;
  html: HtmlResult;
  "a11y-lint": LintStageResult;
  epub: ExportResult<EpubCounts>;
  pdf: ExportResult<PdfCounts>;
  pages: PagesResult;
  search: SearchResult;
  links: LinksResult;
  security: SecurityResult;
  gate: GateStageResult;
}

export type StageName = keyof StageResults;

export interface PlannedStage<N extends StageName = StageName> {
  name: N;
  after: StageName[];
  load(): Promise<Stage<N>>;
}

const plan = <N extends StageName>(name: N, after: StageName[], load: () => Promise<Stage<N>>): PlannedStage =>
  ({ name, after, load }) as unknown as PlannedStage;

export const stages: PlannedStage[] = [
  // LIX warnings and report from the model; first, so strict mode fails before any rendering
  plan("readability", [], async () => (await import("../readability/stage.ts")).readabilityStage),
  // Eleventy renders the model through layouts/, in memory; the static files and images are copied
  plan("html", ["readability"], async () => (await import("./html.ts")).htmlStage),
  // the accessibility lint of the sources, from the model. It could start at once, but stages share
  // one JavaScript thread: after Eleventy, it runs while Chromium and Pagefind (other processes) work
  plan("a11y-lint", ["html"], async () => (await import("../a11y/lint-stage.ts")).lintStage),
  // the exports, with the site's assets and images (print.css, fonts) the HTML stage copied
  plan("epub", ["html"], async () => (await import("../epub/stage.ts")).epubStage),
  plan("pdf", ["html"], async () => (await import("../pdf/stage.ts")).pdfStage),
  // Pagefind over the rendered pages, beside the PDFs. The download lists and the statement, which
  // the pages stage adds, are not indexed. After the EPUBs, whose worker and Pagefind together
  // would raise a big build's peak memory (a warm build makes one EPUB in a fraction of a second)
  plan("search", ["html", "epub"], async () => (await import("../search/stage.ts")).searchStage),
  // the one writer of the pages: each page's final HTML, with its download list and the statement
  plan("pages", ["html", "epub", "pdf", "a11y-lint"], async () => (await import("./pages.ts")).pagesStage),
  // every internal link and anchor resolves (incl. the search page's /pagefind/ files and the downloads)
  plan("links", ["pages", "search"], async () => (await import("../links/stage.ts")).linksStage),
  // the finished pages hold to the Content-Security-Policy; base URL agrees with the prefix
  plan("security", ["pages"], async () => (await import("../security/stage.ts")).securityStage),
  // pa11y over every page as published; it audits the search page, with results, once "search" is done
  plan("gate", ["pages"], async () => (await import("../a11y/stage.ts")).gateStage),
];
