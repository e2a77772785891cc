/**
 * Test helpers: build a site (the sample content or a small fixture) through the real CLI,
 * into temporary folders, and read what it wrote.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { inject } from "vitest";

export const ROOT = path.resolve(import.meta.dirname, "..");
const run = promisify(execFile);

export interface BuildRun {
  code: number;
  stdout: string;
  stderr: string;
  outDir: string;
  contentDir: string;
  cacheDir: string;
}

/**
 * Runs `tsx scripts/build.ts` with the given arguments; never throws on a failed build. EPUBCheck
 * (a JVM per build) runs only where a test asks for it (`epubcheck: true`): the EPUB tests check
 * the books themselves.
 */
export async function runBuild(args: {
  contentDir: string;
  outDir?: string;
  cacheDir?: string;
  skip?: string[];
  extra?: string[];
  env?: Record<string, string>;
  epubcheck?: boolean;
}): Promise<BuildRun> {
  const outDir = args.outDir ?? path.join(mkdtempSync(path.join(os.tmpdir(), "udgiv-out-")), "_site");
  const cacheDir = args.cacheDir ?? testCacheDir();
  const argv = [
    path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
    path.join(ROOT, "scripts/build.ts"),
    "--content",
    args.contentDir,
    "--out",
    outDir,
    "--cache",
    cacheDir,
    ...(args.skip?.length ? ["--skip", args.skip.join(",")] : []),
    ...(args.epubcheck ? [] : ["--no-epubcheck"]),
    ...(args.extra ?? []),
  ];
  try {
    const { stdout, stderr } = await run(process.execPath, argv, {
      cwd: ROOT,
      env: { ...process.env, ...args.env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr, outDir, contentDir: args.contentDir, cacheDir };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof e.code === "number" ? e.code : 1,
      stdout: e.stdout ?? "",
      stderr: e.stderr ?? "",
      outDir,
      contentDir: args.contentDir,
      cacheDir,
    };
  }
}

/** A copy of the minimal fixture content (test/fixtures/minimal) plus the given files, in a temp folder. */
export function fixtureContent(files: Record<string, string | Buffer> = {}, base = "minimal"): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "udgiv-content-")), "content");
  cpSync(path.join(ROOT, "test/fixtures", base), dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** This run's cache folder, fresh for each run (test/setup/fresh-cache.ts); shared by the run's builds. */
export function testCacheDir(): string {
  const dir = inject("testCacheDir");
  if (!dir) throw new Error("No test cache folder: test/setup/fresh-cache.ts is not in this project's globalSetup");
  return dir;
}

/** The sample site (content/), built once for the whole test run by test/global-setup.ts with every stage. */
export function sampleSite(): string {
  const dir = inject("sampleSiteDir");
  if (!dir) throw new Error("The sample site was not built (UDGIV_SAMPLE_SKIP=all)");
  return dir;
}

export function readOutput(outDir: string, urlPath: string): string {
  const file = urlPath.endsWith("/") ? path.join(outDir, urlPath, "index.html") : path.join(outDir, urlPath);
  return readFileSync(file, "utf8");
}

declare module "vitest" {
  export interface ProvidedContext {
    testCacheDir: string;
    sampleSiteDir: string;
    sampleBuildLog: string;
  }
}
