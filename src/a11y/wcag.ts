/**
 * WCAG 2.1 success criteria (A and AA) with their Danish names, and the criterion behind a
 * pa11y issue: HTML_CodeSniffer puts it in the code (…Guideline1_4.1_4_3.G18…), axe-core in
 * its rule tags (wcag143). Reports and the accessibility statement name criteria, not rule ids.
 */
import { createRequire } from "node:module";

export const CRITERIA: Record<string, string> = {
  "1.1.1": "Ikke-tekstbaseret indhold",
  "1.2.1": "Kun lyd og kun video (forhåndsindspillet)",
  "1.2.2": "Tekster (forhåndsindspillet)",
  "1.2.3": "Synstolkning eller mediealternativ (forhåndsindspillet)",
  "1.2.4": "Tekster (direkte)",
  "1.2.5": "Synstolkning (forhåndsindspillet)",
  "1.3.1": "Information og relationer",
  "1.3.2": "Meningsfuld rækkefølge",
  "1.3.3": "Sensoriske egenskaber",
  "1.3.4": "Visningsretning",
  "1.3.5": "Identificer inputformål",
  "1.4.1": "Brug af farve",
  "1.4.2": "Lydkontrol",
  "1.4.3": "Kontrast (minimum)",
  "1.4.4": "Ændring af tekststørrelse",
  "1.4.5": "Billeder af tekst",
  "1.4.10": "Ombrydning",
  "1.4.11": "Kontrast for ikke-tekstbaseret indhold",
  "1.4.12": "Tekstafstand",
  "1.4.13": "Indhold ved hover eller fokus",
  "2.1.1": "Tastatur",
  "2.1.2": "Ingen tastaturfælde",
  "2.1.4": "Genvejstaster med ét tegn",
  "2.2.1": "Justerbar tidsgrænse",
  "2.2.2": "Pause, stop, skjul",
  "2.3.1": "Tre glimt eller under tærskelværdien",
  "2.4.1": "Spring blokke over",
  "2.4.2": "Sidetitel",
  "2.4.3": "Fokusrækkefølge",
  "2.4.4": "Formål med link (i kontekst)",
  "2.4.5": "Flere måder",
  "2.4.6": "Overskrifter og etiketter",
  "2.4.7": "Synligt fokus",
  "2.5.1": "Markørbevægelser",
  "2.5.2": "Annullering af markørinput",
  "2.5.3": "Etiket i navn",
  "2.5.4": "Bevægelsesaktivering",
  "3.1.1": "Sprog på siden",
  "3.1.2": "Sprog i dele af siden",
  "3.2.1": "Ved fokus",
  "3.2.2": "Ved input",
  "3.2.3": "Konsekvent navigation",
  "3.2.4": "Konsekvent identifikation",
  "3.3.1": "Identifikation af fejl",
  "3.3.2": "Etiketter eller instruktioner",
  "3.3.3": "Forslag til fejlrettelse",
  "3.3.4": "Forebyggelse af fejl (juridiske, økonomiske, data)",
  "4.1.1": "Parsing",
  "4.1.2": "Navn, rolle, værdi",
  "4.1.3": "Statusmeddelelser",
};

/** "1.4.3 Kontrast (minimum)", or "bedste praksis" for rules outside WCAG. */
export function criterionLabel(criterion: string | undefined): string {
  if (!criterion) return "bedste praksis (ikke et WCAG-krav)";
  return `WCAG ${criterion} ${CRITERIA[criterion] ?? ""}`.trim();
}

let axeCriteria: Map<string, string> | undefined;

/** axe rule id → first WCAG criterion in its tags (wcag143 → 1.4.3), from axe-core's own metadata. */
function axeRuleCriteria(): Map<string, string> {
  if (axeCriteria) return axeCriteria;
  const axe = createRequire(import.meta.url)("axe-core") as { getRules(): { ruleId: string; tags: string[] }[] };
  axeCriteria = new Map();
  for (const rule of axe.getRules()) {
    const tag = rule.tags.find((t) => /^wcag\d{3,}$/.test(t));
    if (tag) axeCriteria.set(rule.ruleId, fromDigits(tag.slice(4)));
  }
  return axeCriteria;
}

/** "143" → "1.4.3", "1410" → "1.4.10". */
function fromDigits(digits: string): string {
  return `${digits[0]}.${digits[1]}.${digits.slice(2)}`;
}

/** The WCAG success criterion an issue is about, when it is one. */
export function criterionOf(runner: string, code: string): string | undefined {
  if (runner === "htmlcs") {
    const match = /Guideline\d_\d+\.(\d+)_(\d+)_(\d+)/.exec(code);
    return match ? `${match[1]}.${match[2]}.${match[3]}` : undefined;
  }
  return axeRuleCriteria().get(code);
}
