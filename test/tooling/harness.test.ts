/**
 * The test harness itself: each run gets a fresh, empty cache folder that is removed afterwards,
 * and the closing line counts a file whose setup failed as a failure, never as "0 failed".
 */
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { TestModule, TestProject } from "vitest/node";
import ClosingLineReporter from "../closing-line-reporter.ts";
import freshCache from "../setup/fresh-cache.ts";

describe("the fresh cache of a run", () => {
  it("is a new empty folder each run, provided to the tests and removed at the end", () => {
    const runs = [1, 2].map(() => {
      const provided: Record<string, unknown> = {};
      const project = { provide: (key: string, value: unknown) => (provided[key] = value) } as unknown as TestProject;
      const teardown = freshCache(project);
      return { dir: provided.testCacheDir as string, teardown };
    });
    expect(runs[0].dir).not.toBe(runs[1].dir);
    for (const { dir, teardown } of runs) {
      expect(readdirSync(dir)).toEqual([]);
      writeFileSync(path.join(dir, "entry"), "x");
      teardown();
      expect(existsSync(dir)).toBe(false);
    }
  });
});

describe("the closing line", () => {
  const module = (state: "passed" | "failed", tests: string[]) =>
    ({
      state: () => state,
      children: { allTests: () => tests.map((s) => ({ result: () => ({ state: s }) })) },
    }) as unknown as TestModule;

  it("sums every file of every project into one line, a file failed in its setup as one failure", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      new ClosingLineReporter().onTestRunEnd([
        module("passed", ["passed", "passed"]),
        module("failed", ["passed", "failed", "failed"]),
        module("failed", ["skipped", "skipped"]), // its beforeAll failed
        module("failed", []), // it did not load
      ]);
      expect(log).toHaveBeenCalledWith("\nTests: 3 passed, 4 failed, 2 skipped");
    } finally {
      log.mockRestore();
    }
  });
});
