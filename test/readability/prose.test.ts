import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import footnote from "markdown-it-footnote";
import { describe, expect, it } from "vitest";
import { extractProse, measureBlocks, type ProseBlock } from "../../src/readability/index.ts";

const md = new MarkdownIt({ html: true, linkify: true }).use(footnote);
const prose = (src: string): ProseBlock[] => extractProse(md.parse(src, {}));

// Line numbers in the comments on the right are the 1-based source lines.
const chapter = [
  "# Overskrift på kapitlet", //                                           1
  "", //                                                                   2
  "Læs [vejledningen om regler](https://example.com/regler) nu[^1].", //    3
  "Kør `npm run build` først.", //                                         4
  "", //                                                                   5
  "```ts", //                                                              6
  "const kode = 'ikke prosa';", //                                         7
  "```", //                                                                8
  "", //                                                                   9
  "    indrykket kode", //                                                 10
  "", //                                                                   11
  "Tabel: Tal fordelt på år", //                                           12
  "", //                                                                   13
  "| År | Antal |", //                                                     14
  "|---|---|", //                                                          15
  "| 2024 | 12 |", //                                                     16
  "", //                                                                   17
  "![Diagram over antal ansøgninger](figur.png)", //                      18
  "*Figur 1: Antal ansøgninger fordelt på år.*", //                       19
  "", //                                                                   20
  "![Foto af et kontor](foto.jpg)", //                                     21
  "", //                                                                   22
  "*Figur 2: Et kontor i Aarhus.*", //                                    23
  "", //                                                                   24
  '<div class="boks">HTML-blok</div>', //                                25
  "", //                                                                   26
  "> Et citat i en blokcitering.", //                                      27
  "", //                                                                   28
  "- Første punkt", //                                                     29
  "- Andet punkt", //                                                      30
  "  fortsætter her", //                                                   31
  "", //                                                                   32
  "Se <https://example.com/autolink> eller https://www.borger.dk/kontakt i dag.", // 33
  "", //                                                                   34
  "## Underoverskrift", //                                                 35
  "", //                                                                   36
  "Sidste afsnit med *fremhævet* og **fed** tekst.", //                    37
  "", //                                                                   38
  "[^1]: Fodnoten skal ikke tælle med.", //                                39
].join("\n");

describe("extractProse", () => {
  const blocks = prose(chapter);

  it("keeps paragraphs, block quotes and list items with their lines", () => {
    expect(blocks).toEqual([
      { text: "Læs vejledningen om regler nu.\nKør  først.", line: 3 },
      { text: "Et citat i en blokcitering.", line: 27 },
      { text: "Første punkt", line: 29 },
      { text: "Andet punkt\nfortsætter her", line: 30 },
      { text: "Se  eller  i dag.", line: 33 },
      { text: "Sidste afsnit med fremhævet og fed tekst.", line: 37 },
    ]);
  });

  it("leaves out headings, code, tables and their captions, figures and their captions, HTML and footnotes", () => {
    const all = blocks.map((b) => b.text).join(" ");
    for (const excluded of [
      "Overskrift på kapitlet", // heading
      "Underoverskrift", // heading
      "npm run build", // inline code
      "ikke prosa", // fence
      "indrykket kode", // indented code
      "Tabel", // table caption
      "Antal", // table
      "Diagram", // image alt text
      "Figur 1", // caption in the figure paragraph
      "Figur 2", // caption paragraph right after the figure
      "HTML-blok", // HTML block
      "Fodnoten", // footnote definition
      "[^1]", // footnote reference
      "example.com", // link URL, autolink
      "borger.dk", // linkified URL
    ]) {
      expect(all).not.toContain(excluded);
    }
  });

  it("keeps an emphasised paragraph that does not follow a figure", () => {
    expect(prose("Et afsnit.\n\n*Hele dette afsnit er fremhævet.*")).toEqual([
      { text: "Et afsnit.", line: 1 },
      { text: "Hele dette afsnit er fremhævet.", line: 3 },
    ]);
  });

  it("keeps a paragraph that starts with text and contains an inline image, without the image", () => {
    expect(prose("Klik på ![ikonet](ikon.png) for at gemme.")).toEqual([{ text: "Klik på  for at gemme.", line: 1 }]);
  });

  it("keeps a paragraph starting with 'Tabel' when no table follows", () => {
    expect(prose("Tabel: se nedenfor.\n\nMere tekst.")).toHaveLength(2);
  });

  it("accepts tokens typed with @types/markdown-it's Token", () => {
    const tokens = md.parse("Et afsnit.", {}) as unknown as Token[];
    expect(extractProse(tokens)).toEqual([{ text: "Et afsnit.", line: 1 }]);
  });
});

describe("extractProse + measureBlocks", () => {
  it("measures a chapter's prose only", () => {
    const r = measureBlocks(prose(chapter), "da");
    // Læs vejledningen(12) om regler nu                  = 5 words, 1 long  (line 3)
    // Kør først                                          = 2 words          (line 4)
    // Et citat i en blokcitering(12)                     = 5 words, 1 long  (line 27)
    // Første punkt                                       = 2 words          (line 29)
    // Andet punkt fortsætter(10) her                     = 4 words, 1 long  (line 30)
    // Se eller i dag                                     = 4 words          (line 33)
    // Sidste afsnit med fremhævet(9) og fed tekst        = 7 words, 1 long  (line 37)
    // 29 words, 7 sentences, 4 long: 29/7 + 400/29 = 4.14 + 13.79 = 17.93
    expect({ words: r.words, sentences: r.sentences, longWords: r.longWords }).toEqual({
      words: 29,
      sentences: 7,
      longWords: 4,
    });
    expect(Math.abs(r.lix - 17.9)).toBeLessThanOrEqual(0.5);
    expect(r.longestSentences).toEqual([
      { text: "Sidste afsnit med fremhævet og fed tekst.", line: 37, words: 7 },
      { text: "Læs vejledningen om regler nu.", line: 3, words: 5 },
      { text: "Et citat i en blokcitering.", line: 27, words: 5 },
    ]);
  });

  it("counts list items without full stops as sentences", () => {
    const src = "Husk disse ting:\n\n- Pas\n- Kørekort\n- Sygesikringskort\n";
    const r = measureBlocks(prose(src), "da");
    // Husk disse ting | Pas | Kørekort(8) | Sygesikringskort(16)
    // 6 words, 4 sentences, 2 long: 6/4 + 200/6 = 1.5 + 33.33 = 34.83
    // (as one sentence it would be 6/1 + 33.33 = 39.33)
    expect(r.sentences).toBe(4);
    expect(Math.abs(r.lix - 34.8)).toBeLessThanOrEqual(0.5);
  });
});
