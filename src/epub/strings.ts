/**
 * The EPUB's accessibility summary, in the book's language. Its sentences, like every other word
 * the book shows, are in the string catalogue (src/i18n/da.ts, en.ts: `accessibilitySummary`).
 */
import { strings } from "../i18n/index.ts";
import type { Language, ReadabilitySummary } from "../model/types.ts";

/** What the book offers a reader who relies on assistive technology, in the book's language. */
export function accessibilitySummary(
  lang: Language,
  facts: { images: boolean; tables: boolean; footnotes: boolean; readability?: ReadabilitySummary },
): string {
  const s = strings(lang).accessibilitySummary;
  const lix = facts.readability ? Math.round(facts.readability.lix) : undefined;
  return [
    s.conformance,
    s.navigation,
    facts.images && s.images,
    facts.tables && s.tables,
    facts.footnotes && s.footnotes,
    s.reflow,
    s.hazards,
    lix !== undefined && s.readingLevel(lix, facts.readability!.bandText),
  ].filter(Boolean).join(" ");
}
