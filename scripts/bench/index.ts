/**
 * `npm run bench`: how fast a build is, stage by stage, against plain Eleventy on the same Markdown.
 *
 *   npm run bench -- [--n 50] [--runs 3] [--cold-runs N] [--seed udgiv-bench] [--skip pdf,gate] [--work DIR] [--keep]
 *   npm run bench -- --generate DIR [--n 50]     (only write a corpus, e.g. to try a build by hand)
 *   npm run bench -- --image-cache DIR ...       (cold builds start with these image variants, made
 *                                                 by `tsx scripts/bench/images-alone.ts <content> DIR`)
 *
 * Generates a corpus, then per run: the plain-Eleventy baseline, image processing alone and a cold
 * Udgiv build (empty cache and output); then warm rebuilds, each after appending a sentence to one
 * chapter. Results: reports/bench-n<N>.json per corpus size, and reports/bench.md with every size
 * measured so far (printed too). `--skip` takes build stages, plus "baseline", "images", "warm" and
 * "profile" (one more HTML-only build with Eleventy's own benchmark, to say where the HTML time goes).
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromiumPath } from "../../src/browser.ts";
import { prepareBaseline } from "./baseline.ts";
import { DEFAULT_SEED, editOneChapter, generateCorpus, listFiles } from "./corpus.ts";
import { hasGnuTime, measure } from "./measure.ts";
import { renderReport, renderSection, type BuildRun, type Machine, type Results } from "./report.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const RUNNER_PARTS = new Set(["baseline", "images", "warm", "profile"]);

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "50" },
    runs: { type: "string", default: "3" },
    // A cold build with the gate audits every page (minutes at 50 publications): fewer of them, same warm runs.
    "cold-runs": { type: "string" },
    seed: { type: "string", default: DEFAULT_SEED },
    skip: { type: "string", default: "" },
    work: { type: "string" },
    keep: { type: "boolean", default: false },
    generate: { type: "string" },
    reports: { type: "string", default: path.join(ROOT, "reports") },
    "image-cache": { type: "string" },
  },
});

const publications = Number(values.n);
const runs = Number(values.runs);
const coldRuns = Number(values["cold-runs"] ?? values.runs);
if (!Number.isInteger(publications) || publications < 1 || publications > 1000)
  fail("--n skal være et helt tal fra 1 til 1000");
if (!Number.isInteger(runs) || runs < 1) fail("--runs skal være et helt tal på mindst 1");
if (!Number.isInteger(coldRuns) || coldRuns < 1 || coldRuns > runs)
  fail("--cold-runs skal være et helt tal fra 1 til --runs");

if (values.generate) {
  const summary = await generateCorpus({ dir: path.resolve(values.generate), publications, seed: values.seed });
  console.log(`Korpus skrevet til ${values.generate}: ${JSON.stringify(summary)}`);
  process.exit(0);
}

const skipped = values.skip
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);
const buildSkip = skipped.filter((s) => !RUNNER_PARTS.has(s));
const work = path.resolve(values.work ?? path.join(os.tmpdir(), `udgiv-bench-${process.pid}`));
const contentDir = path.join(work, "content");
mkdirSync(work, { recursive: true });
const say = (message: string) => console.error(`bench: ${message}`);

if (!hasGnuTime()) say("GNU time (/usr/bin/time) findes ikke: topforbruget måles kun som summen over procestræet");
const loadBefore = os.loadavg()[0];
say(`genererer ${publications} publikationer i ${contentDir} ...`);
const generateStart = performance.now();
const corpus = {
  ...(await generateCorpus({ dir: contentDir, publications, seed: values.seed })),
  generateMs: performance.now() - generateStart,
};
say(
  `${corpus.chapters} kapitler, ${corpus.words.toLocaleString("da")} ord, ${corpus.distinctImages} forskellige billeder (${Math.round(corpus.generateMs)} ms)`,
);

const baselineProject = prepareBaseline(ROOT, contentDir, path.join(work, "baseline"));
const results: Results = {
  machine: undefined as unknown as Machine,
  options: { publications, runs, seed: values.seed, skip: skipped, imageCache: Boolean(values["image-cache"]) },
  corpus,
  baseline: [],
  images: [],
  cold: [],
  warm: [],
  output: { bytes: 0, files: 0, htmlPages: 0 },
  baselineOutput: { htmlPages: 0 },
};

if (!skipped.includes("baseline") && runs > 1) {
  say("opvarmning: én baseline-kørsel uden måling (læser node_modules ind i filcachen)");
  await runBaseline();
}
let last = { out: "", cache: "" };
for (let run = 1; run <= runs; run++) {
  if (!skipped.includes("baseline")) results.baseline.push(await runBaseline());
  if (!skipped.includes("images")) results.images.push(await runImagesAlone(run));
  if (run > coldRuns) continue;
  if (last.out) rmSync(path.dirname(last.out), { recursive: true, force: true });
  last = { out: path.join(work, `cold-${run}`, "_site"), cache: path.join(work, `cold-${run}`, "cache") };
  if (values["image-cache"])
    cpSync(path.resolve(values["image-cache"]), path.join(last.cache, "images"), { recursive: true });
  say(`kold bygning ${run}/${coldRuns} ...`);
  const cold = await runBuild(last.out, last.cache);
  results.cold.push(cold);
  say(`kold bygning ${run}/${coldRuns}: ${(cold.timings.total / 1000).toFixed(1)} s (${stagesText(cold)})`);
}
results.output = outputSize(last.out);
results.baselineOutput = { htmlPages: countHtml(baselineProject.output) };

if (!skipped.includes("warm")) {
  for (let run = 1; run <= runs; run++) {
    const edited = editOneChapter(contentDir, `${run}`);
    say(`varm genopbygning ${run}/${runs} efter ændring i ${path.relative(contentDir, edited)} ...`);
    const warm = await runBuild(last.out, last.cache);
    results.warm.push(warm);
    say(`varm genopbygning ${run}/${runs}: ${(warm.timings.total / 1000).toFixed(1)} s (${stagesText(warm)})`);
  }
}

if (!skipped.includes("profile")) {
  say("profil af HTML-trinnet (Eleventys egen benchmark, DEBUG=Eleventy:Benchmark*) ...");
  results.htmlProfile = await profileHtml(last.out, last.cache);
}

results.machine = machine(loadBefore);
mkdirSync(values.reports, { recursive: true });
writeFileSync(path.join(values.reports, `bench-n${publications}.json`), `${JSON.stringify(results, null, 2)}\n`);
const all = readdirSync(values.reports)
  .filter((f) => /^bench-n\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(path.join(values.reports, f), "utf8")) as Results);
writeFileSync(path.join(values.reports, "bench.md"), renderReport(all));
console.log(renderReport([results]).split("\n").slice(0, 4).join("\n"));
console.log(renderSection(results));
say(
  `skrevet: ${path.relative(process.cwd(), path.join(values.reports, "bench.md"))} (alle målte størrelser) og bench-n${publications}.json`,
);
if (!values.keep) rmSync(work, { recursive: true, force: true });
else say(`arbejdsmappe beholdt: ${work}`);

// ---------------------------------------------------------------------------------------------

async function runBaseline(): Promise<Results["baseline"][number]> {
  rmSync(baselineProject.output, { recursive: true, force: true });
  const m = await measure(process.execPath, [baselineProject.script], { cwd: baselineProject.dir });
  if (m.code !== 0) fail(`baseline-bygningen fejlede:\n${m.stderr.slice(-4000)}`);
  const { ms, files } = lastJson(m.stdout) as { ms: number; files: number };
  return { ms, files, wallMs: m.wallMs, maxRssKb: m.maxRssKb, treePeakKb: m.treePeakKb };
}

async function runImagesAlone(run: number): Promise<Results["images"][number]> {
  const cache = path.join(work, `images-${run}`);
  rmSync(cache, { recursive: true, force: true });
  const m = await measure(
    process.execPath,
    [tsx(), path.join(ROOT, "scripts/bench/images-alone.ts"), contentDir, cache],
    { cwd: ROOT },
  );
  rmSync(cache, { recursive: true, force: true });
  if (m.code !== 0) fail(`billedmålingen fejlede:\n${m.stderr.slice(-4000)}`);
  return lastJson(m.stdout) as Results["images"][number];
}

async function runBuild(out: string, cache: string): Promise<BuildRun> {
  // Without EPUBCheck, as the figures before it became the default: it checks the books, it does not make them.
  const args = [
    tsx(),
    path.join(ROOT, "scripts/build.ts"),
    "--content",
    contentDir,
    "--out",
    out,
    "--cache",
    cache,
    "--json",
    "--no-epubcheck",
  ];
  if (buildSkip.length) args.push("--skip", buildSkip.join(","));
  const m = await measure(process.execPath, args, { cwd: ROOT });
  if (m.code !== 0) fail(`Udgiv-bygningen fejlede (exit ${m.code}):\n${(m.stdout + m.stderr).slice(-6000)}`);
  const { timings, counts } = lastJson(m.stdout) as Pick<BuildRun, "timings" | "counts">;
  return { timings, counts, wallMs: m.wallMs, maxRssKb: m.maxRssKb, treePeakKb: m.treePeakKb };
}

/** One more build, HTML only, with Eleventy's benchmark on: the templates and filters that take the time. */
async function profileHtml(out: string, cache: string): Promise<Results["htmlProfile"]> {
  // Every stage but the HTML one: those that ran, and those skipped for the whole benchmark (the gate, say).
  const others = [...new Set([...Object.keys(results.cold[0]?.timings ?? {}), ...buildSkip])].filter(
    (s) => !["model", "html", "total"].includes(s),
  );
  const args = [
    tsx(),
    path.join(ROOT, "scripts/build.ts"),
    "--content",
    contentDir,
    "--out",
    out,
    "--cache",
    cache,
    "--json",
    "--skip",
    others.join(","),
  ];
  const m = await measure(process.execPath, args, { cwd: ROOT, env: { ...process.env, DEBUG: "Eleventy:Benchmark*" } });
  if (m.code !== 0) return undefined;
  const { timings } = lastJson(m.stdout) as Pick<BuildRun, "timings">;
  const rows = [...m.stderr.matchAll(/\s(\d+)ms\s+\d+%\s+(\d+)× \((\w+)\) (.+)$/gm)]
    .map(([, ms, count, kind, label]) => ({ ms: Number(ms), count: Number(count), kind, label: label.trim() }))
    // Rows that can be attributed to a template or a filter; aggregate rows such as "Render" or
    // "Passthrough Copy" span the whole run and overlap everything else.
    .filter(
      (r) =>
        r.label.startsWith("> Render Content") ||
        (r.kind === "Configuration" && /Filter|Shortcode|Transform/.test(r.label)),
    );
  return { htmlMs: timings.html, rows: rows.sort((a, b) => b.ms - a.ms).slice(0, 8) };
}

function tsx(): string {
  return path.join(ROOT, "node_modules/tsx/dist/cli.mjs");
}

/** The last line of stdout that is a JSON object (stages may print warnings before it). */
function lastJson(stdout: string): unknown {
  const line = stdout
    .trim()
    .split("\n")
    .reverse()
    .find((l) => l.startsWith("{"));
  if (!line) fail(`intet JSON-resultat i output:\n${stdout.slice(-2000)}`);
  return JSON.parse(line!);
}

function stagesText(run: BuildRun): string {
  return Object.entries(run.timings)
    .filter(([n]) => n !== "total")
    .map(([n, ms]) => `${n} ${(ms / 1000).toFixed(1)}`)
    .join(", ");
}

function outputSize(dir: string): Results["output"] {
  const files = listFiles(dir);
  const bytes = Number(execFileSync("du", ["-sb", dir], { encoding: "utf8" }).split("\t")[0]);
  return { bytes, files: files.length, htmlPages: files.filter((f) => f.endsWith(".html")).length };
}

function countHtml(dir: string): number {
  return listFiles(dir).filter((f) => f.endsWith(".html")).length;
}

function machine(loadBefore: number): Machine {
  const run = (file: string, args: string[]) => {
    try {
      return execFileSync(file, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], cwd: ROOT }).trim();
    } catch {
      return "unknown";
    }
  };
  const dirty = run("git", ["status", "--porcelain", "--untracked-files=no"]) !== "";
  let chromium = "Chromium: not found";
  try {
    chromium = run(chromiumPath(), ["--version"]).split("\n")[0];
  } catch {
    // no Chromium: the PDF and gate stages would fail anyway; the report says so
  }
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    commit: `${run("git", ["rev-parse", "--short", "HEAD"])}${dirty ? " (with uncommitted changes)" : ""}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium,
    eleventy: (
      JSON.parse(readFileSync(path.join(ROOT, "node_modules/@11ty/eleventy/package.json"), "utf8")) as {
        version: string;
      }
    ).version,
    loadBefore,
    loadAfter: os.loadavg()[0],
  };
}

function fail(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(1);
}
