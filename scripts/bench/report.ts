/** The benchmark's results as Markdown: machine, corpus, stages (cold and warm), baseline, targets. */
import type { CorpusSummary } from "./corpus.ts";

export interface Machine {
  date: string;
  commit: string;
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  os: string;
  node: string;
  chromium: string;
  eleventy: string;
  /** 1-minute load average before and after the measurements: the machine may be shared. */
  loadBefore: number;
  loadAfter: number;
}

export interface BuildRun {
  timings: Record<string, number>;
  /** The stages' counts, flattened ("pdf.printed"). */
  counts: Record<string, number>;
  wallMs: number;
  maxRssKb?: number;
  treePeakKb: number;
}

export interface Results {
  machine: Machine;
  /** imageCache: cold builds started with image variants made beforehand (model stage without encoding). */
  options: { publications: number; runs: number; seed: string; skip: string[]; imageCache?: boolean };
  corpus: CorpusSummary & { generateMs: number };
  baseline: { ms: number; wallMs: number; files: number; maxRssKb?: number; treePeakKb: number }[];
  images: { ms: number; images: number }[];
  cold: BuildRun[];
  warm: BuildRun[];
  output: { bytes: number; files: number; htmlPages: number };
  baselineOutput: { htmlPages: number };
  /** Eleventy's own benchmark of one HTML-only rebuild: the templates and filters that take the time. */
  htmlProfile?: { htmlMs: number; rows: { ms: number; count: number; kind: string; label: string }[] };
}

export const TARGETS = {
  htmlRatio: 1.5,
  warmRebuildMs: 10_000,
  warmPublications: 50,
  memoryKb: 2 * 1024 * 1024,
  memoryPublications: 1000,
};

const STAGE_LABELS: Record<string, string> = {
  model: "Content model: validation, Markdown, images",
  readability: "Readability (LIX) warnings and report",
  html: "HTML (Eleventy)",
  "a11y-lint": "Accessibility lint of the Markdown",
  epub: "EPUB",
  pdf: "PDF (Chromium)",
  downloads: "Download links",
  links: "Link check",
  search: "Search index (Pagefind)",
  security: "Security check (CSP, base URL)",
  gate: "Accessibility gate (pa11y)",
  total: "**Total: the build from start to finish (stages overlap)**",
};

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const seconds = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s` : "–");
const mib = (kb: number | undefined) =>
  kb === undefined || !Number.isFinite(kb) ? "–" : `${Math.round(kb / 1024).toLocaleString("en")} MiB`;
const bytes = (n: number) =>
  n > 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(2)} GiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;
const rate = (pages: number, ms: number) => (ms > 0 ? `${(pages / (ms / 1000)).toFixed(1)}` : "–");
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)} ×`;

/** Stage names in build order, as they appear in the runs (stages still placeholders show ~0 ms). */
function stageNames(runs: BuildRun[]): string[] {
  const names: string[] = [];
  for (const run of runs) for (const name of Object.keys(run.timings)) if (!names.includes(name)) names.push(name);
  return [...names.filter((n) => n !== "total"), ...(names.includes("total") ? ["total"] : [])];
}

function stageMedian(runs: BuildRun[], name: string): number {
  return median(runs.map((r) => r.timings[name]).filter((v): v is number => typeof v === "number"));
}

export function renderSection(r: Results): string {
  const { corpus, options } = r;
  const stages = stageNames([...r.cold, ...r.warm]);
  const baselineMs = median(r.baseline.map((b) => b.ms));
  const coldHtml = stageMedian(r.cold, "html");
  const coldModel = stageMedian(r.cold, "model");
  const warmModel = stageMedian(r.warm, "model");
  const warmHtml = stageMedian(r.warm, "html");
  const lines: string[] = [];
  const runsNote = (n: number) => `median of ${n} run${n === 1 ? "" : "s"}`;

  lines.push(`## ${corpus.publications.toLocaleString("en")} publications`, "");
  lines.push(
    `Corpus (seed \`${options.seed}\`, generated in ${seconds(corpus.generateMs)}): ${corpus.publications.toLocaleString("en")} publications, ` +
      `${corpus.chapters.toLocaleString("en")} chapters, ${corpus.news} news items, ${corpus.pages} standing pages; ` +
      `${corpus.words.toLocaleString("en")} words in ${corpus.markdownFiles.toLocaleString("en")} Markdown files (${bytes(corpus.markdownBytes)}); ` +
      `${corpus.imageReferences} image files, ${corpus.distinctImages} distinct. ` +
      `Stages skipped: ${options.skip.length ? options.skip.join(", ") : "none"}. ` +
      (options.imageCache
        ? "**Cold builds started with the image variants made beforehand** (`--image-cache`), so their model stage does no image encoding. "
        : "") +
      `Measured ${r.machine.date}, commit ${r.machine.commit}, ` +
      `load average ${r.machine.loadBefore.toFixed(1)} before, ${r.machine.loadAfter.toFixed(1)} after.`,
    "",
  );

  lines.push(
    `| Stage | Cold build (${runsNote(r.cold.length)}) | Warm rebuild after a one-chapter edit (${runsNote(r.warm.length)}) |`,
    "|---|---:|---:|",
  );
  for (const name of stages) {
    lines.push(
      `| ${STAGE_LABELS[name] ?? name} | ${seconds(stageMedian(r.cold, name))} | ${r.warm.length ? seconds(stageMedian(r.warm, name)) : "–"} |`,
    );
    if (name === "model" && r.images.length)
      lines.push(
        `| ↳ of which images, measured alone (${r.images[0].images} files, empty cache) | ${seconds(median(r.images.map((i) => i.ms)))} | – |`,
      );
  }
  const coldWall = median(r.cold.map((c) => c.wallMs));
  const warmWall = median(r.warm.map((c) => c.wallMs));
  const warmCell = (value: string) => (r.warm.length ? value : "–");
  lines.push(
    `| Wall time of \`tsx scripts/build.ts\` (with Node and tsx start-up) | ${seconds(coldWall)} | ${warmCell(seconds(warmWall))} |`,
    `| HTML pages written | ${r.output.htmlPages.toLocaleString("en")} | ${warmCell(r.output.htmlPages.toLocaleString("en"))} |`,
    `| Pages/second, HTML stage | ${rate(r.output.htmlPages, coldHtml)} | ${warmCell(rate(r.output.htmlPages, warmHtml))} |`,
    `| Pages/second, whole build (wall time) | ${rate(r.output.htmlPages, coldWall)} | ${warmCell(rate(r.output.htmlPages, warmWall))} |`,
    `| Peak RSS of the largest process (GNU time) | ${mib(median(r.cold.map((c) => c.maxRssKb ?? NaN)))} | ${warmCell(mib(median(r.warm.map((c) => c.maxRssKb ?? NaN))))} |`,
    `| Peak memory of the whole process tree (sum of PSS, Chromium and Pagefind included) | ${mib(median(r.cold.map((c) => c.treePeakKb)))} | ${warmCell(mib(median(r.warm.map((c) => c.treePeakKb))))} |`,
    `| Output size (${r.output.files.toLocaleString("en")} files) | ${bytes(r.output.bytes)} | – |`,
    "",
  );

  lines.push(
    "Anchor: plain Eleventy 3 + markdown-it, one minimal layout, no plugins, over the same Markdown files, in its own process.",
    "",
  );
  lines.push(
    "| Plain Eleventy | Write time (median) | Wall time | Pages | Pages/second | Peak RSS |",
    "|---|---:|---:|---:|---:|---:|",
  );
  lines.push(
    `| Same Markdown, ${r.baseline.length} run${r.baseline.length === 1 ? "" : "s"} | ${seconds(baselineMs)} | ${seconds(median(r.baseline.map((b) => b.wallMs)))} | ` +
      `${r.baselineOutput.htmlPages.toLocaleString("en")} | ${rate(r.baselineOutput.htmlPages, baselineMs)} | ${mib(median(r.baseline.map((b) => b.maxRssKb ?? NaN)))} |`,
    "",
  );
  lines.push(
    `- HTML stage ÷ baseline: **${ratio(coldHtml, baselineMs)}** cold, ${r.warm.length ? ratio(warmHtml, baselineMs) : "–"} warm ` +
      `(Udgiv writes ${ratio(r.output.htmlPages, r.baselineOutput.htmlPages).replace(" ×", "×")} as many pages: lists, houses, topics, feeds).`,
    `- Markdown is rendered in the model stage, not in the HTML stage; (model + HTML) ÷ baseline: ${ratio(coldModel + coldHtml, baselineMs)} cold ` +
      `(${options.imageCache ? "image variants pre-made" : "images encoded"}), ${r.warm.length ? ratio(warmModel + warmHtml, baselineMs) : "–"} warm (image variants cached).`,
    "",
  );

  if (r.htmlProfile?.rows.length) {
    const html = r.htmlProfile.htmlMs;
    lines.push(
      `Where the HTML stage's time goes (Eleventy's own benchmark, one more HTML-only rebuild; the rows overlap, as async work does, so read them as shares of the ${seconds(html)} stage):`,
      "",
      "| Template or filter | Calls | Time |",
      "|---|---:|---:|",
      ...r.htmlProfile.rows.map(
        (p) =>
          `| ${p.label.replace(/^> Render Content > /, "render ").replace(/\|/g, "\\|")} | ${p.count} | ${seconds(p.ms)} |`,
      ),
      "",
    );
  }
  const redone = reuseStats(r.warm);
  if (redone) lines.push(`Cache use in the warm rebuilds (the build's own counts, last run): ${redone}.`, "");
  lines.push(...renderTargets(r), "");
  lines.push(
    "<details><summary>Every run</summary>",
    "",
    "| Run | Total | Wall | Peak RSS | Tree peak |",
    "|---|---:|---:|---:|---:|",
  );
  for (const [kind, runs] of [
    ["cold", r.cold],
    ["warm", r.warm],
  ] as const) {
    runs.forEach((run, i) =>
      lines.push(
        `| ${kind} ${i + 1} | ${seconds(run.timings.total)} | ${seconds(run.wallMs)} | ${mib(run.maxRssKb)} | ${mib(run.treePeakKb)} |`,
      ),
    );
  }
  r.baseline.forEach((b, i) =>
    lines.push(
      `| baseline ${i + 1} | ${seconds(b.ms)} | ${seconds(b.wallMs)} | ${mib(b.maxRssKb)} | ${mib(b.treePeakKb)} |`,
    ),
  );
  lines.push("", "</details>", "");
  return lines.join("\n");
}

function renderTargets(r: Results): string[] {
  const lines = ["| Target | Measured | Result |", "|---|---|---|"];
  const baselineMs = median(r.baseline.map((b) => b.ms));
  const html = stageMedian(r.cold, "html");
  const htmlRatio = html / baselineMs;
  lines.push(
    `| HTML stage ≤ ${TARGETS.htmlRatio} × plain Eleventy | ${htmlRatio.toFixed(2)} × (${seconds(html)} vs ${seconds(baselineMs)}) | ${verdict(htmlRatio <= TARGETS.htmlRatio, `${Math.round((htmlRatio / TARGETS.htmlRatio - 1) * 100)} % over`)} |`,
  );

  const warmWall = median(r.warm.map((w) => w.wallMs));
  const warmTotal = stageMedian(r.warm, "total");
  const everything = r.options.skip.length === 0;
  const warmApplies = r.warm.length > 0 && r.options.publications === TARGETS.warmPublications && everything;
  const slowest = slowestStage(r.warm);
  lines.push(
    `| Warm rebuild after a one-chapter edit < ${TARGETS.warmRebuildMs / 1000} s (${TARGETS.warmPublications} publications, every stage) | ` +
      `${r.warm.length ? `${seconds(warmWall)} wall, ${seconds(warmTotal)} in the build${slowest ? `; largest: ${slowest}` : ""}` : "not run"} | ` +
      `${warmApplies ? verdict(warmWall < TARGETS.warmRebuildMs, `${seconds(warmWall - TARGETS.warmRebuildMs)} over`) : `not judged here (needs ${TARGETS.warmPublications} publications and no skipped stage)`} |`,
  );

  const memory = median(r.cold.map((c) => c.treePeakKb));
  const memoryApplies =
    r.options.publications >= TARGETS.memoryPublications &&
    ["html", "search", "epub"].every((s) => !r.options.skip.includes(s));
  lines.push(
    `| ${TARGETS.memoryPublications.toLocaleString("en")} publications (HTML, search, EPUB) within 2 GiB | ` +
      `${mib(memory)} process tree, ${mib(median(r.cold.map((c) => c.maxRssKb ?? NaN)))} largest process | ` +
      `${memoryApplies ? verdict(memory <= TARGETS.memoryKb, `${mib(memory - TARGETS.memoryKb)} over`) : `not judged here (needs ${TARGETS.memoryPublications.toLocaleString("en")} publications)`} |`,
  );
  return lines;
}

function slowestStage(runs: BuildRun[]): string | undefined {
  if (runs.length === 0) return undefined;
  const names = stageNames(runs).filter((n) => n !== "total");
  const [name, ms] = names.map((n) => [n, stageMedian(runs, n)] as const).sort((a, b) => b[1] - a[1])[0] ?? [];
  return name ? `${name} ${seconds(ms!)}` : undefined;
}

/** The counters stages report about reused and redone work (cached, printed, audited ...). */
function reuseStats(runs: BuildRun[]): string | undefined {
  const last = runs[runs.length - 1];
  if (!last) return undefined;
  const entries = Object.entries(last.counts).filter(
    ([key]) => /cache|cached|printed|built$|audited|reused|skipped|fresh/i.test(key) && !/ms$|bytes$/i.test(key),
  );
  return entries.length ? entries.map(([k, v]) => `${k} ${v}`).join(", ") : undefined;
}

const verdict = (met: boolean, miss: string) => (met ? "met" : `**missed**, ${miss}`);

export function renderReport(results: Results[]): string {
  const m = results[results.length - 1].machine;
  return [
    "# Udgiv benchmark",
    "",
    `Machine: ${m.cpus} cores (${m.cpuModel}), ${(m.memoryBytes / 1024 ** 3).toFixed(1)} GiB memory, ${m.os}; Node ${m.node}; ${m.chromium}; Eleventy ${m.eleventy}.`,
    "Run with `npm run bench -- --n 50 --runs 3` (see README, Benchmark). Each figure is a median. Stages that do not depend on each other run at the same time (src/pipeline/stages.ts), so stage times add up to more than the total.",
    "",
    ...results.sort((a, b) => a.options.publications - b.options.publications).map(renderSection),
  ].join("\n");
}
