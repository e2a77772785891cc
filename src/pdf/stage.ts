/** Prints a PDF per publication with Chromium and registers it in ctx.downloads. (Not built yet: a placeholder that does nothing.) */
import type { Stage } from "../build/index.ts";

export const pdfStage: Stage = {
  name: "pdf",
  async run() {},
};
