/** The bridge to the content model: chapters measured from parsed tokens, publications combined. */
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "../../src/markdown/index.ts";
import { fullOf, measureChapter, measurePublication } from "../../src/readability/model.ts";

const FIRST_LINE = 5; // the body starts on line 5 of the file, after four lines of front matter

function chapter(source: string, lang: "da" | "en" = "da") {
  const parsed = parseMarkdown(source, { lang, firstLine: FIRST_LINE, stripTitle: true, docId: "x" });
  return measureChapter(parsed.tokens, lang, FIRST_LINE);
}

describe("measureChapter", () => {
  it("measures the running prose only, with file line numbers", () => {
    const summary = chapter(
      [
        "# En titel med mange lange overskriftsord", //                 5 (stripped: not prose)
        "", //                                                           6
        "Vi fik 1,5 mio. kr. i 2025. Det er bl.a. til huse.", //         7
        "", //                                                           8
        "| Kolonne | Værdier |", //                                      9 (a table: not prose)
        "|---|---|", //                                                  10
        "| Forholdsvis | Langstrakte |", //                              11
        "", //                                                           12
        "- Første punkt", //                                             13
        "- Andet punkt uden punktum", //                                 14
      ].join("\n"),
    );
    // Sentences: "Vi fik 1,5 mio. kr. i 2025." (7 words), "Det er bl.a. til huse." (5),
    // "Første punkt" (2), "Andet punkt uden punktum" (4): 18 words, 4 sentences.
    // Long words (> 6 letters): "punktum" only. LIX = 18/4 + 100·1/18 = 4.5 + 5.6 = 10.1.
    expect(summary).toEqual({
      lix: 10.1,
      band: "very-easy",
      bandText: "meget let",
      words: 18,
      sentences: 4,
      readingMinutes: 1,
    });
    expect(Object.keys(summary)).toHaveLength(6); // small and serialisable
    expect(fullOf(summary).longestSentences.map((s) => s.line)).toEqual([7, 7, 14]);
  });

  it("gives English texts the English band text", () => {
    expect(chapter("# T\n\nThe cat sat on the mat. It was happy.", "en")).toMatchObject({
      band: "very-easy",
      bandText: "very easy",
    });
  });
});

describe("measurePublication", () => {
  it("sums the chapters' words, sentences and long words and recomputes LIX", () => {
    const a = chapter("# A\n\nKommunalbestyrelsen behandler ansøgningen.");
    const b = chapter("# B\n\nDu får svar. Det tager en uge.");
    const whole = measurePublication([a, b], "da");
    // 3 + 7 = 10 words, 1 + 2 = 3 sentences, 3 long words: 10/3 + 100·3/10 = 3.33 + 30 = 33.3.
    expect(whole).toMatchObject({ lix: 33.3, words: 10, sentences: 3, band: "easy", bandText: "let" });
    expect(fullOf(whole).frequentLongWords.map((w) => w.word)).toEqual([
      "ansøgningen",
      "behandler",
      "kommunalbestyrelsen",
    ]);
    // The chapters keep what the report shows after their full counts are let go.
    expect(fullOf(a).frequentLongWords.map((w) => w.word)).toEqual(["ansøgningen", "behandler", "kommunalbestyrelsen"]);
    expect(fullOf(a).longestSentences).toHaveLength(1);
  });

  it("still combines summaries that were serialised (e.g. by a cache), from their counts", () => {
    const a = JSON.parse(JSON.stringify(chapter("# A\n\nKommunalbestyrelsen behandler ansøgningen.")));
    const b = JSON.parse(JSON.stringify(chapter("# B\n\nDu får svar. Det tager en uge.")));
    expect(measurePublication([a, b], "da")).toMatchObject({ lix: 33.3, words: 10, sentences: 3 });
    expect(fullOf(a).longestSentences).toEqual([]);
  });
});
