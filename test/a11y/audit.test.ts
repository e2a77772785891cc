/**
 * The browser half of the gate on hand-made pages (no build): pa11y with axe and HTML_CodeSniffer
 * in Debian's Chromium finds low contrast (also only in the dark scheme), keeps hidden elements'
 * HTML_CodeSniffer findings out of the errors, audits a redirect page where it stands, waits for
 * run-time results, and turns a page that cannot be audited into a failure, never a pass.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Auditor, DEFAULT_CONFIG, type AuditOutcome } from "../../src/a11y/audit.ts";
import type { AuditPage } from "../../src/a11y/pages.ts";
import { serveFolder, type StaticServer } from "../../src/serve-static.ts";

const page = (body: string, head = "") =>
  `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Testside</title>${head}</head><body><main><h1>Testside</h1>${body}</main></body></html>`;

const PAGES: Record<string, string> = {
  "ok.html": page("<p>Alt er i orden her.</p>"),
  "kontrast.html": page('<p style="color: #bbbbbb; background: #ffffff">Lys grå tekst på hvid baggrund.</p>'),
  "moerk.html": page(
    "<p>Tekst, der kun er svær at læse i mørkt farveskema.</p>",
    "<style>p { color: #1b1b1f; background: #fff } @media (prefers-color-scheme: dark) { p { color: #333; background: #111 } }</style>",
  ),
  "skjult.html": page('<p>Flere resultater kommer.</p><button type="button" hidden></button>'),
  "videre.html": page(
    '<p>Siden er flyttet til <a href="https://example.org/">example.org</a>.</p>',
    '<meta http-equiv="refresh" content="0; url=https://example.org/">',
  ),
  "resultater.html": page(
    '<ol data-resultater></ol><script>setTimeout(() => { document.querySelector("[data-resultater]").innerHTML = \'<li><a href="ok.html">Et resultat</a></li>\'; }, 300);</script>',
  ),
  "ingen-resultater.html": page("<ol data-resultater></ol>"),
};

let server: StaticServer;
const outcomes = new Map<string, AuditOutcome>();

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "udgiv-a11y-audit-"));
  for (const [name, html] of Object.entries(PAGES)) writeFileSync(path.join(dir, name), html);
  server = await serveFolder(dir);
  const targets: AuditPage[] = [...Object.keys(PAGES), "findes-ikke.html"].map((file) => ({
    file,
    url: `/${file}`,
    source: file,
    isContent: false,
    ignored: [],
    dependsOn: [],
    readyWhen: file.includes("resultater") ? "[data-resultater] a" : undefined,
  }));
  const auditor = new Auditor(server.url, { ...DEFAULT_CONFIG, timeoutMs: 20_000 });
  try {
    await auditor.run(targets, async (target, outcome) => {
      outcomes.set(target.file, outcome);
    });
  } finally {
    await auditor.close();
  }
});

afterAll(async () => {
  await server?.close();
});

function issuesOf(file: string) {
  const outcome = outcomes.get(file);
  if (!outcome?.ok) throw new Error(`${file} was not audited: ${outcome ? outcome.error : "no result"}`);
  return outcome.audit.issues;
}

const errors = (file: string) => issuesOf(file).filter((i) => i.type === "error");

describe("pa11y in Chromium", () => {
  it("gives every page a result", () => {
    expect([...outcomes.keys()].sort()).toEqual([...Object.keys(PAGES), "findes-ikke.html"].sort());
  });

  it("passes a clean page", () => {
    expect(errors("ok.html")).toEqual([]);
    expect(outcomes.get("ok.html")).toMatchObject({ ok: true, audit: { title: "Testside", url: "/ok.html" } });
  });

  it("finds low contrast with both runners, as WCAG 1.4.3, with selector and snippet", () => {
    const found = errors("kontrast.html");
    expect(found.map((i) => [i.runner, i.criterion])).toEqual(
      expect.arrayContaining([
        ["axe", "1.4.3"],
        ["htmlcs", "1.4.3"],
      ]),
    );
    const axe = found.find((i) => i.runner === "axe")!;
    expect(axe.code).toBe("color-contrast");
    expect(axe.selector).toContain("p");
    expect(axe.context).toContain("Lys grå tekst");
  });

  it("finds contrast that fails only in the dark colour scheme", () => {
    const found = errors("moerk.html");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: "color-contrast", criterion: "1.4.3", scheme: "dark" });
  });

  it("reports HTML_CodeSniffer's findings on a hidden element as warnings, not errors", () => {
    expect(errors("skjult.html")).toEqual([]);
    expect(issuesOf("skjult.html").some((i) => i.type === "warning" && i.message.startsWith("(Hidden element"))).toBe(
      true,
    );
  });

  it("audits a page with a meta refresh where it is, without leaving the machine", () => {
    expect(outcomes.get("videre.html")).toMatchObject({ ok: true, audit: { title: "Testside" } });
    expect(errors("videre.html")).toEqual([]);
  });

  it("waits for run-time results, and says so when they never come", () => {
    expect(issuesOf("resultater.html").filter((i) => i.code === "udgiv-ikke-klar")).toEqual([]);
    expect(issuesOf("ingen-resultater.html").filter((i) => i.code === "udgiv-ikke-klar")).toHaveLength(1);
  });

  it("turns a page that cannot be audited into a failure", () => {
    expect(outcomes.get("findes-ikke.html")).toEqual({ ok: false, error: "siden svarede 404" });
  });
});
