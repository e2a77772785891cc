/**
 * The stages of a build. Each capability contributes one and names the stages it needs finished
 * first; stages whose needs are met run at the same time (./schedule.ts). On two cores that lets
 * the search index (Pagefind's own process) and the EPUBs be made while Chromium prints PDFs, and
 * the link and security checks run beside the accessibility gate.
 */
import { gateStage, lintStage } from "../a11y/stage.ts";
import { epubStage } from "../epub/stage.ts";
import { linksStage } from "../links/stage.ts";
import { pdfStage } from "../pdf/stage.ts";
import { readabilityStage } from "../readability/stage.ts";
import { searchStage } from "../search/stage.ts";
import { securityStage } from "../security/stage.ts";
import { downloadsStage } from "./downloads.ts";
import { htmlStage } from "./html.ts";
import type { Stage } from "./index.ts";

export interface PlannedStage {
  stage: Stage;
  after: string[];
}

export const stages: PlannedStage[] = [
  // LIX warnings and report from the model; first, so strict mode fails before any rendering
  { stage: readabilityStage, after: [] },
  // Eleventy renders the model through layouts/
  { stage: htmlStage, after: ["readability"] },
  // the accessibility lint of the sources, from the model: beside the HTML stage, and fails fast
  { stage: lintStage, after: ["readability"] },
  // exports register their files in ctx.downloads ...
  { stage: epubStage, after: ["html"] },
  { stage: pdfStage, after: ["html"] }, // needs the site's print.css and images to print
  // ... which this stage writes into the publication pages (atomically: search may be reading them)
  { stage: downloadsStage, after: ["epub", "pdf"] },
  // Pagefind over the finished pages; the download lists are not indexed, so it need not wait for them
  { stage: searchStage, after: ["html"] },
  // every internal link and anchor resolves (incl. the search page's /pagefind/ files and the downloads)
  { stage: linksStage, after: ["downloads", "search"] },
  // the finished pages hold to the Content-Security-Policy; base URL agrees with the prefix
  { stage: securityStage, after: ["downloads", "search"] },
  // pa11y over every page as published (the search page with its index)
  { stage: gateStage, after: ["a11y-lint", "downloads", "search"] },
];
