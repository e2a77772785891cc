import { describe, expect, it } from "vitest";
import { combine, lix, lixBand, measureBlocks, measureText, type Readability } from "../../src/readability/index.ts";

/** Hand-counted expectation: words, sentences, long words (> 6 letters) and the LIX they give. */
interface Hand {
  words: number;
  sentences: number;
  longWords: number;
  lix: number;
}

function expectHand(r: Readability, hand: Hand): void {
  expect({ words: r.words, sentences: r.sentences, longWords: r.longWords }).toEqual({
    words: hand.words,
    sentences: hand.sentences,
    longWords: hand.longWords,
  });
  expect(Math.abs(r.lix - hand.lix)).toBeLessThanOrEqual(0.5);
}

const words = (n: number): string => Array.from({ length: n }, () => "ord").join(" ");

describe("measureText: hand-counted Danish texts", () => {
  it("counts plain sentences with æ, ø and å", () => {
    const r = measureText("Både børn og ældre læser gerne. Færøerne ligger nordvest for Skotland.", "da");
    // S1: Både børn og ældre læser gerne                 = 6 words, 0 long
    // S2: Færøerne(8) ligger(6) nordvest(8) for Skotland(8) = 5 words, 3 long
    // 11 words, 2 sentences, 3 long: 11/2 + 100*3/11 = 5.5 + 27.27 = 32.77
    expectHand(r, { words: 11, sentences: 2, longWords: 3, lix: 32.8 });
    expect(r.lix).toBe(32.8); // one decimal internally
    expect(r.band).toBe("easy");
    expect(r.bandText).toBe("let");
  });

  it("does not end sentences at Danish abbreviations", () => {
    const text =
      "Vi bruger bl.a. Word og fx Excel. Det gælder f.eks. også mødet kl. 10, jf. aftalen. " +
      "Se s. 12, stk. 2 og pkt. 4 mv. Prisen er ca. 50 kr. pr. måned, inkl. moms, dvs. 600 kr. om året.";
    const r = measureText(text, "da");
    // S1: Vi bruger bl.a Word og fx Excel                              = 7 words, 0 long
    // S2: Det gælder(6) f.eks også mødet kl 10 jf aftalen(7)            = 9 words, 1 long
    // S3: Se s 12 stk 2 og pkt 4 mv   ("mv." + capital ends it)          = 9 words, 0 long
    // S4: Prisen(6) er ca 50 kr pr måned inkl moms dvs 600 kr om året   = 14 words, 0 long
    // 39 words, 4 sentences, 1 long: 39/4 + 100/39 = 9.75 + 2.56 = 12.31
    expectHand(r, { words: 39, sentences: 4, longWords: 1, lix: 12.3 });
  });

  it("ends a sentence at osv./etc. before a capital but not at kr. before a number", () => {
    const r = measureText("Vi sælger æbler, pærer osv. Alt koster kr. 20 i dag.", "da");
    // S1: Vi sælger æbler pærer osv = 5 words; S2: Alt koster kr 20 i dag = 6 words; 0 long
    // 11/2 + 0 = 5.5
    expectHand(r, { words: 11, sentences: 2, longWords: 0, lix: 5.5 });
  });

  it("treats ordinals and decimals as part of the sentence", () => {
    const text =
      "Mødet holdes den 27. november i 3. kvartal. Renten steg fra 1,5 til 2.5 procent i 2023. Næste år falder den.";
    const r = measureText(text, "da");
    // S1: Mødet holdes den 27 november(8) i 3 kvartal(7)     = 8 words, 2 long
    // S2: Renten(6) steg fra 1,5 til 2.5 procent(7) i 2023   = 9 words, 1 long
    // S3: Næste år falder den                                = 4 words, 0 long
    // 21 words, 3 sentences, 3 long: 21/3 + 300/21 = 7 + 14.29 = 21.29
    expectHand(r, { words: 21, sentences: 3, longWords: 3, lix: 21.3 });
  });

  it("counts hyphenated compounds as one word, letters without the hyphen", () => {
    const r = measureText("EU-regler gælder for it-chefen. Vores it-chef er glad.", "da");
    // S1: EU-regler(8 letters) gælder(6) for it-chefen(8)  = 4 words, 2 long
    // S2: Vores it-chef(6 letters: not long) er glad        = 4 words, 0 long
    // 8/2 + 100*2/8 = 4 + 25 = 29
    expectHand(r, { words: 8, sentences: 2, longWords: 2, lix: 29 });
  });

  it("counts numbers as words but never as long words", () => {
    const r = measureText("Der var 1234567 besøg i 2024.", "da");
    // Der var 1234567 besøg i 2024 = 6 words, 0 long (1234567 has no letters): 6/1 + 0 = 6
    expectHand(r, { words: 6, sentences: 1, longWords: 0, lix: 6 });
  });

  it("strips URLs, e-mail addresses and bare domains before counting", () => {
    const text =
      "Læs mere om sundhed på https://www.borger.dk/sundhed-og-sygdom eller skriv til post@styrelsen.dk. " +
      "Du kan også bruge borger.dk.";
    const r = measureText(text, "da");
    // S1: Læs mere om sundhed(7) på eller skriv til = 8 words, 1 long
    // S2: Du kan også bruge                         = 4 words, 0 long
    // 12/2 + 100/12 = 6 + 8.33 = 14.33
    expectHand(r, { words: 12, sentences: 2, longWords: 1, lix: 14.3 });
    expect(r.longestSentences[0].text).toContain("https://www.borger.dk/sundhed-og-sygdom"); // shown as written
  });

  it("ends a sentence at ! and ? but not before a lower-case continuation", () => {
    const r = measureText('Kommer du? spurgte hun. "Ja!" Han smilede... og gik. Farvel!', "da");
    // S1: Kommer(6) du spurgte(7) hun ("? spurgte" continues) = 4 words, 1 long
    // S2: Ja                                                   = 1 word
    // S3: Han smilede(7) og gik ("... og" continues)           = 4 words, 1 long
    // S4: Farvel                                                = 1 word
    // 10/4 + 100*2/10 = 2.5 + 20 = 22.5
    expectHand(r, { words: 10, sentences: 4, longWords: 2, lix: 22.5 });
  });

  it("treats a blank line as a sentence end in plain text", () => {
    const r = measureText("Overskrift uden punktum\n\nFørste afsnit starter her.", "da");
    // S1: Overskrift(10) uden punktum(7) = 3 words, 2 long; S2: Første afsnit starter(7) her = 4 words, 1 long
    // 7/2 + 300/7 = 3.5 + 42.86 = 46.36
    expectHand(r, { words: 7, sentences: 2, longWords: 3, lix: 46.4 });
    expect(r.band).toBe("hard");
  });

  it("returns zeros for a text without words", () => {
    const r = measureText("  ... https://example.com  ", "da");
    expect(r).toMatchObject({ lix: 0, words: 0, sentences: 0, longWords: 0, readingMinutes: 0, band: "very-easy" });
    expect(r.longestSentences).toEqual([]);
  });
});

describe("measureText: English", () => {
  it("does not end sentences at English abbreviations", () => {
    const text =
      "The committee met on Monday. Dr. Smith presented the results, e.g. the survey data. " +
      "Mr. Jones disagreed, i.e. he voted no. The vote was 5 vs. 3.";
    const r = measureText(text, "en");
    // S1: The committee(9) met on Monday(6)                            = 5 words, 1 long
    // S2: Dr Smith presented(9) the results(7) e.g the survey data     = 9 words, 2 long
    // S3: Mr Jones disagreed(9) i.e he voted no                        = 7 words, 1 long
    // S4: The vote was 5 vs 3                                          = 6 words, 0 long
    // 27 words, 4 sentences, 4 long: 27/4 + 400/27 = 6.75 + 14.81 = 21.56
    expectHand(r, { words: 27, sentences: 4, longWords: 4, lix: 21.6 });
    expect(r.band).toBe("very-easy");
    expect(r.bandText).toBe("very easy");
  });

  it("keeps No. before a number and initials in one sentence", () => {
    const r = measureText("He lives at No. 5 Baker Street with J. R. Smith. It is a nice house.", "en");
    // S1: He lives at No 5 Baker Street with J R Smith = 11 words, 0 long
    // S2: It is a nice house                           = 5 words, 0 long
    // 16/2 + 0 = 8
    expectHand(r, { words: 16, sentences: 2, longWords: 0, lix: 8 });
  });
});

describe("measureBlocks", () => {
  it("ends a sentence at the end of every block (list items without full stops)", () => {
    const blocks = [
      { text: "Husk disse ting:", line: 1 },
      { text: "Pas", line: 3 },
      { text: "Kørekort", line: 4 },
      { text: "Sygesikringskort", line: 5 },
    ];
    const r = measureBlocks(blocks, "da");
    // Husk disse ting | Pas | Kørekort(8) | Sygesikringskort(16)
    // 6 words, 4 sentences, 2 long: 6/4 + 200/6 = 1.5 + 33.33 = 34.83
    expectHand(r, { words: 6, sentences: 4, longWords: 2, lix: 34.8 });
    expect(r.band).toBe("medium"); // 34.8 is shown as 35
  });

  it("gives each sentence the line it starts on", () => {
    const r = measureBlocks(
      [
        { text: "Kort sætning her. Dette er en lidt længere sætning, som\nfortsætter over to linjer.", line: 10 },
        { text: "Et nyt afsnit med fire ord mere i sig.\nSlut nu.", line: 14 },
      ],
      "da",
    );
    expect(r.sentences).toBe(4);
    expect(r.longestSentences).toEqual([
      { text: "Dette er en lidt længere sætning, som fortsætter over to linjer.", line: 10, words: 11 },
      { text: "Et nyt afsnit med fire ord mere i sig.", line: 14, words: 9 },
      { text: "Kort sætning her.", line: 10, words: 3 },
    ]);
  });

  it("gives the line of a sentence that starts after a line break", () => {
    const r = measureBlocks([{ text: "Kort.\nDenne sætning står på den anden linje.", line: 7 }], "da");
    expect(r.longestSentences[0]).toEqual({ text: "Denne sætning står på den anden linje.", line: 8, words: 7 });
  });
});

describe("measureText: line numbers in plain text", () => {
  it("counts lines from 1 across paragraph breaks", () => {
    const text =
      "Kort sætning her.\nDette er en lidt længere sætning, som\nfortsætter over to linjer.\n\nEt nyt afsnit med fire ord mere i sig.\nSlut nu.";
    const r = measureText(text, "da");
    expect(r.longestSentences.map((s) => [s.line, s.words])).toEqual([
      [2, 11],
      [5, 9],
      [1, 3],
    ]);
  });
});

describe("frequentLongWords", () => {
  it("returns the five most frequent long words, lower-cased, ties alphabetical", () => {
    const text =
      "Kommunen svarer kommunen. Borgeren ringer til KOMMUNEN. Borgeren får afgørelsen. " +
      "Vejledningen og ansøgningen ligger hos sagsbehandleren.";
    const r = measureText(text, "da");
    // long: kommunen ×3, borgeren ×2, afgørelsen, vejledningen, ansøgningen, sagsbehandleren ×1
    // (svarer, ringer, ligger have 6 letters)
    expect(r.longWords).toBe(9);
    expect(r.frequentLongWords).toEqual([
      { word: "kommunen", count: 3 },
      { word: "borgeren", count: 2 },
      { word: "afgørelsen", count: 1 },
      { word: "ansøgningen", count: 1 },
      { word: "sagsbehandleren", count: 1 },
    ]);
  });
});

describe("bands", () => {
  it.each([
    [24, "very-easy", "meget let"],
    [25, "easy", "let"],
    [34, "easy", "let"],
    [35, "medium", "middel"],
    [44, "medium", "middel"],
    [45, "hard", "svær"],
    [54, "hard", "svær"],
    [55, "very-hard", "meget svær"],
  ])("a sentence of %i short words has LIX %i and band %s", (n, band, text) => {
    // n words, 1 sentence, 0 long words: LIX = n/1 + 0 = n
    const r = measureText(`${words(n)}.`, "da");
    expect(r.lix).toBe(n);
    expect(r.band).toBe(band);
    expect(r.bandText).toBe(text);
  });

  it("uses the English band texts", () => {
    expect(measureText(`${words(40)}.`, "en").bandText).toBe("medium");
    expect(measureText(`${words(60)}.`, "en").bandText).toBe("very hard");
    expect(measureText(`${words(50)}.`, "en").bandText).toBe("hard");
  });

  it("judges the band on the LIX as displayed (rounded)", () => {
    expect(lixBand(24.4)).toBe("very-easy");
    expect(lixBand(24.5)).toBe("easy");
    expect(lixBand(34.4)).toBe("easy");
    expect(lixBand(34.5)).toBe("medium");
    expect(lixBand(44.4)).toBe("medium");
    expect(lixBand(44.5)).toBe("hard");
    expect(lixBand(54.4)).toBe("hard");
    expect(lixBand(54.5)).toBe("very-hard");
  });

  it("computes LIX with one decimal", () => {
    expect(lix(13, 2, 1)).toBe(14.2); // 6.5 + 7.69 = 14.19
    expect(lix(0, 0, 0)).toBe(0);
  });
});

describe("readingMinutes", () => {
  it("reads 200 words a minute in Danish and 230 in English, at least 1", () => {
    expect(measureText(`${words(300)}.`, "da").readingMinutes).toBe(2); // 1.5 → 2
    expect(measureText(`${words(300)}.`, "en").readingMinutes).toBe(1); // 1.3 → 1
    expect(measureText(`${words(700)}.`, "en").readingMinutes).toBe(3); // 3.04 → 3
    expect(measureText("Hej.", "da").readingMinutes).toBe(1); // at least 1
  });
});

describe("combine", () => {
  const a = measureText("En to tre fire fem seks syv otte ni ti.", "da"); // 10 words, 1 sentence, 0 long: LIX 10
  const b = measureText("Kommunen ringer. Kommunen svarer.", "da"); // 4 words, 2 sentences, 2 long: 2 + 50 = 52

  it("sums the counts and recomputes LIX (not the average)", () => {
    expect(a.lix).toBe(10);
    expect(b.lix).toBe(52);
    const r = combine([a, b], "da");
    // 14 words, 3 sentences, 2 long: 14/3 + 200/14 = 4.67 + 14.29 = 18.95
    expectHand(r, { words: 14, sentences: 3, longWords: 2, lix: 19 });
    expect(r.band).toBe("very-easy");
    expect(r.longestSentences.map((s) => s.words)).toEqual([10, 2, 2]);
    expect(r.frequentLongWords).toEqual([{ word: "kommunen", count: 2 }]);
  });

  it("merges long words beyond each part's top five", () => {
    // Each part has "ansøgning" once, below five more frequent long words: only full counts find it twice.
    const part =
      "Kommunen kommunen. Borgeren borgeren. Afgørelsen afgørelsen. Vejledning vejledning. Sagsbehandler sagsbehandler. Ansøgning.";
    const r = combine([measureText(part, "da"), measureText(part, "da")], "da");
    expect(r.frequentLongWords.map((w) => w.count)).toEqual([4, 4, 4, 4, 4]);
    const three = combine(
      [
        measureText(part, "da"),
        measureText(part, "da"),
        measureText("Ansøgning ansøgning ansøgning ansøgning ansøgning.", "da"),
      ],
      "da",
    );
    expect(three.frequentLongWords[0]).toEqual({ word: "ansøgning", count: 7 });
  });

  it("works on copied results (e.g. serialised data)", () => {
    const r = combine([structuredClone(a), structuredClone(b)], "en");
    expect(r.lix).toBe(19);
    expect(r.bandText).toBe("very easy");
    expect(r.frequentLongWords).toEqual([{ word: "kommunen", count: 2 }]);
  });

  it("returns zeros for no parts", () => {
    expect(combine([], "da")).toMatchObject({ lix: 0, words: 0, sentences: 0, readingMinutes: 0 });
  });
});
