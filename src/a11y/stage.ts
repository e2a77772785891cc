/** The accessibility gate: lint, then pa11y over every page; fails the build on a WCAG 2.1 AA error. (Not built yet: a placeholder that does nothing.) */
import type { Stage } from "../build/index.ts";

export const gateStage: Stage = {
  name: "gate",
  async run() {},
};
