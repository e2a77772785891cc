/** The stages of a build, in order. Each capability contributes one. */
import { gateStage } from "../a11y/stage.ts";
import { epubStage } from "../epub/stage.ts";
import { linksStage } from "../links/stage.ts";
import { pdfStage } from "../pdf/stage.ts";
import { readabilityStage } from "../readability/stage.ts";
import { searchStage } from "../search/stage.ts";
import { securityStage } from "../security/stage.ts";
import { downloadsStage } from "./downloads.ts";
import { htmlStage } from "./html.ts";
import type { Stage } from "./index.ts";

export const stages: Stage[] = [
  readabilityStage, // LIX warnings and report from the model; first, so strict mode fails fast
  htmlStage, // Eleventy renders the model through layouts/
  epubStage, // exports register their files in ctx.downloads ...
  pdfStage,
  downloadsStage, // ... which this stage writes into the publication pages
  searchStage, // Pagefind index over the finished pages
  linksStage, // every internal link and anchor resolves (incl. the search page's /pagefind/ files)
  securityStage, // the finished pages hold to the Content-Security-Policy; base URL agrees with the prefix
  gateStage, // pa11y over every page; last, so it sees exactly what is published
];
