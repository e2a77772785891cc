/**
 * Contributor roles read the same on the publication's page, in its EPUB and in its PDF, in the
 * publication's language: an English publication never shows the Danish role names of its front
 * matter, and a Danish illustrator is "Illustrator" everywhere (the EPUB once said "Illustrationer").
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as cheerio from "cheerio";
import { beforeAll, describe, expect, it } from "vitest";
import { openBook } from "../epub/tools.ts";
import { fixtureContent, readOutput, runBuild, type BuildRun } from "../helpers.ts";

const publication = (fields: string) => `---\n${fields}\ndato: 2026-11-27\nhus: styrelsen\n---\nA short foreword.\n`;
const FILES = {
  "publikationer/roles-en/index.md": publication(
    [
      "titel: Roles in English",
      "resume: An English publication with an editor and two illustrators.",
      "sprog: en",
      "forfattere:",
      "  - { navn: Alice Author, rolle: forfatter }",
      "  - { navn: Eddie Editor, rolle: redaktør }",
      "  - { navn: Ivy One, rolle: illustrator }",
      "  - { navn: Ian Two, rolle: illustrator }",
    ].join("\n"),
  ),
  "publikationer/roles-en/01-introduction.md": "# Introduction\n\nThe cat sat on the mat.\n",
  "publikationer/roller/index.md": publication(
    [
      "titel: Roller på dansk",
      "resume: En dansk publikation med en illustrator og to fotografer.",
      "forfattere:",
      "  - { navn: Anna Skriver, rolle: forfatter }",
      "  - { navn: Ida Tegner, rolle: illustrator }",
      "  - { navn: Frank Foto, rolle: fotograf }",
      "  - { navn: Fie Foto, rolle: fotograf }",
    ].join("\n"),
  ),
  "publikationer/roller/01-indledning.md": "# Indledning\n\nKatten sad på måtten.\n",
};

const EXPECTED: Record<string, [string, string][]> = {
  "roles-en": [
    ["Author", "Alice Author"],
    ["Editor", "Eddie Editor"],
    ["Illustrators", "Ivy One and Ian Two"],
  ],
  roller: [
    ["Forfatter", "Anna Skriver"],
    ["Illustrator", "Ida Tegner"],
    ["Fotografer", "Frank Foto og Fie Foto"],
  ],
};

/** The term–description pairs of a description list. */
function pairs($: cheerio.CheerioAPI, list: string): [string, string][] {
  return $(list)
    .find("dt")
    .toArray()
    .map((dt) => [$(dt).text().trim(), $(dt).next("dd").text().trim()] as [string, string]);
}

function pdfText(file: string): string {
  const copy = path.join(mkdtempSync(path.join(os.tmpdir(), "udgiv-roles-")), "x.pdf");
  writeFileSync(copy, readFileSync(file));
  return execFileSync("pdftotext", ["-enc", "UTF-8", copy, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

let run: BuildRun;

beforeAll(async () => {
  run = await runBuild({ contentDir: fixtureContent(FILES), skip: ["search", "links", "gate"] });
});

describe("contributor roles", () => {
  it("the build passes", () => {
    expect(run.code, run.stdout + run.stderr).toBe(0);
  });

  for (const [slug, expected] of Object.entries(EXPECTED)) {
    describe(slug, () => {
      it("the page lists each role with its label in the publication's language", () => {
        const $ = cheerio.load(readOutput(run.outDir, `/publikationer/${slug}/`));
        expect(pairs($, "dl.facts").filter(([term]) => expected.some(([label]) => label === term))).toEqual(expected);
        // Not the raw value of the front matter, in brackets after the name, as the page once had it.
        expect($("dl.facts").text()).not.toMatch(/\((forfatter|redaktør|bidragyder|illustrator|fotograf)\)/);
        if (slug === "roles-en") expect($("dl.facts").text()).not.toMatch(/forfatter|redaktør|fotograf/i);
      });

      it("the EPUB's colophon uses the same labels", () => {
        const book = openBook(path.join(run.outDir, "publikationer", slug, `${slug}.epub`));
        const colophon = book.xml(book.resolve(book.opfPath, "colophon.xhtml"));
        expect(pairs(colophon, "dl").slice(0, expected.length)).toEqual(expected);
      });

      it("the PDF's colophon uses the same labels", () => {
        const text = pdfText(path.join(run.outDir, "publikationer", slug, `${slug}.pdf`));
        for (const [label, names] of expected) expect(text).toContain(` ${label} ${names} `);
        expect(text).not.toMatch(/Illustrationer|Illustrations|Fotos\b/);
      });
    });
  }
});
