/**
 * The gate in real builds of small fixtures: one fixture per violation fails the build with the
 * source file and the rule; a clean build passes and writes reports and the draft statement; the
 * cache audits only what changed (asserted by count); --full audits all; a page that cannot be
 * audited fails the build; an ignored rule passes with its reason in the statement and report.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { Auditor, DEFAULT_CONFIG, type AuditOutcome } from "../../src/a11y/audit.ts";
import type { AuditPage } from "../../src/a11y/pages.ts";
import { serveFolder } from "../../src/serve-static.ts";
import { fixtureContent, readOutput, runBuild, type BuildRun } from "../helpers.ts";

const SKIP = ["pdf", "epub", "search"];
const PUB = "publikationer/lille-publikation";
const chapter = (body: string, frontMatter = "") =>
  `${frontMatter ? `---\n${frontMatter}\n---\n` : ""}# Fejlkapitel\n\nEt kapitel med en fejl.\n\n${body}\n`;

/** Runs builds two at a time (two cores). */
async function inPairs<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < jobs.length; i = next++) results[i] = await jobs[i]();
  };
  await Promise.all([worker(), worker()]);
  return results;
}

interface Stats {
  "gate.audited": number;
  "gate.cached": number;
  "gate.pages": number;
}

function statsOf(run: BuildRun): Stats {
  const line = run.stdout
    .trim()
    .split("\n")
    .reverse()
    .find((l) => l.startsWith("{"));
  if (!line) throw new Error(`No --json output (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(line).counts as Stats;
}

function reportOf(run: BuildRun) {
  return JSON.parse(readFileSync(path.join(path.dirname(run.outDir), "reports", "a11y", "report.json"), "utf8")) as {
    passed: boolean;
    totals: Record<string, number>;
    pages: {
      url: string;
      source: string;
      cached: boolean;
      failure?: string;
      errors: unknown[];
      ignored: { rule: string; reason: string }[];
    }[];
  };
}

/** The site's pages (print documents are input for the PDF printer, removed when it runs). */
function htmlPages(outDir: string): string[] {
  return readdirSync(outDir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".html"))
    .sort();
}

/** URLs of the pages whose HTML differs between two builds. */
function changedPages(before: BuildRun, after: BuildRun): string[] {
  return htmlPages(after.outDir)
    .filter(
      (f) =>
        !existsSync(path.join(before.outDir, f)) ||
        readFileSync(path.join(before.outDir, f), "utf8") !== readFileSync(path.join(after.outDir, f), "utf8"),
    )
    .map((f) => "/" + f.replace(/index\.html$/, ""))
    .sort();
}

describe("one fixture per violation fails the build, naming the file and the rule", () => {
  const file = `content/${PUB}/03-fejl.md`;
  const cases: { name: string; files: () => Promise<Record<string, string | Buffer>>; expected: string[] }[] = [
    {
      name: "image without alt text (the model's rule)",
      files: async () => ({ [`${PUB}/graf.png`]: await png(), [`${PUB}/03-fejl.md`]: chapter("![](graf.png)") }),
      expected: [`${file}:5: billedet graf.png mangler alt-tekst`],
    },
    {
      name: "alt text that is a file name",
      files: async () => ({
        [`${PUB}/graf.png`]: await png(),
        [`${PUB}/03-fejl.md`]: chapter("![graf.png](graf.png)"),
      }),
      expected: [`${file}:5: alt-teksten »graf.png«`, "[WCAG 1.1.1, alt-filnavn]"],
    },
    {
      name: "low-contrast inline colour in raw HTML (the model's CSP allow-list)",
      files: async () => ({ [`${PUB}/03-fejl.md`]: chapter('<p style="color: #cccccc">Lys grå tekst.</p>') }),
      expected: [`${file}:5: HTML-koden indeholder en style=-attribut`],
    },
    {
      name: "skipped heading level",
      files: async () => ({ [`${PUB}/03-fejl.md`]: chapter("### For dybt") }),
      expected: [`${file}:5: overskriften springer fra niveau 1 til niveau 3`, "[WCAG 1.3.1, overskrift-spring]"],
    },
    {
      name: "empty link",
      files: async () => ({ [`${PUB}/03-fejl.md`]: chapter("Se [](https://example.dk/rapport).") }),
      expected: [`${file}:5: linket til https://example.dk/rapport har ingen tekst`, "[WCAG 2.4.4, tomt-link]"],
    },
    {
      name: "vague link text",
      files: async () => ({ [`${PUB}/03-fejl.md`]: chapter("Om kontrast: [klik her](https://example.dk/kontrast).") }),
      expected: [
        `${file}:5: linkteksten »klik her« siger ikke, hvor linket fører hen`,
        "[WCAG 2.4.4, uklar-linktekst]",
      ],
    },
    {
      name: "table without header cells in raw HTML",
      files: async () => ({ [`${PUB}/03-fejl.md`]: chapter("<table>\n<tr><td>Nord</td><td>12</td></tr>\n</table>") }),
      expected: [`${file}:5: tabellen i HTML-koden har ingen overskriftsceller`, "[WCAG 1.3.1, tabel-uden-overskrift]"],
    },
    {
      name: "form field in raw HTML (the model's allow-list: no form fields in content)",
      files: async () => ({ [`${PUB}/03-fejl.md`]: chapter('<p><input type="text" name="navn"></p>') }),
      expected: [`${file}:5: HTML-koden indeholder et <input>-element`],
    },
  ];
  let runs: BuildRun[];

  beforeAll(async () => {
    runs = await inPairs(
      cases.map((c) => async () => runBuild({ contentDir: fixtureContent(await c.files()), skip: SKIP })),
    );
  });

  cases.forEach((c, i) => {
    it(c.name, () => {
      const run = runs[i];
      expect(run.code, run.stdout + run.stderr).toBe(1);
      for (const text of c.expected) expect(run.stderr).toContain(text);
      expect(run.stderr).toContain("Intet er udgivet");
      expect(run.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    });
  });

  it("stops before the browser when the sources have errors", () => {
    const lintRun = runs[5]; // vague link text
    expect(lintRun.stderr).toContain("Tilgængelighedskontrollen af kildeteksterne");
    expect(reportOf(lintRun)).toMatchObject({ passed: false, pages: [] });
  });
});

describe("audits in the browser, with a cache per page", () => {
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), "udgiv-a11y-cache-"));
  const contentDir = fixtureContent();
  const build = (extra: string[] = [], env: Record<string, string> = {}, dir = contentDir) =>
    runBuild({ contentDir: dir, cacheDir, skip: SKIP, extra: ["--json", ...extra], env });
  const audited = (run: BuildRun) =>
    reportOf(run)
      .pages.filter((p) => !p.cached)
      .map((p) => p.url)
      .sort();
  let cold: BuildRun, warm: BuildRun, full: BuildRun, bodyEdit: BuildRun, titleEdit: BuildRun, broken: BuildRun;

  beforeAll(async () => {
    cold = await build();
    warm = await build();
    const resultater = path.join(contentDir, PUB, "02-resultater.md");
    writeFileSync(resultater, readFileSync(resultater, "utf8") + "\nEn ny sætning i kapitlet.\n");
    bodyEdit = await build();
    const indledning = path.join(contentDir, PUB, "01-indledning.md");
    writeFileSync(indledning, readFileSync(indledning, "utf8").replace("# Indledning", "# Indledning og baggrund"));
    titleEdit = await build();
    full = await build(["--full"]);
    broken = await build(["--full"], { UDGIV_A11Y_TIMEOUT_MS: "1" });
  });

  it("passes the clean fixture, auditing every page once, each with a result", () => {
    expect(cold.code, cold.stderr).toBe(0);
    const pages = htmlPages(cold.outDir).length;
    expect(statsOf(cold)).toMatchObject({ "gate.audited": pages, "gate.cached": 0, "gate.pages": pages });
    const report = reportOf(cold);
    expect(report.passed).toBe(true);
    expect(report.pages).toHaveLength(pages);
    expect(report.pages.every((p) => !p.failure)).toBe(true);
  });

  it("maps pages to their Markdown source or layout template", () => {
    const sources = Object.fromEntries(reportOf(cold).pages.map((p) => [p.url, p.source]));
    expect(sources[`/${PUB}/resultater/`]).toBe(`content/${PUB}/02-resultater.md`);
    expect(sources[`/${PUB}/`]).toBe(`content/${PUB}/index.md`);
    expect(sources["/om/"]).toBe("content/sider/om.md");
    expect(sources["/"]).toBe("layouts/index.njk");
    expect(sources["/publikationer/"]).toBe("layouts/publikationer/index.njk");
  });

  it("audits nothing when nothing changed", () => {
    expect(warm.code, warm.stderr).toBe(0);
    expect(statsOf(warm)).toMatchObject({ "gate.audited": 0, "gate.cached": statsOf(cold)["gate.pages"] });
  });

  it("audits only the pages a change to a chapter's text changed: the chapter and its publication page", () => {
    expect(bodyEdit.code, bodyEdit.stderr).toBe(0);
    const changed = changedPages(warm, bodyEdit);
    expect(audited(bodyEdit)).toEqual(changed);
    expect(changed).toContain(`/${PUB}/resultater/`);
    // The publication page shows the publication's reading level, which the new sentence may move.
    expect(changed.every((url) => [`/${PUB}/resultater/`, `/${PUB}/`].includes(url))).toBe(true);
    expect(statsOf(bodyEdit)["gate.audited"]).toBe(changed.length);
  });

  it("audits the chapter and the pages that list it after a change to its title", () => {
    expect(titleEdit.code, titleEdit.stderr).toBe(0);
    expect(audited(titleEdit)).toEqual([`/${PUB}/`, `/${PUB}/indledning/`, `/${PUB}/resultater/`]);
    expect(audited(titleEdit)).toEqual(changedPages(bodyEdit, titleEdit));
    expect(statsOf(titleEdit)).toMatchObject({ "gate.audited": 3, "gate.cached": statsOf(cold)["gate.pages"] - 3 });
  });

  it("audits every page with --full", () => {
    expect(full.code, full.stderr).toBe(0);
    expect(statsOf(full)).toMatchObject({ "gate.audited": statsOf(cold)["gate.pages"], "gate.cached": 0 });
  });

  it("fails the build when pages cannot be audited, instead of passing them", () => {
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("kunne ikke kontrolleres");
    expect(broken.stderr).toContain("Siden kunne ikke kontrolleres:");
    expect(reportOf(broken).passed).toBe(false);
  });

  it("writes the JSON report, an accessible HTML report and the statement text outside the site", () => {
    const dir = path.join(path.dirname(cold.outDir), "reports", "a11y");
    const html = readFileSync(path.join(dir, "index.html"), "utf8");
    expect(html).toContain('<html lang="da">');
    expect(html).toMatch(/<h1>Tilgængelighedsrapport<\/h1>/);
    expect(html).toContain('<th scope="row">Sider i alt</th>');
    const text = readFileSync(path.join(dir, "tilgaengelighedserklaering.txt"), "utf8");
    for (const heading of [
      "OVERHOLDELSESSTATUS",
      "INDHOLD, DER IKKE ER TILGÆNGELIGT",
      "UDARBEJDELSE AF DENNE TILGÆNGELIGHEDSERKLÆRING",
      "FEEDBACK OG KONTAKTOPLYSNINGER",
      "HÅNDHÆVELSESPROCEDURE",
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain("test@example.dk");
    expect(text).toContain("+45 11 22 33 44");
    expect(existsSync(path.join(cold.outDir, "reports"))).toBe(false);
  });

  it("publishes the draft statement as a page, from the audit, linked to the WAS statement", () => {
    const html = readOutput(cold.outDir, "/tilgaengelighedserklaering/");
    expect(html).toContain("<h2>Overholdelsesstatus</h2>");
    expect(html).toContain(`alle ${statsOf(cold)["gate.pages"]} sider`);
    expect(html).toContain('href="https://www.was.digst.dk/test-example-dk"');
    expect(html).toContain('href="tel:+4511223344"');
    expect(html).not.toContain("indsættes her"); // the placeholder is replaced
  });
});

describe("an error found in the browser, and the escape hatch", () => {
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), "udgiv-a11y-cache-"));
  const field = '<p>Søg i tabellen: <span role="searchbox"></span></p>';
  const reason = "Feltet er en gengivelse af ministeriets søgefelt; det virkelige felt har en etiket.";
  let failing: BuildRun, ignored: BuildRun;

  beforeAll(async () => {
    failing = await runBuild({
      contentDir: fixtureContent({ [`${PUB}/03-formular.md`]: chapter(field) }),
      cacheDir,
      skip: SKIP,
      extra: ["--json"],
    });
    const frontMatter = `tilgaengelighed:\n  ignorer:\n    - regel: "4.1.2"\n      begrundelse: ${reason}`;
    ignored = await runBuild({
      contentDir: fixtureContent({ [`${PUB}/03-formular.md`]: chapter(field, frontMatter) }),
      cacheDir,
      skip: SKIP,
      extra: ["--json"],
    });
  });

  it("fails on a form field without a label, naming the Markdown file, the page, the rule and the element", () => {
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain(`content/${PUB}/03-formular.md\n  Side /${PUB}/formular/`);
    expect(failing.stderr).toContain("WCAG 4.1.2 Navn, rolle, værdi");
    expect(failing.stderr).toMatch(/axe aria-input-field-name/);
    expect(failing.stderr).toContain('Kode:    <span role="searchbox"></span>');
    expect(failing.stderr).toMatch(/Element: .*span/);
    expect(reportOf(failing).passed).toBe(false);
  });

  it("writes an HTML report that itself passes the audit", async () => {
    const dir = path.join(path.dirname(failing.outDir), "reports", "a11y");
    expect(readFileSync(path.join(dir, "index.html"), "utf8")).toContain("aria-input-field-name");
    const server = await serveFolder(dir);
    let outcome: AuditOutcome | undefined;
    try {
      const report: AuditPage = {
        file: "index.html",
        url: "/index.html",
        source: "",
        isContent: false,
        ignored: [],
        dependsOn: [],
      };
      const auditor = new Auditor(server.url, DEFAULT_CONFIG);
      try {
        await auditor.run([report], async (_page, result) => {
          outcome = result;
        });
      } finally {
        await auditor.close();
      }
    } finally {
      await server.close();
    }
    expect(outcome?.ok).toBe(true);
    expect(outcome?.ok && outcome.audit.issues.filter((i) => i.type === "error")).toEqual([]);
  });

  it("passes when the page ignores the rule with a reason, without auditing again, and lists it", () => {
    expect(ignored.code, ignored.stderr).toBe(0);
    // Only the statement page changed (it now lists the ignored rule); the chapter page is unchanged, so cached.
    expect(statsOf(ignored)["gate.audited"]).toBe(1);
    const page = reportOf(ignored).pages.find((p) => p.url === `/${PUB}/formular/`)!;
    expect(page.cached).toBe(true);
    expect(page.errors).toEqual([]);
    expect(page.ignored.length).toBeGreaterThan(0);
    expect(page.ignored[0]).toMatchObject({ rule: "4.1.2", reason });
    const statement = readOutput(ignored.outDir, "/tilgaengelighedserklaering/");
    expect(statement).toContain("overholder delvist");
    expect(statement).toContain(`/${PUB}/formular/`);
    expect(statement).toContain(reason);
  });
});

async function png(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: "#3366aa" } })
    .png()
    .toBuffer();
}

describe("a site served from a sub-folder", () => {
  let run: BuildRun;

  beforeAll(async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), "udgiv-a11y-cache-"));
    run = await runBuild({
      contentDir: fixtureContent(),
      cacheDir,
      skip: SKIP,
      extra: ["--json", "--path-prefix", "/udgiv/"],
    });
  });

  it("audits every page under the path prefix and passes", () => {
    expect(run.code, run.stderr).toBe(0);
    const report = reportOf(run);
    expect(report.pages).toHaveLength(htmlPages(run.outDir).length);
    expect(report.pages.filter((p) => p.failure)).toEqual([]);
    expect(report.passed).toBe(true);
  });
});
