/**
 * Builds the sample site once, with every stage (HTML, EPUB, PDF, search, gate), for all test
 * files to inspect, into the run's fresh cache (test/setup/fresh-cache.ts, which runs first).
 * Fails the whole run when the sample site does not build; removes the site when the run ends.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ROOT, runBuild } from "./helpers.ts";

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  // UDGIV_SAMPLE_SKIP=gate,pdf speeds up a local run of a few test files; CI builds everything.
  // UDGIV_SAMPLE_SKIP=all skips the sample build entirely.
  const skip = (process.env.UDGIV_SAMPLE_SKIP ?? "").split(",").filter(Boolean);
  if (skip.includes("all")) {
    project.provide("sampleSiteDir", "");
    project.provide("sampleBuildLog", "");
    return undefined;
  }
  const cacheDir = project.getProvidedContext().testCacheDir;
  if (!cacheDir)
    throw new Error("test/setup/fresh-cache.ts must run before test/global-setup.ts (globalSetup in vitest.config.ts)");
  const parent = mkdtempSync(path.join(os.tmpdir(), "udgiv-sample-"));
  const outDir = path.join(parent, "_site");
  const result = await runBuild({ contentDir: path.join(ROOT, "content"), outDir, cacheDir, skip, epubcheck: true });
  if (result.code !== 0) {
    throw new Error(`The sample site did not build (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  project.provide("sampleSiteDir", outDir);
  project.provide("sampleBuildLog", result.stdout + result.stderr);
  return () => rmSync(parent, { recursive: true, force: true });
}
