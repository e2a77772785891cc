/** Writes an EPUB 3 per publication into the staging folder and registers it in ctx.downloads. (Not built yet: a placeholder that does nothing.) */
import type { Stage } from "../build/index.ts";

export const epubStage: Stage = {
  name: "epub",
  async run() {},
};
