/** Prints "Tests: N passed, N failed" as the last line, the closing line CI reads: one line for all projects of the run. */
import type { Reporter, TestModule } from "vitest/node";

export default class ClosingLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failedHere++;
        else skipped++;
      }
      // A file that failed without a failing test (it did not load, or a beforeAll hook failed and
      // its tests were skipped) counts as one failure, so the line never says "0 failed" for it.
      failed += failedHere || (module.state() === "failed" ? 1 : 0);
    }
    console.log(`\nTests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  }
}
