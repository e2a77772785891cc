/**
 * How the gate tells what it found: a console message grouped by the file an editor fixes,
 * a machine-readable report.json and a human-readable, accessible index.html (outside the site).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { formatProblems } from "../model/index.ts";
import type { Issue } from "./audit.ts";
import { errorsOf, noticesOf, totals, warningsOf, type GateResult, type PageResult } from "./result.ts";
import { criterionLabel } from "./wcag.ts";

const MAX_PER_PAGE = 10;

/** The build failure message: every error, grouped by source file, then page. */
export function failureMessage(result: GateResult, reportFile: string): string {
  const t = totals(result);
  const failing = result.pages.filter((p) => p.failure || errorsOf(p).length > 0);
  const lines = [
    `Tilgængelighedskontrollen (WCAG 2.1 AA) fandt ${count(t.errors, "fejl", "fejl")} på ${count(failing.length, "side", "sider")}` +
      (t.failed ? `, og ${count(t.failed, "side", "sider")} kunne ikke kontrolleres` : "") +
      ":",
  ];
  for (const [source, pages] of groupBy(failing, (p) => p.page.source)) {
    lines.push(
      "",
      pages[0].page.isContent
        ? source
        : `${source} (skabelon: bed en udvikler rette den, hvis fejlen ikke skyldes indholdet)`,
    );
    for (const page of pages.filter((p) => p.failure)) {
      lines.push(
        `  Side ${page.page.url}`,
        `    Siden kunne ikke kontrolleres: ${page.failure}. Byg igen; sker det igen, så bed en udvikler se på det.`,
      );
    }
    // One page per source (content) is listed page by page; a layout's pages share their errors, listed once.
    const withErrors = pages.filter((p) => errorsOf(p).length > 0);
    if (withErrors.length === 1) lines.push(`  Side ${withErrors[0].page.url}`);
    const shared = sharedErrors(withErrors);
    for (const { issue, urls } of shared.slice(0, MAX_PER_PAGE)) {
      lines.push(...issueLines(issue, "    "));
      if (withErrors.length > 1)
        lines.push(
          `      Sider: ${urls.slice(0, 5).join(", ")}${urls.length > 5 ? ` og ${urls.length - 5} flere` : ""}`,
        );
    }
    if (shared.length > MAX_PER_PAGE) lines.push(`    … og ${shared.length - MAX_PER_PAGE} fejl mere (se rapporten)`);
  }
  lines.push(
    "",
    `Hele rapporten, med advarsler og bemærkninger (de stopper ikke bygget): ${reportFile}`,
    "Ret fejlene og byg igen. Intet er udgivet.",
    "Kan en regel ikke overholdes på én side, kan den undtages i sidens front matter med en begrundelse (se README, »Tilgængelighedskontrollen«).",
  );
  return lines.join("\n");
}

/** Lint findings stop the build before the browser starts. */
export function lintFailureMessage(result: GateResult, reportFile: string): string {
  return `Tilgængelighedskontrollen af kildeteksterne:\n${formatProblems(result.lint.problems)}\n(Rapport: ${reportFile})`;
}

/** Errors of a group of pages, an identical error (same rule, element and snippet) once, with its pages. */
function sharedErrors(pages: PageResult[]): { issue: Issue; urls: string[] }[] {
  const byKey = new Map<string, { issue: Issue; urls: string[] }>();
  for (const page of pages) {
    for (const issue of errorsOf(page)) {
      const key = [issue.runner, issue.code, issue.selector, issue.context, issue.scheme ?? ""].join("\0");
      const entry = byKey.get(key) ?? { issue, urls: [] };
      if (!entry.urls.includes(page.page.url)) entry.urls.push(page.page.url);
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()];
}

function issueLines(issue: Issue, indent: string): string[] {
  const scheme = issue.scheme === "dark" ? " i mørkt farveskema" : "";
  return [
    `${indent}- ${criterionLabel(issue.criterion)}${scheme} · ${issue.runner} ${issue.code}`,
    `${indent}  ${issue.message}`,
    ...(issue.selector ? [`${indent}  Element: ${issue.selector}`] : []),
    ...(issue.context ? [`${indent}  Kode:    ${oneLine(issue.context)}`] : []),
  ];
}

/** One line for the build log when the gate passed. */
export function summaryLine(result: GateResult, reportFile: string): string {
  const t = totals(result);
  return (
    `Tilgængelighed: ${t.pages} sider kontrolleret (${t.audited} i browseren, ${t.cached} uændrede fra cachen), 0 fejl, ` +
    `${count(t.warnings, "advarsel", "advarsler")}, ${count(t.ignored, "undtaget fund", "undtagne fund")}. Rapport: ${reportFile}`
  );
}

/** The reports; the statement text only when the pages were audited (not when the lint stopped the build). */
export async function writeReports(dir: string, result: GateResult, statementText?: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const t = totals(result);
  const json = {
    date: result.date,
    standard: "WCAG 2.1 AA",
    config: result.config,
    passed: t.errors === 0 && t.failed === 0 && result.lint.problems.length === 0,
    totals: t,
    lint: result.lint,
    unusedIgnores: result.unusedIgnores,
    pages: result.pages.map((p) => ({
      url: p.page.url,
      file: p.page.file,
      source: p.page.source,
      title: p.title,
      cached: p.cached,
      failure: p.failure,
      errors: errorsOf(p),
      warnings: warningsOf(p),
      notices: noticesOf(p),
      ignored: p.ignoredIssues,
    })),
  };
  await Promise.all([
    writeFile(path.join(dir, "report.json"), JSON.stringify(json, null, 2) + "\n"),
    writeFile(path.join(dir, "index.html"), reportHtml(result)),
    statementText === undefined
      ? undefined
      : writeFile(path.join(dir, "tilgaengelighedserklaering.txt"), statementText),
  ]);
}

// --- the HTML report --------------------------------------------------------------------------

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function reportHtml(result: GateResult): string {
  const t = totals(result);
  const ok = t.errors === 0 && t.failed === 0 && result.lint.problems.length === 0;
  const failing = result.pages.filter((p) => p.failure || errorsOf(p).length > 0);
  const withWarnings = result.pages.filter((p) => warningsOf(p).length > 0);
  const ignored = result.pages.filter((p) => p.ignoredIssues.length > 0);
  const body = [
    `<h1>Tilgængelighedsrapport</h1>`,
    `<p class="status ${ok ? "ok" : "fejl"}">${ok ? "Bestået: ingen fejl efter WCAG 2.1 AA." : "Ikke bestået: siderne herunder har fejl, og sitet blev ikke udgivet."}</p>`,
    `<p>Kontrol ${esc(result.date)} med pa11y (${esc(result.config.runners.join(" og "))}), standard ${esc(result.config.standard)}, i Chromium (${result.config.viewport.width} × ${result.config.viewport.height} px)${result.config.darkScheme ? ", farvekontrast også i mørkt farveskema" : ""}.</p>`,
    summaryTable(t, result),
    section(
      "Fejl fra kildeteksterne",
      result.lint.problems.length
        ? `<ul>${result.lint.problems.map((p) => `<li><code>${esc(p.file)}${p.line ? `:${p.line}` : ""}</code>: ${esc(p.message)}. ${esc(p.fix)}</li>`).join("")}</ul>`
        : "<p>Ingen.</p>",
    ),
    section("Fejl på siderne", failing.length ? groupedPages(failing, "error") : "<p>Ingen.</p>"),
    section("Undtagne regler", ignoredList(result, ignored)),
    section(
      "Advarsler",
      withWarnings.length
        ? `<p>Advarsler stopper ikke bygget, men bør ses igennem: de kan være fejl, som kræver et menneskes vurdering.</p>${groupedPages(withWarnings, "warning")}`
        : "<p>Ingen.</p>",
    ),
    section("Bemærkninger", noticeTable(result)),
    section(
      "Det kan automatisk kontrol ikke afgøre",
      "<p>Om alt-tekster og linktekster beskriver indholdet rigtigt, om overskrifter og rækkefølge giver mening, om teksten er let at forstå, om alt kan bruges med tastatur og skærmlæser, og om siderne fungerer ved 400 % forstørrelse. Det kræver en manuel gennemgang.</p>" +
        `<p>Udkastet til tilgængelighedserklæringen står i <a href="tilgaengelighedserklaering.txt">tilgaengelighedserklaering.txt</a>.</p>`,
    ),
  ];
  return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${ok ? "Bestået" : "Ikke bestået"} – Tilgængelighedsrapport</title>
<style>
body { font: 1.05rem/1.55 system-ui, sans-serif; color: #1b1b1f; background: #fff; max-width: 60rem; margin: 0 auto; padding: 1rem; }
a { color: #0b4fa8; } code, pre { font-family: ui-monospace, monospace; font-size: 0.9em; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f3f4f7; padding: 0.5rem; }
table { border-collapse: collapse; } th, td { border: 1px solid #8a8d99; padding: 0.3rem 0.6rem; text-align: left; }
.status { font-weight: 700; padding: 0.5rem 0.75rem; border-left: 0.4rem solid; }
.ok { border-color: #1d6b35; background: #e8f4ec; } .fejl { border-color: #a3161b; background: #fbeaea; }
:focus-visible { outline: 3px solid #1b1b1f; outline-offset: 2px; }
</style>
</head>
<body>
<main>
${body.join("\n")}
</main>
</body>
</html>
`;
}

function section(heading: string, html: string): string {
  return `<section aria-labelledby="${slug(heading)}">\n<h2 id="${slug(heading)}">${esc(heading)}</h2>\n${html}\n</section>`;
}

function summaryTable(t: ReturnType<typeof totals>, result: GateResult): string {
  const rows: [string, number][] = [
    ["Sider i alt", t.pages],
    ["Kontrolleret i browseren", t.audited],
    ["Uændrede (fra cachen)", t.cached],
    ["Kunne ikke kontrolleres", t.failed],
    ["Fejl", t.errors + result.lint.problems.length],
    ["Advarsler", t.warnings],
    ["Bemærkninger", t.notices],
    ["Undtagne fund", t.ignored],
  ];
  return `<table>\n<caption>Resumé</caption>\n<tbody>\n${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`).join("\n")}\n</tbody>\n</table>`;
}

function groupedPages(pages: PageResult[], type: "error" | "warning"): string {
  return [...groupBy(pages, (p) => p.page.source)]
    .map(([source, group]) =>
      [
        `<h3><code>${esc(source)}</code></h3>`,
        ...group.map((page) => {
          const issues = type === "error" ? errorsOf(page) : warningsOf(page);
          return [
            `<h4>${esc(page.title || page.page.url)} <span>(<code>${esc(page.page.url)}</code>)</span></h4>`,
            page.failure ? `<p>Siden kunne ikke kontrolleres: ${esc(page.failure)}</p>` : "",
            issues.length ? `<ol>${issues.map(issueHtml).join("\n")}</ol>` : "",
          ].join("\n");
        }),
      ].join("\n"),
    )
    .join("\n");
}

function issueHtml(issue: Issue): string {
  return `<li>
<p><strong>${esc(criterionLabel(issue.criterion))}</strong>${issue.scheme === "dark" ? " (mørkt farveskema)" : ""} · ${esc(issue.runner)} <code>${esc(issue.code)}</code></p>
<p>${esc(issue.message)}</p>
${issue.selector ? `<p>Element: <code>${esc(issue.selector)}</code></p>` : ""}
${issue.context ? `<pre><code>${esc(issue.context)}</code></pre>` : ""}
</li>`;
}

function ignoredList(result: GateResult, pages: PageResult[]): string {
  const items = [
    ...pages.flatMap((p) =>
      p.ignoredIssues.map(
        (i) =>
          `<li><code>${esc(p.page.source)}</code> (${esc(p.page.url)}): regel <code>${esc(i.rule)}</code> – ${esc(criterionLabel(i.issue.criterion))}, ${esc(i.issue.message)}. Begrundelse: ${esc(i.reason)}</li>`,
      ),
    ),
    ...result.lint.ignored.map(
      ({ finding, reason }) =>
        `<li><code>${esc(finding.file)}:${finding.line ?? ""}</code>: regel <code>${esc(finding.rule)}</code> – ${esc(finding.message)}. Begrundelse: ${esc(reason)}</li>`,
    ),
    ...result.unusedIgnores.map(
      (u) =>
        `<li><code>${esc(u.source)}</code>: regel <code>${esc(u.rule)}</code> undtages, men gav intet fund i denne kontrol. Fjern undtagelsen, hvis den ikke længere er nødvendig.</li>`,
    ),
  ];
  return items.length
    ? `<p>Regler, som en side undtager i sin front matter, med redaktionens begrundelse. De står også i tilgængelighedserklæringen.</p>\n<ul>\n${items.join("\n")}\n</ul>`
    : "<p>Ingen.</p>";
}

function noticeTable(result: GateResult): string {
  const byCode = new Map<string, { issue: Issue; pages: number }>();
  for (const page of result.pages) {
    for (const issue of new Map(noticesOf(page).map((i) => [i.code, i])).values()) {
      const entry = byCode.get(issue.code) ?? { issue, pages: 0 };
      entry.pages++;
      byCode.set(issue.code, entry);
    }
  }
  if (byCode.size === 0) return "<p>Ingen.</p>";
  const rows = [...byCode.values()].sort((a, b) => b.pages - a.pages || a.issue.code.localeCompare(b.issue.code));
  return (
    `<p>Punkter, som et menneske bør tjekke; de er ikke fejl.</p>\n<table>\n<caption>Bemærkninger efter regel</caption>\n<thead><tr><th scope="col">Regel</th><th scope="col">Besked</th><th scope="col">Sider</th></tr></thead>\n<tbody>\n` +
    rows
      .map(
        ({ issue, pages }) =>
          `<tr><td><code>${esc(issue.code)}</code></td><td>${esc(issue.message)}</td><td>${pages}</td></tr>`,
      )
      .join("\n") +
    "\n</tbody>\n</table>"
  );
}

// --- helpers ----------------------------------------------------------------------------------

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => key(a).localeCompare(key(b))))
    map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
