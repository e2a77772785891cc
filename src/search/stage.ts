/** Builds the Pagefind index of the staging folder. (Not built yet: a placeholder that does nothing.) */
import type { Stage } from "../build/index.ts";

export const searchStage: Stage = {
  name: "search",
  async run() {},
};
