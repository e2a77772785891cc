/** Checks that every internal link and #anchor of the built site resolves. (Not built yet: a placeholder that does nothing.) */
import type { Stage } from "../build/index.ts";

export const linksStage: Stage = {
  name: "links",
  async run() {},
};
