/**
 * The EPUB's accessibility summary, in the book's language. Its sentences, like every other word
 * the book shows, are in the string catalogue (src/i18n/da.ts, en.ts: `accessibilitySummary`).
 * Each sentence about the content is said only when the book's facts (metadata.ts, contentFacts) show it.
 */
import { strings } from "../i18n/index.ts";
import type { Language, ReadabilitySummary } from "../model/index.ts";
import type { ContentFacts } from "./metadata.ts";

/** What the book offers a reader who relies on assistive technology, in the book's language. */
export function accessibilitySummary(
  lang: Language,
  facts: Pick<ContentFacts, "imagesHaveAlt" | "captionedFigures" | "tables" | "linkedNotes"> & {
    readability?: ReadabilitySummary;
  },
): string {
  const s = strings(lang).accessibilitySummary;
  const lix = facts.readability ? Math.round(facts.readability.lix) : undefined;
  const { imagesHaveAlt: alt, captionedFigures: captions } = facts;
  return [
    s.conformance,
    s.navigation,
    alt && captions && s.imagesAndCaptions,
    alt && !captions && s.images,
    !alt && captions && s.captions,
    facts.tables === "captions-and-headers" && s.tables,
    facts.tables === "headers" && s.tableHeaders,
    facts.linkedNotes && s.footnotes,
    s.reflow,
    s.hazards,
    lix !== undefined && s.readingLevel(lix, facts.readability!.bandText),
  ]
    .filter(Boolean)
    .join(" ");
}
