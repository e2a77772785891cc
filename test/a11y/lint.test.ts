/**
 * The gate's lint, on Markdown sources as an editor writes them: each rule fires with file, line,
 * WCAG criterion and a fix, and stays silent on good content. Also the rule matching behind
 * `tilgaengelighed: ignorer:` and the WCAG criteria read from axe and HTML_CodeSniffer codes.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ruleMatches } from "../../src/a11y/ignore.ts";
import { lintDocument, lintSite, lintSiteDetailed, type DocumentKind } from "../../src/a11y/lint.ts";
import { criterionOf } from "../../src/a11y/wcag.ts";
import { loadSite } from "../../src/model/index.ts";
import { fixtureContent, testCacheDir } from "../helpers.ts";

const FILE = "content/publikationer/x/02-kapitel.md";

function lint(text: string, kind: DocumentKind = "chapter") {
  return lintDocument({ file: FILE, text, kind, lang: "da" }).map((f) => ({
    rule: f.rule,
    line: f.line,
    message: f.message,
    fix: f.fix,
  }));
}

describe("lint rules", () => {
  it("finds nothing in good content", () => {
    const good = [
      "# Kapitel",
      "",
      "## Afsnit",
      "",
      "Læs [vejledningen om linktekster](https://example.dk).",
      "",
      "### Underafsnit",
      "",
      "![Søjlediagram over ansøgninger](graf.png)",
      "",
      "| Kommune | Antal |",
      "|---|---|",
      "| Nord | 1 |",
      "",
      '<table><tr><th scope="col">Navn</th></tr><tr><td>A</td></tr></table>',
      "",
      "## Næste afsnit",
      "",
    ].join("\n");
    expect(lint(good)).toEqual([]);
  });

  it("flags alt text that is a file name, on the line of the image, counting front matter", () => {
    const findings = lint(
      "---\norden: 2\n---\n# Kapitel\n\nTekst.\n\n![IMG_2041.jpg](IMG_2041.jpg)\n\n![graf](graf.png)\n",
    );
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ rule: "alt-filnavn", line: 8 });
    expect(findings[0].message).toContain("»IMG_2041.jpg«");
    expect(findings[0].message).toContain("WCAG 1.1.1");
    expect(findings[1]).toMatchObject({ rule: "alt-filnavn", line: 10 }); // "graf" is graf.png's name
    expect(lint("# K\n\n![DSC_0042](foto.jpg)\n")[0]?.rule).toBe("alt-filnavn");
  });

  it("flags empty links and vague link texts in Markdown and raw HTML", () => {
    const findings = lint(
      [
        "# K",
        "",
        "Se [](https://example.dk).",
        "",
        "Mere om emnet: [læs mere](https://example.dk/a).",
        "",
        "[Klik her!](https://example.dk/b)",
        "",
        '<p><a href="https://example.dk/c">her</a> og <a href="/d"></a></p>',
        "",
        "[Read more …](https://example.dk/e)",
        "",
      ].join("\n"),
    );
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ["tomt-link", 3],
      ["uklar-linktekst", 5],
      ["uklar-linktekst", 7],
      ["uklar-linktekst", 9],
      ["tomt-link", 9],
      ["uklar-linktekst", 11],
    ]);
    expect(findings[1].message).toContain("»læs mere«");
    expect(findings[1].fix).toContain("giver mening alene");
  });

  it("accepts a raw-HTML link named by aria-label", () => {
    expect(lint('# K\n\n<p><a href="/x" aria-label="Hele rapporten om kontrast">her</a></p>\n')).toEqual([]);
  });

  it("flags a skipped heading level; a chapter starts below its h1 title", () => {
    const findings = lint("# Kapitel\n\n### For dybt\n\n## Afsnit\n\n#### Også for dybt\n");
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ["overskrift-spring", 3],
      ["overskrift-spring", 7],
    ]);
    expect(findings[0].message).toContain("fra niveau 1 til niveau 3");
    expect(findings[0].fix).toContain("##");
  });

  it("flags skipped levels in raw HTML at the heading's own line", () => {
    const findings = lint("# Kapitel\n\nTekst.\n\n<div>\n<h2>Afsnit</h2>\n<h4>Dyb</h4>\n</div>\n");
    expect(findings.map((f) => [f.rule, f.line])).toEqual([["overskrift-spring", 7]]);
  });

  it("checks a publication's foreword below its h2 'Forord' and flags a # heading there", () => {
    const findings = lint(
      "---\ntitel: T\n---\nForord.\n\n# Titel igen\n\n### Under forordet\n\n##### For dybt\n",
      "intro",
    );
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ["flere-h1", 6],
      ["overskrift-spring", 10],
    ]);
  });

  it("flags a cover's alt text that is a file name, at its front-matter line", () => {
    const findings = lint(
      "---\ntitel: T\nforside:\n  billede: forside.png\n  alt: forside.png\n---\nForord.\n",
      "intro",
    );
    expect(findings).toEqual([expect.objectContaining({ rule: "alt-filnavn", line: 5 })]);
  });

  it("flags tables without a header row, in raw HTML (also split by blank lines) and in Markdown", () => {
    const findings = lint(
      [
        "# K",
        "",
        "<table>",
        "<tr><td>Nord</td><td>12</td></tr>",
        "",
        "<tr><td>Syd</td><td>7</td></tr>",
        "</table>",
        "",
        "|   |   |",
        "|---|---|",
        "| a | b |",
        "",
        '<table role="presentation"><tr><td>layout</td></tr></table>',
        "",
      ].join("\n"),
    );
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ["tabel-uden-overskrift", 3],
      ["tabel-uden-overskrift", 9],
    ]);
    expect(findings[0].fix).toContain("<th");
  });

  it("names the file and line in the model's problem format", () => {
    const [finding] = lintDocument({
      file: FILE,
      text: "# K\n\n[her](https://example.dk)\n",
      kind: "chapter",
      lang: "da",
    });
    expect(finding.file).toBe(FILE);
    expect(finding.line).toBe(3);
  });
});

describe("lint over a site", () => {
  it("lints every source file and leaves out the findings a page ignores, with the reason", async () => {
    const contentDir = fixtureContent({
      "publikationer/lille-publikation/03-links.md": [
        "---",
        "tilgaengelighed:",
        "  ignorer:",
        "    - regel: uklar-linktekst",
        "      begrundelse: Linket står i en liste, hvor overskriften forklarer det.",
        "---",
        "# Links",
        "",
        "[Læs mere](https://example.dk)",
        "",
        "[](https://example.dk/tom)",
        "",
      ].join("\n"),
      "sider/hjaelp.md": "---\ntitel: Hjælp\n---\n### Spring\n",
    });
    const site = await loadSite({ contentDir, imageCacheDir: path.join(testCacheDir(), "images") });
    const result = await lintSiteDetailed(site);
    expect(result.files).toBe(7); // 5 in the minimal fixture, and these two
    expect(result.problems.map((p) => [p.file, p.line, p.rule])).toEqual([
      ["content/publikationer/lille-publikation/03-links.md", 11, "tomt-link"],
      ["content/sider/hjaelp.md", 4, "overskrift-spring"],
    ]);
    expect(result.ignored).toEqual([
      expect.objectContaining({
        reason: "Linket står i en liste, hvor overskriften forklarer det.",
        finding: expect.objectContaining({ rule: "uklar-linktekst", line: 9 }),
      }),
    ]);
    expect((await lintSite(site)).length).toBe(2);
  });

  it("finds nothing in the sample content", async () => {
    const site = await loadSite({
      contentDir: path.resolve("content"),
      imageCacheDir: path.join(testCacheDir(), "images"),
      checkOnly: true,
    });
    expect(await lintSite(site)).toEqual([]);
  });
});

describe("rules and criteria", () => {
  it("matches an ignored rule by axe id, HTML_CodeSniffer code or part, WCAG criterion, or lint id", () => {
    const htmlcs = { code: "WCAG2AA.Principle1.Guideline1_4.1_4_3.G18.Fail", criterion: "1.4.3" };
    expect(ruleMatches("color-contrast", { code: "color-contrast", criterion: "1.4.3" })).toBe(true);
    expect(ruleMatches("1.4.3", htmlcs)).toBe(true);
    expect(ruleMatches("WCAG 1.4.3", htmlcs)).toBe(true);
    expect(ruleMatches("1_4_3.G18", htmlcs)).toBe(true);
    expect(ruleMatches(htmlcs.code, htmlcs)).toBe(true);
    expect(ruleMatches("G1", htmlcs)).toBe(false);
    expect(ruleMatches("1.4.1", htmlcs)).toBe(false);
    expect(ruleMatches("uklar-linktekst", { code: "uklar-linktekst", criterion: "2.4.4" })).toBe(true);
  });

  it("reads the WCAG criterion from HTML_CodeSniffer codes and axe-core's rule tags", () => {
    expect(criterionOf("htmlcs", "WCAG2AA.Principle1.Guideline1_4.1_4_3.G18.Fail")).toBe("1.4.3");
    expect(criterionOf("htmlcs", "WCAG2AA.Principle1.Guideline1_4.1_4_10.C32,C31")).toBe("1.4.10");
    expect(criterionOf("axe", "color-contrast")).toBe("1.4.3");
    expect(criterionOf("axe", "label")).toBe("4.1.2");
    expect(criterionOf("axe", "region")).toBeUndefined(); // best practice, not WCAG
  });
});
