/**
 * Builds the sample site once, with every stage (HTML, EPUB, PDF, search, gate), for all test
 * files to inspect. Fails the whole run when the sample site does not build.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ROOT, runBuild } from "./helpers.ts";

export default async function setup(project: TestProject): Promise<void> {
  const outDir = path.join(mkdtempSync(path.join(os.tmpdir(), "udgiv-sample-")), "_site");
  // UDGIV_SAMPLE_SKIP=gate,pdf speeds up a local run of a few test files; CI builds everything.
  // UDGIV_SAMPLE_SKIP=all skips the sample build entirely (for unit tests only).
  const skip = (process.env.UDGIV_SAMPLE_SKIP ?? "").split(",").filter(Boolean);
  if (skip.includes("all")) {
    project.provide("sampleSiteDir", "");
    project.provide("sampleBuildLog", "");
    return;
  }
  const result = await runBuild({ contentDir: path.join(ROOT, "content"), outDir, skip });
  if (result.code !== 0) {
    throw new Error(`The sample site did not build (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  project.provide("sampleSiteDir", outDir);
  project.provide("sampleBuildLog", result.stdout + result.stderr);
}
