/** The stages of a build, in order. Each capability contributes one. */
import { downloadsStage } from "./downloads.ts";
import { htmlStage } from "./html.ts";
import type { Stage } from "./index.ts";

export const stages: Stage[] = [
  htmlStage,
  // exports (epub, pdf) register their files in ctx.downloads here
  downloadsStage,
  // search, then the accessibility gate, run over the finished pages
];
