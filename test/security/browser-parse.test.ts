/**
 * Raw HTML is read as a browser reads it (parse5): comment and CDATA forms that htmlparser2 ran on to
 * `-->` / `]]>` end where a browser ends them, so what follows is checked; a piece is checked where it
 * stands in the whole rendered page, so an unclosed tag, attribute value or comment cannot swallow
 * the Markdown after it unseen; and what is published is parse5's re-serialisation, not the editor's
 * bytes. A hostile build exits 1 with a Danish message naming file and line, `npm run check` says the
 * same, and neither `content/` nor the previous `_site/` is touched.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseMarkdown } from "../../src/markdown/index.ts";
import { checkRenderedHtml, renderCheckedHtml } from "../../src/security/fragment.ts";
import { findUnsafeHtml } from "../../src/security/raw-html.ts";
import { inlineCodeIn } from "../../src/security/stage.ts";
import { differences, snapshot, type FileState } from "../pipeline/tree.ts";
import { fixtureContent, readOutput, runBuild, type BuildRun } from "../helpers.ts";
import { runCheck } from "../tooling/run.ts";

const REFRESH = '<meta http-equiv="refresh" content="1;url=https://evil.example/phish">';

/** Comment-like forms a browser ends at the first `>` (or at `--!>`), each followed by a payload. */
const BOGUS_COMMENTS = [
  `<![CDATA[>${REFRESH}]]>`,
  `<![CDATA[ x ]]><!-- -->${REFRESH}`,
  `<!-- x --!>${REFRESH} -->`,
  `<!-->${REFRESH}-->`,
  `<!--->${REFRESH}-->`,
  `<?x>${REFRESH}?>`,
  `<!x>${REFRESH}`,
  `</ x>${REFRESH}`,
  `</3>${REFRESH}`,
  `<!DOCTYPE x>${REFRESH}`,
];

const render = (markdown: string) => renderCheckedHtml(parseMarkdown(markdown, { lang: "da" }), {});

describe("raw HTML is parsed as a browser parses it", () => {
  it("sees what follows a bogus comment, an abruptly closed comment or a CDATA section", () => {
    for (const html of BOGUS_COMMENTS) expect(findUnsafeHtml(html)?.reason, html).toBe("et <meta>-element");
    expect(findUnsafeHtml("<!-- x --!><script>alert(1)</script>")?.reason).toBe("et <script>-element");
    expect(findUnsafeHtml("<![CDATA[><img src=x onerror=alert(1)>]]>")?.reason).toBe("et <img>-element");
    // Still fine: a real comment, and markup that only looks odd.
    expect(findUnsafeHtml("<!-- en kommentar med <script> og --> indeni -->")).toBeUndefined();
  });

  it("checks each piece where it stands: an unclosed attribute value, comment or tag cannot swallow what follows", () => {
    // The title's quote is closed by the first quote in the Markdown output after it: in a browser the
    // link's address becomes attributes of the <div>. Alone, every piece here is harmless.
    const attribute = render('<div title="\n\nEt afsnit med [et link](https://example.dk/a).\n\nMere.\n\n</div>\n');
    expect(attribute.problems.map((p) => [p.line, p.message])).toEqual([
      [1, expect.stringContaining("HTML-koden afsluttes ikke")],
    ]);
    for (const piece of ['<div title="\n', "</div>\n"]) expect(findUnsafeHtml(piece)).toBeUndefined();

    // A quote in a later piece closes the value, and what follows it in that piece becomes attributes.
    const smuggled = render(
      '<div title="\n\nTekst.\n\n<span title=\'" onclick="alert(1)\' >x</span> og [link](https://example.dk/).\n',
    );
    expect(smuggled.problems.map((p) => [p.line, p.message])).toEqual([
      [1, expect.stringContaining("HTML-koden afsluttes ikke")],
    ]);

    for (const [markdown, line] of [
      ["Før.\n\n<!-- en kommentar, der ikke lukkes\n\nEfter.\n", 3],
      ["Før.\n\n<div>\n</\n\nEfter *her*.\n", 3],
      ["Før.\n\n<div>\n<span\n\nEfter.\n", 3],
    ] as const) {
      const { problems } = render(markdown);
      expect(
        problems.map((p) => p.line),
        markdown,
      ).toContain(line);
      expect(problems.find((p) => p.line === line)?.message, markdown).toMatch(/afsluttes ikke|indeholder/);
    }
  });

  it("checks table cells that only become cells in context", () => {
    const { problems } = render('<table>\n\n<tr><td onclick="alert(1)">1</td></tr>\n\n</table>\n');
    expect(problems.map((p) => p.message)).toContain(
      "HTML-koden indeholder en hændelse (on…-attribut) med JavaScript, som ikke er tilladt",
    );
  });

  it("holds the renderer's own markup to what it may write", () => {
    const mark = "m";
    const { problems } = checkRenderedHtml('<p>Tekst</p><script>alert(1)</script><p onclick="x">y</p>', mark, []);
    expect(problems.map((p) => p.message)).toEqual([
      "den færdige side ville indeholde et <script>-element, som ikke er tilladt",
    ]);
  });

  it("publishes parse5's serialisation, without the markers", () => {
    const { html, problems } = render(
      "Der står <abbr title=Velfærdsstatistik>VS</abbr> og <kbd>Ctrl</kbd>.\n\n<details open>\n<summary>Mere</summary>\n\nTekst &amp; mere.\n\n</details>\n\n<!-- note -->\n",
    );
    expect(problems).toEqual([]);
    expect(html).toBe(
      '<p>Der står <abbr title="Velfærdsstatistik">VS</abbr> og <kbd>Ctrl</kbd>.</p>\n<details open="">\n<summary>Mere</summary>\n<p>Tekst &amp; mere.</p>\n</details>\n<!-- note -->\n',
    );
    expect(html).not.toContain("udgiv-");
    // A bogus comment is published as the comment the browser would make of it.
    expect(render("<![CDATA[ x ]]>\n").html).toBe("<!--[CDATA[ x ]]-->\n");
  });

  it("the security stage reads built pages as a browser does", () => {
    expect(inlineCodeIn("<!doctype html><p>x</p><!-- a --!><script>alert(1)</script>")).toEqual([
      "et <script> med kode i siden (uden src=)",
    ]);
    expect(inlineCodeIn("<!doctype html><p><![CDATA[><img src=x onerror=alert(1)>]]></p>")).toEqual([
      "onerror= på <img>",
    ]);
    expect(inlineCodeIn('<!doctype html><svg><a xlink:href="javascript:alert(1)">x</a></svg>')).toEqual([
      "et javascript:-link på <a>",
    ]);
  });
});

describe("a build with raw HTML that only a browser's parser reads right", () => {
  const QUICK = ["epub", "pdf", "search", "links", "gate"];
  const pub = "publikationer/lille-publikation";
  const files: Record<string, string> = {
    // The case from the issue, verbatim.
    "sider/om.md": `---\ntitel: Om\n---\nOm sitet.\n\n<![CDATA[>${REFRESH}]]>\n`,
    "nyheder/2026-11-22-kommentar.md": `---\ntitel: Kommentar\nresume: En nyhed.\ndato: 2026-11-22\nhus: styrelsen\n---\nTekst.\n\n<!-- skjult --!>${REFRESH}\n`,
    [`${pub}/03-pi.md`]: "# Pi\n\nTekst.\n\n<?php echo 1; ?><script>alert(1)</script>\n",
    [`${pub}/04-kontekst.md`]:
      '# Kontekst\n\n<div title="\n\nEt afsnit med [et link](https://example.dk/a).\n\nMere tekst.\n',
    [`${pub}/05-tom.md`]: "# Tom\n\n<!--> <img src=x onerror=alert(1)>\n\nMere.\n",
  };
  let outDir: string;
  let before: Map<string, FileState>;
  let contentDir: string;
  let contentBefore: Map<string, FileState>;
  let hostile: BuildRun;
  let checked: { code: number; out: string };

  beforeAll(async () => {
    outDir = path.join(mkdtempSync(path.join(os.tmpdir(), "udgiv-parse5-")), "_site");
    const good = await runBuild({ contentDir: fixtureContent(), outDir, skip: QUICK });
    expect(good.code, good.stderr).toBe(0);
    before = snapshot(outDir);
    contentDir = fixtureContent(files);
    contentBefore = snapshot(contentDir);
    hostile = await runBuild({ contentDir, outDir, skip: QUICK });
    checked = await runCheck(contentDir);
  });

  it("fails with exit code 1 and a Danish message naming each file and line", () => {
    expect(hostile.code).toBe(1);
    const out = hostile.stderr;
    expect(out).toContain("content/sider/om.md:6: HTML-koden indeholder et <meta>-element, som ikke er tilladt");
    expect(out).toContain(
      "content/nyheder/2026-11-22-kommentar.md:9: HTML-koden indeholder et <meta>-element, som ikke er tilladt",
    );
    expect(out).toContain(`content/${pub}/03-pi.md:5: HTML-koden indeholder et <script>-element, som ikke er tilladt`);
    expect(out).toContain(`content/${pub}/04-kontekst.md:3: HTML-koden`);
    expect(out).toContain(`content/${pub}/05-tom.md:3: HTML-koden indeholder et <img>-element, som ikke er tilladt`);
    expect(out).not.toMatch(/\n\s+at /);
  });

  it("is refused by npm run check too, with the same messages", () => {
    expect(checked.code).toBe(1);
    expect(checked.out).toContain(
      "content/sider/om.md:6: HTML-koden indeholder et <meta>-element, som ikke er tilladt",
    );
    expect(checked.out).toContain(`content/${pub}/04-kontekst.md:3: HTML-koden`);
  });

  it("leaves content/ and the previous _site/ untouched", () => {
    expect(differences(contentBefore, snapshot(contentDir))).toEqual([]);
    expect(differences(before, snapshot(outDir))).toEqual([]);
    expect(readOutput(outDir, "/om/")).not.toContain("evil.example");
  });
});
