/**
 * The EPUB's accessibility summary says only what the book contains: each sentence about images,
 * figures, tables and notes is there when, and only when, every one of them in the book has what
 * the sentence promises. A table without a caption takes the "title and column headers" sentence
 * away (the build goes on: a caption is not required by WCAG, and the gate only warns about it).
 * Books are assembled from the model of a fixture (no build, no Chromium).
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { strFromU8 } from "fflate";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { contentFacts } from "../../src/epub/metadata.ts";
import { epubEntries } from "../../src/epub/package.ts";
import { loadSite, type Site } from "../../src/model/index.ts";
import { fixtureContent } from "../helpers.ts";

const front = (title: string, lang = "da") =>
  `---\ntitel: ${title}\nresume: Til testen.\ndato: 2026-10-01\nhus: styrelsen\nsprog: ${lang}\n---\n`;
const TABLE = "| Område | Antal |\n|---|---:|\n| Nord | 12 |\n";
const publication = (slug: string, chapter: string, lang = "da") => ({
  [`publikationer/${slug}/index.md`]: front(slug, lang),
  [`publikationer/${slug}/01-kapitel.md`]: `# Kapitel\n\n${chapter}\n`,
});

let site: Site;

beforeAll(async () => {
  const png = await sharp({ create: { width: 320, height: 160, channels: 3, background: { r: 20, g: 60, b: 140 } } })
    .png()
    .toBuffer();
  const contentDir = fixtureContent({
    ...publication("ren-tekst", "Kun tekst, uden tabeller, billeder eller noter."),
    ...publication("tabel-uden-titel", `Tallene:\n\n${TABLE}`),
    ...publication("tabel-med-titel", `Tabel: Antal pr. område\n\n${TABLE}`),
    ...publication("tabeller-blandet", `Tabel: Den første\n\n${TABLE}\nEn tabel mere:\n\n${TABLE}`),
    ...publication("figur-med-tekst", "![Søjlediagram over antal.](diagram.png)\n*Figur 1: Antal.*"),
    "publikationer/figur-med-tekst/diagram.png": png,
    ...publication("figur-uden-tekst", "![Søjlediagram over antal.](diagram.png)"),
    "publikationer/figur-uden-tekst/diagram.png": png,
    ...publication("noter", "Tekst med en note.[^1]\n\n[^1]: Noten."),
    ...publication("table-without-caption", `The numbers:\n\n${TABLE}`, "en"),
  });
  site = await loadSite({
    contentDir,
    imageCacheDir: path.join(mkdtempSync(path.join(os.tmpdir(), "udgiv-claims-")), "images"),
  });
});

function summaryOf(slug: string): string {
  const publication = site.publications.find((p) => p.slug === slug)!;
  const house = site.info.houses.find((h) => h.id === publication.house)!;
  const imageFiles = new Map(site.imageFiles.map((file) => [path.basename(file), file]));
  const entries = epubEntries({
    publication,
    house,
    baseUrl: site.info.baseUrl,
    siteRoot: site.info.baseUrl,
    imageFiles,
  });
  const opf = strFromU8(entries.find((e) => e.name === "EPUB/package.opf")!.data);
  return /<meta property="schema:accessibilitySummary">([^<]*)<\/meta>/.exec(opf)![1];
}

describe("the EPUB accessibility summary", () => {
  it("says nothing about images, figures, tables or notes a book does not have", () => {
    const summary = summaryOf("ren-tekst");
    expect(summary).toContain("Denne EPUB opfylder");
    expect(summary).not.toMatch(/billede|figur|[Tt]abeller|[Nn]oter/);
  });

  it("drops the table title sentence when a table has no caption, and keeps what is still true", () => {
    expect(summaryOf("tabel-uden-titel")).not.toContain("Tabeller har en titel");
    expect(summaryOf("tabel-uden-titel")).toContain("Tabeller har kolonneoverskrifter.");
    expect(summaryOf("tabeller-blandet")).not.toContain("Tabeller har en titel");
    expect(summaryOf("tabel-med-titel")).toContain("Tabeller har en titel og kolonneoverskrifter.");
    expect(summaryOf("table-without-caption")).not.toContain("caption");
    expect(summaryOf("table-without-caption")).toContain("Tables have column headers.");
  });

  it("promises figure captions only when every figure has one", () => {
    expect(summaryOf("figur-med-tekst")).toContain(
      "Alle billeder har en alternativ tekst, og figurer har billedtekster.",
    );
    expect(summaryOf("figur-uden-tekst")).toContain("Alle billeder har en alternativ tekst.");
    expect(summaryOf("figur-uden-tekst")).not.toContain("billedtekster");
  });

  it("mentions linked notes only in a book with notes", () => {
    expect(summaryOf("noter")).toContain("Noter er forbundet med teksten med links begge veje.");
    expect(summaryOf("tabel-med-titel")).not.toContain("Noter");
  });
});

describe("contentFacts", () => {
  it("reads what every table, figure, image and note has", () => {
    const table = (caption: boolean) =>
      `<table>${caption ? "<caption>T</caption>" : ""}<thead><tr><th scope="col">A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>`;
    const note = (back: boolean) =>
      `<aside epub:type="footnote"><p>N. ${back ? `<a href="#r1" role="doc-backlink">↩</a>` : ""}</p></aside>`;
    expect(contentFacts([table(true), table(true)]).tables).toBe("captions-and-headers");
    expect(contentFacts([table(true), table(false)]).tables).toBe("headers");
    expect(contentFacts([`<table><tr><td>1</td></tr></table>`]).tables).toBe("none");
    expect(contentFacts([`<p>no tables</p>`]).tables).toBe("none");
    expect(contentFacts([`<figure><img src="a.png" alt="A"/><figcaption>F</figcaption></figure>`])).toMatchObject({
      images: true,
      imagesHaveAlt: true,
      captionedFigures: true,
    });
    expect(
      contentFacts([
        `<figure><img src="a.png" alt="A"/></figure>`,
        `<figure><img src="b.png" alt=""/><figcaption>F</figcaption></figure>`,
      ]),
    ).toMatchObject({ images: true, imagesHaveAlt: true, captionedFigures: false });
    expect(contentFacts([`<img src="a.png"/>`])).toMatchObject({ images: true, imagesHaveAlt: false });
    expect(contentFacts([note(true), note(true)]).linkedNotes).toBe(true);
    expect(contentFacts([note(true), note(false)]).linkedNotes).toBe(false);
  });
});
