/**
 * The escape hatch: a page may ignore a rule, in front matter, with a reason.
 *
 *     tilgaengelighed:
 *       ignorer:
 *         - regel: color-contrast
 *           begrundelse: Grafen gengiver Danmarks Statistiks farver; tallene står i tabellen under den.
 *
 * `regel` may name an axe rule (color-contrast), an HTML_CodeSniffer code or a part of one
 * (…1_4_3.G18), a WCAG criterion (1.4.3, which covers both runners) or a lint rule (uklar-linktekst).
 */

export interface IgnoredRule {
  rule: string;
  reason: string;
}

export interface RuleRef {
  code: string; // axe rule id, HTML_CodeSniffer code, or lint rule id
  criterion?: string; // e.g. "1.4.3"
}

/** Does an editor's `regel:` cover this issue? */
export function ruleMatches(rule: string, ref: RuleRef): boolean {
  const wanted = rule
    .trim()
    .toLowerCase()
    .replace(/^wcag\s*(?=\d+\.\d)/, ""); // "WCAG 1.4.3" → "1.4.3"
  const code = ref.code.toLowerCase();
  if (wanted === code || wanted === ref.criterion) return true;
  // Part of an HTML_CodeSniffer code, on segment boundaries: "1_4_3.g18" matches "wcag2aa.…1_4_3.g18.fail".
  return code.includes(".") && `.${code}.`.includes(`.${wanted}.`);
}

/** The first ignored rule that covers an issue, if any. */
export function findIgnore(ignored: IgnoredRule[], ref: RuleRef): IgnoredRule | undefined {
  return ignored.find((entry) => ruleMatches(entry.rule, ref));
}
