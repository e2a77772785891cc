/**
 * The counts of a build's stage results as one flat record ("epub.fromCache": 3), for the
 * summary printed with --json and the benchmark's report.
 */
import type { StageResults } from "./stages.ts";

export function countsOf(results: Partial<StageResults>): Record<string, number> {
  const flat: Record<string, number> = {};
  for (const [stage, result] of Object.entries(results)) {
    for (const [name, value] of Object.entries((result as { counts?: object }).counts ?? {}))
      if (typeof value === "number") flat[`${stage}.${name}`] = value;
  }
  return flat;
}
