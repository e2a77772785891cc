/**
 * Readability (LIX, læsbarhedsindeks) for Danish and English texts.
 *
 *   LIX = words / sentences + 100 × long words / words
 *
 * where a long word has more than six letters. Pure functions: no I/O, deterministic,
 * linear in the length of the text.
 *
 * Typical use for a chapter:
 *
 *   const blocks = extractProse(md.parse(source, {}));
 *   const chapter = measureBlocks(blocks, "da");
 *   const publication = combine([chapter, ...], "da");
 */
import { bandText, type Band } from "../i18n/index.ts";
import type { Language } from "../model/index.ts";
import { clean, countWords, normalise, splitSentences } from "./text.ts";
import type { ProseBlock } from "./prose.ts";

export { extractProse } from "./prose.ts";
export type { MarkdownToken, ProseBlock } from "./prose.ts";
export { measureChapter, measurePublication } from "./model.ts";

export type ReadabilityLanguage = Language;
export type { Band };
/** The band's name in the given language, e.g. "middel" / "medium" (from the string catalogue). */
export { bandText };

export interface SentenceInfo {
  /** The sentence as written (URLs kept), whitespace collapsed to single spaces. */
  text: string;
  /** 1-based line in the source where the sentence starts. */
  line: number;
  words: number;
}

export interface Readability {
  /** LIX with one decimal (e.g. 38.4); show it rounded to a whole number. */
  lix: number;
  words: number;
  sentences: number;
  longWords: number;
  /** From the LIX rounded to a whole number: <25, 25–34, 35–44, 45–54, ≥55. */
  band: Band;
  bandText: string;
  /** words / 200 (da) or / 230 (en), rounded, at least 1 (0 only for a text without words). */
  readingMinutes: number;
  /** The three longest sentences by word count, longest first (earlier first on a tie). */
  longestSentences: SentenceInfo[];
  /** The five most frequent long words, lower-cased, most frequent first (alphabetical on a tie). */
  frequentLongWords: { word: string; count: number }[];
}

const WORDS_PER_MINUTE: Record<ReadabilityLanguage, number> = { da: 200, en: 230 };

const LONGEST_SENTENCES = 3;
const FREQUENT_LONG_WORDS = 5;

/** The band of a LIX value, judged on the value rounded to a whole number (as displayed). */
export function lixBand(lix: number): Band {
  const shown = Math.round(lix);
  if (shown < 25) return "very-easy";
  if (shown < 35) return "easy";
  if (shown < 45) return "medium";
  if (shown < 55) return "hard";
  return "very-hard";
}

/** LIX with one decimal; 0 for a text without words. */
export function lix(words: number, sentences: number, longWords: number): number {
  if (words <= 0 || sentences <= 0) return 0;
  return Math.round((words / sentences + (100 * longWords) / words) * 10) / 10;
}

// ---------------------------------------------------------------------------
// Accumulating over blocks

/**
 * Full long-word counts behind each Readability this module creates, so `combine`
 * can merge them exactly. Objects that were copied (e.g. serialised) fall back to
 * their top-five list.
 */
const longWordCounts = new WeakMap<Readability, ReadonlyMap<string, number>>();

class Tally {
  words = 0;
  sentences = 0;
  longWords = 0;
  readonly longest: SentenceInfo[] = [];
  readonly longCounts = new Map<string, number>();

  addLong = (word: string): void => {
    const key = word.toLowerCase();
    this.longCounts.set(key, (this.longCounts.get(key) ?? 0) + 1);
  };

  offerSentence(s: SentenceInfo): void {
    const list = this.longest;
    if (list.length === LONGEST_SENTENCES && s.words <= list[list.length - 1].words) return;
    let i = list.length;
    while (i > 0 && list[i - 1].words < s.words) i--; // strictly longer moves up: ties keep order
    list.splice(i, 0, s);
    if (list.length > LONGEST_SENTENCES) list.pop();
  }

  /** Adds one block; its end is always a sentence end. */
  addBlock(block: ProseBlock): void {
    const original = normalise(block.text);
    const text = clean(original);
    let newlines = 0; // newlines in text[0, scanned)
    let scanned = 0;
    let pendingStart = -1; // a number-only sentence ("1.", "2020.") joins the next one
    let pendingWords = 0;
    const spans = splitSentences(text);

    for (let n = 0; n < spans.length; n++) {
      const span = spans[n];
      // One count per span, long words reported as found: a span without letters has none.
      const tally = countWords(text.slice(span.start, span.end), this.addLong);
      if (tally.words === 0) continue; // only punctuation or a stripped URL
      if (!tally.hasLetters && n < spans.length - 1) {
        if (pendingStart < 0) pendingStart = span.start;
        pendingWords += tally.words;
        continue;
      }
      const start = pendingStart >= 0 ? pendingStart : span.start;
      const counted = { words: pendingWords + tally.words, longWords: tally.longWords };
      pendingStart = -1;
      pendingWords = 0;
      this.words += counted.words;
      this.longWords += counted.longWords;
      this.sentences++;

      // Line of the first non-space character of the sentence.
      let first = start;
      while (first < span.end && /\s/u.test(text[first])) first++;
      for (; scanned < first; scanned++) if (text.charCodeAt(scanned) === 10) newlines++;
      this.offerSentence({
        text: original.slice(start, span.end).replace(/\s+/gu, " ").trim(),
        line: block.line + newlines,
        words: counted.words,
      });
    }
  }

  result(lang: ReadabilityLanguage): Readability {
    return build(lang, this.words, this.sentences, this.longWords, this.longest, this.longCounts);
  }
}

function topLongWords(counts: ReadonlyMap<string, number>): { word: string; count: number }[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, FREQUENT_LONG_WORDS)
    .map(([word, count]) => ({ word, count }));
}

function build(
  lang: ReadabilityLanguage,
  words: number,
  sentences: number,
  longWords: number,
  longest: readonly SentenceInfo[],
  counts: ReadonlyMap<string, number>,
): Readability {
  const value = lix(words, sentences, longWords);
  const band = lixBand(value);
  const result: Readability = {
    lix: value,
    words,
    sentences,
    longWords,
    band,
    bandText: bandText(band, lang),
    readingMinutes: words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE[lang])),
    longestSentences: longest.map((s) => ({ ...s })),
    frequentLongWords: topLongWords(counts),
  };
  longWordCounts.set(result, counts);
  return result;
}

// ---------------------------------------------------------------------------
// Public API

/**
 * Measures many blocks (paragraphs, list items) of one text, e.g. a chapter from
 * `extractProse`. The end of every block ends a sentence, so list items without
 * full stops count as sentences of their own.
 */
export function measureBlocks(blocks: readonly ProseBlock[], lang: ReadabilityLanguage): Readability {
  const tally = new Tally();
  for (const block of blocks) tally.addBlock(block);
  return tally.result(lang);
}

/**
 * Measures one plain text. A blank line (paragraph break) ends a sentence, as does
 * the end of the text; lines are counted from 1.
 */
export function measureText(text: string, lang: ReadabilityLanguage): Readability {
  const blocks: ProseBlock[] = [];
  const paragraphBreak = /\n[^\S\n]*\n\s*/gu;
  let start = 0;
  let line = 1;
  const push = (end: number): void => {
    blocks.push({ text: text.slice(start, end), line });
  };
  for (const m of text.matchAll(paragraphBreak)) {
    push(m.index);
    for (let i = start; i < m.index + m[0].length; i++) if (text.charCodeAt(i) === 10) line++;
    start = m.index + m[0].length;
  }
  push(text.length);
  return measureBlocks(blocks, lang);
}

/**
 * Combines the measurements of several parts (e.g. the chapters of a publication):
 * words, sentences and long words are summed and LIX, band and reading time
 * recomputed. The longest sentences are the longest of all parts (their `line` is
 * the line in the part's own file). Frequent long words are merged exactly for
 * results created by this module in this process; for copied results the parts'
 * top-five lists are merged, which is approximate.
 */
export function combine(parts: readonly Readability[], lang: ReadabilityLanguage): Readability {
  const tally = new Tally();
  for (const part of parts) {
    tally.words += part.words;
    tally.sentences += part.sentences;
    tally.longWords += part.longWords;
    for (const s of part.longestSentences) tally.offerSentence(s);
    const counts = longWordCounts.get(part) ?? new Map(part.frequentLongWords.map((w) => [w.word, w.count] as const));
    for (const [word, count] of counts) tally.longCounts.set(word, (tally.longCounts.get(word) ?? 0) + count);
  }
  return tally.result(lang);
}
export type { ReadabilityResult } from "./stage.ts";
