/** How a failed build is told: editor mistakes plainly, internal errors with their stack. */
import { ContentError } from "../model/index.ts";
import { BuildFailure } from "../failure.ts";

/** Prints the failure and returns the exit code. */
export function reportFailure(error: unknown): number {
  if (error instanceof ContentError || error instanceof BuildFailure) {
    console.error(`\n${error.message}\n`);
    return 1;
  }
  console.error("\nUdgiv stødte på en intern fejl. Det er ikke din skyld; send teksten herunder til en udvikler.\n");
  console.error(error);
  return 2;
}
