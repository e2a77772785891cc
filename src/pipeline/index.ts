/**
 * The build pipeline: content model → HTML (Eleventy) → exports → search → accessibility gate,
 * written into a staging folder that replaces the output folder only when every stage passed.
 * A failed build leaves the last good site in place and never writes to content/.
 */
import { existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { SharedBrowser } from "../browser.ts";
import { getSite, type Site } from "../model/index.ts";
import { removeAbandoned } from "../cache/index.ts";
import { normalisePrefix } from "../urls/index.ts";
import { runStages } from "./schedule.ts";
import { stages, type StageName, type StageResults } from "./stages.ts";

export { reportFailure } from "./report.ts";
export { countsOf } from "./counts.ts";
export { renderPages, type RenderOptions } from "./html.ts";
export type {
  Download,
  ExportResult,
  HtmlResult,
  PagesResult,
  RenderedPage,
  StageName,
  StageResults,
} from "./stages.ts";

/**
 * Every setting of a build. `build()` reads nothing else: no environment variable is read inside
 * the build. The command line (scripts/build.ts, scripts/options.ts) fills these in from its flags
 * and the UDGIV_* environment variables, over `defaultOptions()`, so `npm run build` and `build()`
 * called with the defaults are the same build.
 */
export interface BuildOptions {
  /** The folder holding eleventy.config.ts and layouts/ (the Udgiv checkout). */
  root: string;
  contentDir: string;
  outputDir: string;
  cacheDir: string;
  /** Served from a sub-folder, e.g. "/udgiv/" on a GitHub Pages project site; "/" or "/sub/", normalised by defaultOptions. */
  pathPrefix: string;
  /** Redo cached work (audits, exports) even when nothing changed. */
  full: boolean;
  /** Stage names to leave out (e.g. "pdf", "gate"), for quick checks and tests. */
  skip: Set<string>;
  /** Chapters above their audience's LIX target fail the build instead of warning (issue 9). */
  strictLix: boolean;
  /** Check every EPUB not checked before with EPUBCheck; an error or warning stops the build. */
  epubcheck: boolean;
  /** Pages the accessibility gate audits at a time. */
  a11yConcurrency: number;
  /** How long the gate waits for one page, in milliseconds, before the page fails. */
  a11yTimeoutMs: number;
  /**
   * The date of the draft accessibility statement, as seconds since 1970 (SOURCE_DATE_EPOCH of
   * reproducible builds); without it, the date of the content's last commit.
   */
  sourceDateEpoch?: number;
  log: (message: string) => void;
}

/**
 * What a build hands its stages. Stages share nothing else: each returns a typed result
 * (StageResults, ./stages.ts) and reads the results of the stages it comes after with `result()`.
 */
export interface BuildContext {
  options: BuildOptions;
  site: Site;
  /** The folder this build writes to; becomes options.outputDir at the end. */
  outDir: string;
  /** The build's Chromium, for the stages that print or audit; closed when the build ends. */
  browser: SharedBrowser;
  /**
   * The result of the named stage once it has finished; undefined when the build skipped it.
   * Rejects if the stage failed or will not run. A stage reads the stages it comes after this
   * way, and may wait for a further one for part of its work (the gate, for the search page).
   */
  result<N extends StageName>(name: N): Promise<StageResults[N] | undefined>;
}

export interface Stage<N extends StageName = StageName> {
  name: N;
  run(ctx: BuildContext): Promise<StageResults[N]>;
}

export interface BuildResult {
  site: Site;
  /** Milliseconds per stage (stages may overlap), and "total": the build's wall time. */
  timings: Record<string, number>;
  /** What each stage that ran returned. */
  results: Partial<StageResults>;
}

export function defaultOptions(overrides: Partial<BuildOptions> = {}): BuildOptions {
  const root = overrides.root ?? process.cwd();
  return {
    root,
    contentDir: path.join(root, "content"),
    outputDir: path.join(root, "_site"),
    cacheDir: path.join(root, ".cache"),
    full: false,
    skip: new Set(),
    strictLix: false,
    epubcheck: true,
    a11yConcurrency: 2, // two cores: two tabs keep both busy without starving the server and Node
    a11yTimeoutMs: 30_000,
    log: (message) => console.log(message),
    ...overrides,
    pathPrefix: normalisePrefix(overrides.pathPrefix ?? "/"),
  };
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  const time = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      timings[name] = Math.round(performance.now() - start);
    }
  };

  const site = await time("model", () =>
    getSite({ contentDir: options.contentDir, imageCacheDir: path.join(options.cacheDir, "images") }),
  );
  const outDir = `${path.resolve(options.outputDir)}.tmp-${process.pid}`;
  await removeAbandonedOutputs(path.resolve(options.outputDir));
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const ctx: BuildContext = {
    options,
    site,
    outDir,
    browser: new SharedBrowser(),
    result: () => Promise.reject(new Error("no stages are running")), // set by runStages
  };
  let results: Partial<StageResults>;
  try {
    results = (await runStages(stages, ctx, time)) as Partial<StageResults>;
    await ctx.browser.close();
    await swapInto(outDir, path.resolve(options.outputDir));
  } catch (error) {
    await ctx.browser.close();
    await rm(outDir, { recursive: true, force: true });
    throw error;
  }
  timings.total = Math.round(performance.now() - started);
  return { site, timings, results };
}

/** Staging and old folders of builds that were killed (their process is gone): a full copy of the site each. */
async function removeAbandonedOutputs(output: string): Promise<void> {
  const name = path.basename(output).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await removeAbandoned(path.dirname(output), new RegExp(`^${name}\\.(?:tmp|old)-(\\d+)$`));
}

/** Replaces the output folder with the finished staging folder in two renames. */
async function swapInto(staging: string, output: string): Promise<void> {
  const old = `${output}.old-${process.pid}`;
  const hadOutput = existsSync(output);
  if (hadOutput) await rename(output, old);
  try {
    await rename(staging, output);
  } catch (error) {
    if (hadOutput) await rename(old, output); // put the last good site back
    throw error;
  }
  await rm(old, { recursive: true, force: true });
}
