/**
 * The stages of a build. Each capability contributes one and names the stages it needs finished
 * first; stages whose needs are met run at the same time (./schedule.ts). On two cores that lets
 * the EPUBs, the search index (Pagefind's own process) and the lint be made while Chromium prints
 * PDFs, and the gate audits pages while Pagefind still indexes them, beside the link and security
 * checks. A stage's module, with
 * the tools it uses (Chromium's driver, pa11y, pdf-lib ...), is loaded when the stage starts, so a
 * build does not wait at start-up for tools it needs only later, or not at all.
 */
import type { Stage } from "./index.ts";

export interface PlannedStage {
  name: string;
  after: string[];
  load(): Promise<Stage>;
}

export const stages: PlannedStage[] = [
  // LIX warnings and report from the model; first, so strict mode fails before any rendering
  { name: "readability", after: [], load: async () => (await import("../readability/stage.ts")).readabilityStage },
  // Eleventy renders the model through layouts/
  { name: "html", after: ["readability"], load: async () => (await import("./html.ts")).htmlStage },
  // the accessibility lint of the sources, from the model. It could start at once, but stages share
  // one JavaScript thread: after Eleventy, it runs while Chromium and Pagefind (other processes) work
  { name: "a11y-lint", after: ["html"], load: async () => (await import("../a11y/lint-stage.ts")).lintStage },
  // exports register their files in ctx.downloads ...
  { name: "epub", after: ["html"], load: async () => (await import("../epub/stage.ts")).epubStage },
  { name: "pdf", after: ["html"], load: async () => (await import("../pdf/stage.ts")).pdfStage }, // prints with the site's print.css and images
  // ... which this stage writes into the publication pages (atomically: search may be reading them)
  { name: "downloads", after: ["epub", "pdf"], load: async () => (await import("./downloads.ts")).downloadsStage },
  // Pagefind over the finished pages; the download lists are not indexed, so it need not wait for
  // them. After the EPUBs, whose worker and Pagefind together would raise a big build's peak memory
  // (a warm build makes one EPUB in a fraction of a second)
  { name: "search", after: ["html", "epub"], load: async () => (await import("../search/stage.ts")).searchStage },
  // every internal link and anchor resolves (incl. the search page's /pagefind/ files and the downloads)
  { name: "links", after: ["downloads", "search"], load: async () => (await import("../links/stage.ts")).linksStage },
  // the finished pages hold to the Content-Security-Policy; base URL agrees with the prefix
  { name: "security", after: ["downloads"], load: async () => (await import("../security/stage.ts")).securityStage },
  // pa11y over every page as published; it audits the search page, with results, once "search" is done
  { name: "gate", after: ["a11y-lint", "downloads"], load: async () => (await import("../a11y/stage.ts")).gateStage },
];
