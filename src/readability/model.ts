/**
 * The bridge between the LIX module and the content model: measures a chapter from its
 * parsed Markdown tokens and gives the model a small, serialisable summary. The full
 * measurement (longest sentences, frequent long words) stays in this process, keyed by
 * the summary object, for the build's warnings and report.
 */
import type { Language, ReadabilitySummary } from "../model/index.ts";
import { combine, extractProse, measureBlocks, type MarkdownToken, type Readability } from "./index.ts";

const details = new WeakMap<ReadabilitySummary, Readability>();

function summarise(full: Readability): ReadabilitySummary {
  const summary: ReadabilitySummary = {
    lix: full.lix,
    band: full.band,
    bandText: full.bandText,
    words: full.words,
    sentences: full.sentences,
    readingMinutes: full.readingMinutes,
  };
  details.set(summary, full);
  return summary;
}

/**
 * Measures a chapter's running prose. `firstLine` is the file line of the first body line
 * (after the front matter), so sentence line numbers point into the source file.
 */
export function measureChapter(tokens: readonly MarkdownToken[], lang: Language, firstLine = 1): ReadabilitySummary {
  const blocks = extractProse(tokens).map((b) => ({ text: b.text, line: b.line + firstLine - 1 }));
  return summarise(measureBlocks(blocks, lang));
}

/**
 * A publication's measure over all its chapters (sums of words, sentences and long words).
 * `combine` merges the chapters' full long-word counts, which index.ts keeps for it; nothing
 * combines them again, so the details kept from here on are copies without those counts (a copy
 * is not a key of index.ts's counts, which are then freed: some 160 MiB at 1,000 publications).
 */
export function measurePublication(chapters: readonly ReadabilitySummary[], lang: Language): ReadabilitySummary {
  const whole = combine(chapters.map(fullOf), lang);
  for (const chapter of chapters) {
    const full = details.get(chapter);
    if (full) details.set(chapter, { ...full });
  }
  return summarise({ ...whole });
}

/**
 * The full measurement behind a summary. A summary that was copied (e.g. serialised) has
 * no details: it is rebuilt from its counts, without sentences or words to point at.
 */
export function fullOf(summary: ReadabilitySummary): Readability {
  const known = details.get(summary);
  if (known) return known;
  const longWords = Math.round(((summary.lix - summary.words / Math.max(1, summary.sentences)) * summary.words) / 100);
  return { ...summary, longWords: Math.max(0, longWords), longestSentences: [], frequentLongWords: [] };
}
