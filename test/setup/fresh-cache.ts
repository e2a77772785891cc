/**
 * A fresh cache folder for each test run (image variants, EPUBs, PDFs, audits), so every run
 * tests the same paths: a cache that survived the last run would turn this run's cold builds warm.
 * Tests reach it through testCacheDir() (test/helpers.ts); it is removed when the run ends.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(path.join(os.tmpdir(), "udgiv-test-cache-"));
  project.provide("testCacheDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
