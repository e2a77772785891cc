/**
 * Low-level text analysis for LIX: cleaning (URLs, e-mail addresses), sentence
 * splitting with Danish and English abbreviation rules, and word counting.
 *
 * Everything here works on a single block of text and is linear in its length.
 * Offsets are kept stable (stripped spans are blanked with spaces, never removed)
 * so that a sentence can be mapped back to its line in the block.
 */

/** A long word has more than this many letters (hyphens, digits and dots do not count). */
export const LONG_WORD_LETTERS = 6;

// ---------------------------------------------------------------------------
// Cleaning

/** http(s)/ftp/www URLs; trailing punctuation stays in the text (it may end the sentence). */
const URL_RE = /(?:\b(?:https?|ftp):\/\/|\bwww\.)[^\s<>"]*[^\s<>"'.,;:!?)\]}»«”’]/giu;
/** E-mail addresses. */
const EMAIL_RE = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/**
 * Bare domains such as "borger.dk" or "example.com/sti". The top-level domain must be
 * lower case, so a missing space after a full stop ("slut.Se") is not taken for a domain.
 */
const DOMAIN_RE =
  /(?<![\p{L}\p{N}@./-])(?:[\p{L}\p{N}-]+\.)+(?:dk|com|org|net|eu|info|io|gov|edu|de|se|no|uk|fo|gl)(?:\/[^\s<>"]*[^\s<>"'.,;:!?)\]}»«”’])?(?![\p{L}\p{N}-])/gu;

/** A quick test for a possible bare domain: a top-level domain of DOMAIN_RE after a dot. */
const MAYBE_DOMAIN_RE = /\.(?:dk|com|org|net|eu|info|io|gov|edu|de|se|no|uk|fo|gl)(?![\p{L}\p{N}-])/u;

const blank = (m: string): string => " ".repeat(m.length);

/** NFC, with soft hyphens and zero-width characters removed (they would split words). */
export function normalise(text: string): string {
  return text.normalize("NFC").replace(/[\u00AD\u200B\u200C\u2060\uFEFF\u200D]/g, "");
}

/**
 * Blanks URLs, e-mail addresses and bare domains with spaces of the same length, so
 * offsets (and newlines) in the result match the input.
 */
export function clean(normalised: string): string {
  // The full patterns (look-behinds over Unicode classes) are slow; most text holds none of them.
  let text = normalised;
  if (/:\/\/|www\./i.test(text)) text = text.replace(URL_RE, blank);
  if (text.includes("@")) text = text.replace(EMAIL_RE, blank);
  if (MAYBE_DOMAIN_RE.test(text)) text = text.replace(DOMAIN_RE, blank);
  return text;
}

// ---------------------------------------------------------------------------
// Words

/**
 * A word: letters, digits and combining marks, joined by hyphens, apostrophes or
 * dots without spaces ("EU-regler", "it-sikkerhed", "don't", "bl.a", "f.eks", "1.3.1"),
 * and by a comma or colon between digits ("1,5", "10:30").
 */
const WORD_RE = /[\p{L}\p{N}\p{M}]+(?:(?:[-\u2010\u2011.'\u2019]|(?<=\p{N})[,:](?=\p{N}))[\p{L}\p{N}\p{M}]+)*/gu;
const LETTER_RE = /\p{L}/gu;
const HAS_LETTER_RE = /\p{L}/u;
/** A word of letters only and no surrogate pairs has as many letters as UTF-16 units. */
const ONLY_LETTERS_RE = /^\p{L}+$/u;
const SURROGATE_RE = /[\uD800-\uDFFF]/;

export interface WordTally {
  words: number;
  longWords: number;
  /** True if at least one word contains a letter. */
  hasLetters: boolean;
}

/** Counts words and long words in `text`; long words are passed to `onLong` as written. */
export function countWords(text: string, onLong?: (word: string) => void): WordTally {
  let words = 0;
  let longWords = 0;
  let hasLetters = false;
  for (const m of text.matchAll(WORD_RE)) {
    words++;
    const word = m[0];
    if (!hasLetters) hasLetters = HAS_LETTER_RE.test(word);
    // Most words are short or plain letters: count only where it can matter (this runs on every word).
    if (word.length <= LONG_WORD_LETTERS) continue;
    const plain = ONLY_LETTERS_RE.test(word) && !SURROGATE_RE.test(word);
    const letters = plain ? word.length : (word.match(LETTER_RE)?.length ?? 0);
    if (letters > LONG_WORD_LETTERS) {
      longWords++;
      onLong?.(word);
    }
  }
  return { words, longWords, hasLetters };
}

// ---------------------------------------------------------------------------
// Sentences

/**
 * Abbreviations (lower-cased, without the final full stop) that never end a sentence,
 * even when the next word starts with a capital: "bl.a. Danmark", "Mr. Smith", "s. 12".
 */
// prettier-ignore
const NEVER_FINAL = new Set([
  // Danish
  "bl.a", "f.eks", "fx", "f.x", "jf", "jvf", "dvs", "d.v.s", "nr", "ca", "evt", "pga", "p.g.a",
  "inkl", "ekskl", "hhv", "mht", "m.h.t", "vedr", "s", "stk", "pkt", "kl", "iflg", "ifm", "kap",
  "tlf", "ang", "bl.andet", "el", "jur", "cand", "mag", "ph.d",
  // English
  "e.g", "i.e", "mr", "mrs", "ms", "dr", "prof", "vs", "cf", "fig", "approx", "st", "jr", "sr",
  "gen", "rev", "sec", "ch",
]);

/**
 * Abbreviations that often end a sentence ("... osv. Næste sætning"). They end one only
 * when the next word starts with a capital letter, not before a digit ("kr. 100").
 */
// prettier-ignore
const MAYBE_FINAL = new Set([
  "osv", "mv", "m.v", "m.m", "m.fl", "o.l", "o.lign", "kr", "mio", "mia", "etc", "inc", "ltd",
  "jan", "feb", "apr", "aug", "sep", "sept", "okt", "oct", "nov", "dec",
]);

/** Characters that may follow the terminal punctuation and still belong to the sentence. */
const CLOSERS = new Set(['"', "'", "\u201D", "\u2019", "\u00BB", "\u00AB", ")", "]", "}"]);
/** Characters that may open the next sentence before its first word. */
const OPENERS = new Set([
  '"',
  "'",
  "\u201C",
  "\u201E",
  "\u2018",
  "\u00AB",
  "\u00BB",
  "(",
  "[",
  "{",
  "-",
  "\u2013",
  "\u2014",
]);

const TERMINAL_RE = /[.!?\u2026]+/gu;
const WS_RE = /\s/u;
const LOWER_RE = /^\p{Ll}/u;
const UPPER_RE = /^\p{Lu}/u;
const DIGIT_RE = /^\p{N}/u;
const LEADING_PUNCT_RE = /^[^\p{L}\p{N}]+/u;
const SINGLE_LETTER_RE = /^\p{L}$/u;
const INITIALS_RE = /^(?:\p{Lu}\.)+\p{Lu}$/u;

/** A sentence as a half-open span [start, end) of the block text. */
export interface Span {
  start: number;
  end: number;
}

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && WS_RE.test(ch);
}

/** Decides whether the terminal punctuation run text[s, e) ends a sentence; returns the end offset or -1. */
function sentenceEnd(text: string, s: number, e: number): number {
  let j = e;
  while (j < text.length && CLOSERS.has(text[j])) j++;
  if (j >= text.length) return j;
  if (!isSpace(text[j])) return -1; // "2.5", "bl.a", "borger.dk", "Hvad?", sagde han

  // The first character of the next word.
  let k = j;
  while (k < text.length && (isSpace(text[k]) || OPENERS.has(text[k]))) k++;
  if (k >= text.length) return j;
  const next = text[k];
  // Sentences start with a capital: "27. november", "3. kvartal", "ca. halvdelen", "Hvad? spurgte hun".
  if (LOWER_RE.test(next)) return -1;

  if (e - s === 1 && text[s] === ".") {
    let p = s;
    while (p > 0 && !isSpace(text[p - 1])) p--;
    const word = text.slice(p, s).replace(LEADING_PUNCT_RE, "");
    const lower = word.toLowerCase();
    if (NEVER_FINAL.has(lower)) return -1;
    if (MAYBE_FINAL.has(lower)) return UPPER_RE.test(next) ? j : -1;
    if (lower === "no" && DIGIT_RE.test(next)) return -1; // "No. 5"
    if (SINGLE_LETTER_RE.test(word) || INITIALS_RE.test(word)) return -1; // "J. Smith", "H.C. Andersen"
  }
  return j;
}

/**
 * Splits a (cleaned) block into sentence spans. The end of the block always ends a
 * sentence. Spans include their terminal punctuation; whitespace between sentences
 * belongs to the following span.
 */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(TERMINAL_RE)) {
    const s = m.index;
    const end = sentenceEnd(text, s, s + m[0].length);
    if (end < 0) continue;
    spans.push({ start, end });
    start = end;
  }
  if (start < text.length) spans.push({ start, end: text.length });
  return spans;
}
