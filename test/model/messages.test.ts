/**
 * Issue 13, point 7: messages an editor could not act on. Each now says what is wrong, where, and
 * how to fix it: a missing date with its format, YAML errors at the line of the mistake, a string
 * where a list belongs, "mente du …?" for English and misspelt fields, the houses for a missing
 * hus, no JavaScript front matter, what a baseUrl looks like, and EPUBCheck's findings in Danish,
 * naming the image file they are about.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describeFinding } from "../../src/epub/validate.ts";
import type { ImageAsset, Publication } from "../../src/model/types.ts";
import { suggestField } from "../../src/model/schema.ts";
import { snapshot, type FileState } from "../pipeline/tree.ts";
import { fixtureContent } from "../helpers.ts";
import { runScript, type ScriptRun } from "../tooling/run.ts";

const PUB = "publikationer/lille-publikation";
const news = (fields: string) => `---\n${fields}\n---\nTekst.\n`;

describe("front matter messages say how to fix (npm run check)", () => {
  let content: string;
  let before: Map<string, FileState>;
  let result: ScriptRun;

  beforeAll(async () => {
    content = fixtureContent({
      "nyheder/2026-11-20-en-nyhed.md": news("titel: En nyhed\nhus: kontoret\nresume: Kort."),
      "nyheder/2026-11-21-engelsk.md": news("title: English\ndate: 2026-11-21\nsummary: Short.\nhuus: kontoret"),
      "nyheder/2026-11-22-stavefejl.md": news(
        "tittel: Stavefejl\ndato: 2026-11-22\nhus: kontoret\nresumé: Kort.\nemne: [test]",
      ),
      "nyheder/2026-11-23-uden-hus.md": news("titel: Uden hus\ndato: 2026-11-23\nresume: Kort."),
      "nyheder/2026-11-24-liste.md": news(
        "titel: Liste\ndato: 2026-11-24\nhus: kontoret\nresume: Kort.\nemner: [statistik, velfærd",
      ),
      "sider/om.md": '---\ntitel: "Om os\nresume: Kort\nsprog: da\n---\nTekst.\n',
      "sider/js.md": '---js\n{ titel: "Om", eleventyComputed: { x: () => process.exit(9) } }\n---\nTekst.\n',
      "sider/javascript.md": '---javascript\nmodule.exports = { titel: "Om" };\n---\nTekst.\n',
      "sider/json.md": '---json\n{ "titel": "Om" }\n---\nTekst.\n',
      [`${PUB}/index.md`]:
        "---\ntitel: En lille publikation\nresume: Kort.\ndato: 2026-11-27\nhus: styrelsen\nemner: kommunikation, strategi\n---\nForord.\n",
    });
    before = snapshot(content);
    result = await runScript("check", ["--content", content]);
  });

  it("exits 1 with a list and no stack trace", () => {
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).not.toMatch(/^\s+at |Invalid input/m);
  });

  it("a missing dato says it is missing and shows the format", () => {
    expect(result.stderr).toContain(
      "content/nyheder/2026-11-20-en-nyhed.md:2: dato: mangler. Tilføj feltet dato: i front matter med datoen som ÅÅÅÅ-MM-DD, fx dato: 2026-12-01",
    );
  });

  it("an unclosed quote is reported at its line, not at the closing ---", () => {
    expect(result.stderr).toContain(
      'content/sider/om.md:2: front matter er ikke gyldig YAML (anførselstegnet " åbnes her, men lukkes aldrig). Afslut teksten med " på samme linje',
    );
    expect(result.stderr).toContain(
      "content/nyheder/2026-11-24-liste.md:6: front matter er ikke gyldig YAML ([ åbnes her, men lukkes aldrig med ])",
    );
  });

  it("a string where a list belongs says so, with the list written out", () => {
    expect(result.stderr).toContain(
      `content/${PUB}/index.md:6: emner: skal være en liste. Sæt firkantede parenteser om: emner: [kommunikation, strategi]`,
    );
  });

  it("English and misspelt keys get »mente du«, and the field they meant is not also called missing", () => {
    const file = "content/nyheder/2026-11-21-engelsk.md";
    expect(result.stderr).toContain(
      `${file}:2: title: er ikke et kendt felt. Mente du titel? Skriv titel: i stedet for title:`,
    );
    expect(result.stderr).toContain(`${file}:3: date: er ikke et kendt felt. Mente du dato?`);
    expect(result.stderr).toContain(`${file}:4: summary: er ikke et kendt felt. Mente du resume?`);
    expect(result.stderr).toContain(`${file}:5: huus: er ikke et kendt felt. Mente du hus?`);
    expect(result.stderr).not.toMatch(/2026-11-21-engelsk\.md:\d+: (titel|dato|resume|hus): mangler/);
    const typo = "content/nyheder/2026-11-22-stavefejl.md";
    expect(result.stderr).toContain(`${typo}:2: tittel: er ikke et kendt felt. Mente du titel?`);
    expect(result.stderr).toContain(`${typo}:5: resumé: er ikke et kendt felt. Mente du resume?`);
    expect(result.stderr).toContain(`${typo}:6: emne: er ikke et kendt felt. Mente du emner?`);
  });

  it("a missing hus lists the houses", () => {
    expect(result.stderr).toContain(
      "content/nyheder/2026-11-23-uden-hus.md:2: hus: mangler. Tilføj hus: med et af husene fra content/_data/site.json: styrelsen, kontoret",
    );
  });

  it("JavaScript (or JSON) front matter is refused, never run", () => {
    expect(result.stderr).toContain(
      "content/sider/js.md:1: JavaScript i front matter understøttes ikke. Skriv felterne som YAML mellem to linjer med kun ---",
    );
    expect(result.stderr).toContain("content/sider/javascript.md:1: JavaScript i front matter understøttes ikke");
    expect(result.stderr).toContain("content/sider/json.md:1: front matter i json understøttes ikke, kun YAML");
    expect(result.stderr).not.toMatch(/sider\/js\.md:\d+: titel: mangler/);
  });

  it("content/ is unchanged", () => {
    expect(snapshot(content)).toEqual(before);
  });
});

describe("site.json: a baseUrl that is not a web address", () => {
  let result: ScriptRun;
  let relative: ScriptRun;

  beforeAll(async () => {
    const withBaseUrl = (baseUrl: string) => {
      const content = fixtureContent();
      const file = path.join(content, "_data/site.json");
      writeFileSync(file, readFileSync(file, "utf8").replace('"https://test.example.dk"', JSON.stringify(baseUrl)));
      return content;
    };
    [result, relative] = await Promise.all([
      runScript("check", ["--content", withBaseUrl("javascript:alert(1)")]),
      runScript("check", ["--content", withBaseUrl("//udgiv.example.dk")]),
    ]);
  });

  it("says what a baseUrl must look like", () => {
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(
      'content/_data/site.json:1: baseUrl: skal være sitets offentlige adresse, og den skal begynde med https://. Skriv fx "baseUrl": "https://udgiv.example.dk"',
    );
    expect(result.stderr).not.toContain("null");
    expect(relative.code).toBe(1);
    expect(relative.stderr).toContain("baseUrl: skal være sitets offentlige adresse");
  });
});

describe("»mente du …?«", () => {
  const known = ["titel", "undertitel", "resume", "dato", "opdateret", "hus", "emner", "maalgruppe", "forside"];
  it("knows English names and close spellings, and stays quiet otherwise", () => {
    expect(suggestField("title", known)).toBe("titel");
    expect(suggestField("Date", known)).toBe("dato");
    expect(suggestField("målgruppe", known)).toBe("maalgruppe");
    expect(suggestField("undertitl", known)).toBe("undertitel");
    expect(suggestField("huus", known)).toBe("hus");
    expect(suggestField("forord", known)).toBeUndefined();
    expect(suggestField("x", known)).toBeUndefined();
  });
});

describe("EPUBCheck findings name the editor's file, in Danish", () => {
  const asset = (source: string, fallbackFile: string) => ({ source, fallbackFile }) as ImageAsset;
  const publication = {
    sourcePath: "content/publikationer/p/index.md",
    cover: asset("content/publikationer/p/forside.png", "/cache/img/Cover-960.png"),
    chapters: [
      {
        slug: "figur",
        sourcePath: "content/publikationer/p/01-figur.md",
        images: [asset("content/publikationer/p/diagram.svg", "/cache/img/Fjby7LRraJ-200.svg")],
      },
    ],
  } as unknown as Publication;

  it("an SVG's finding names the SVG and the chapter using it, not index.md", () => {
    const text = describeFinding(publication, {
      severity: "ERROR",
      id: "RSC-005",
      path: "EPUB/images/Fjby7LRraJ-200.svg",
      line: 1,
      message:
        'Error while parsing file: element "blink" not allowed here; expected the element end-tag, element "a", "altGlyphDef"',
    });
    expect(text).toBe(
      "content/publikationer/p/diagram.svg (brugt i content/publikationer/p/01-figur.md): filen følger ikke reglerne for EPUB: et element, en egenskab eller en værdi er ikke tilladt her " +
        '(EPUBCheck RSC-005 i EPUB/images/Fjby7LRraJ-200.svg, linje 1: Error while parsing file: element "blink" not allowed here)',
    );
  });

  it("a chapter's finding names the chapter; the cover names the cover; an unknown id keeps EPUBCheck's text", () => {
    expect(
      describeFinding(publication, {
        severity: "ERROR",
        id: "RSC-012",
        path: "EPUB/chapters/figur.xhtml",
        line: 9,
        message: "Fragment identifier is not defined.",
      }),
    ).toBe(
      "content/publikationer/p/01-figur.md: filen linker til et anker (#…), der ikke findes (EPUBCheck RSC-012 i EPUB/chapters/figur.xhtml, linje 9: Fragment identifier is not defined.)",
    );
    expect(
      describeFinding(publication, {
        severity: "WARNING",
        id: "PKG-022",
        path: "EPUB/images/Cover-960.png",
        message: "Wrong file extension for image.",
      }),
    ).toMatch(
      /^content\/publikationer\/p\/forside\.png \(brugt i content\/publikationer\/p\/index\.md\): billedfilen har en forkert filendelse/,
    );
    expect(describeFinding(publication, { severity: "ERROR", id: "XYZ-999", message: "Something new." })).toBe(
      "content/publikationer/p/index.md: Something new. (EPUBCheck XYZ-999)",
    );
  });
});
