/**
 * Danish-looking prose for the benchmark corpus: sentences built from word classes in a rough
 * Danish word order (V2, subordinate clauses after a comma), with compounds for a realistic tail
 * of long words (LIX around 40–50, like real public-sector texts), numbers in Danish notation,
 * ordinals and the usual abbreviations (bl.a., fx, jf., ca., pct.). It reads like Danish at a
 * glance and exercises the same code paths (typography, hyphen-free long words, æ/ø/å) as real text.
 */
import type { Random } from "./random.ts";

// prettier-ignore
const NOUNS = [
  "kommune", "kommunerne", "borger", "borgerne", "ansøgning", "ansøgninger", "ydelse", "ydelserne", "myndighed",
  "myndighederne", "løsning", "løsningerne", "selvbetjening", "tilgængelighed", "undersøgelse", "undersøgelsen",
  "analyse", "analysen", "resultat", "resultaterne", "udvikling", "udviklingen", "andel", "andelen", "stigning",
  "fald", "periode", "perioden", "år", "året", "tal", "tallene", "statistik", "opgørelse", "opgørelsen", "henvendelse",
  "henvendelser", "borgerservice", "digitalisering", "velfærd", "pension", "boligstøtte", "dagtilbud", "regionerne",
  "sundhed", "beskæftigelse", "uddannelse", "arbejdsmarkedet", "indsats", "indsatsen", "initiativ", "initiativer",
  "aftale", "aftalen", "lovgivning", "bekendtgørelse", "vejledning", "vejledningen", "medarbejdere", "ledelsen",
  "organisation", "kommunikation", "hjemmesiden", "skærmlæser", "overskrift", "tekst", "teksten", "sprog",
  "målgruppe", "afsnit", "kapitel", "rapport", "rapporten", "forvaltning", "økonomi", "budget", "udgifter",
  "indtægter", "tilskud", "kvalitet", "datagrundlag", "registrering", "metode", "metoden", "usikkerhed",
  "sammenhæng", "forskel", "forskelle", "gruppe", "grupper", "alder", "aldersgrupper", "husstande", "familier",
  "børn", "unge", "ældre", "pensionister", "lønmodtagere", "virksomheder", "niveau", "niveauet", "gennemsnit",
  "median", "vurdering", "anbefaling", "anbefalinger", "krav", "regler", "rettigheder", "ansvar", "samarbejde",
  "partnerskab", "ministeriet", "styrelsen", "departementet", "folketinget", "praksis", "erfaringer", "behov",
  "mål", "målet", "område", "området", "opgave", "opgaver", "service", "kvalitetsmål", "sagsbehandling",
];

/** Short everyday nouns: real prose has many, and they keep LIX at a realistic level. */
// prettier-ignore
const SHORT_NOUNS = [
  "år", "tal", "mål", "krav", "sag", "sager", "hjem", "skole", "job", "løn", "by", "land", "plan", "data", "frist",
  "regel", "ret", "bolig", "hjælp", "barn", "brev", "svar", "tid", "del", "valg", "pris", "ting", "idé", "form",
  "vej", "sted", "brug", "folk", "hus", "kurs", "lov", "råd", "test", "side", "liste", "pligt", "måde", "trin",
];

/** Compounds: first part (with Danish linking -s- where it belongs) + head. */
// prettier-ignore
const COMPOUND_HEADS = [
  "område", "indsats", "politik", "tilbud", "niveau", "strategi", "løsning", "behandling", "udvalg", "analyse",
  "plan", "krav", "model", "grundlag", "rapport", "opgørelse", "tal", "system", "ordning", "tid", "forløb", "data",
];
// prettier-ignore
const COMPOUND_FIRSTS = [
  "sags", "velfærds", "beskæftigelses", "uddannelses", "sundheds", "borger", "kvalitets", "tilgængeligheds",
  "service", "arbejds", "børne", "ældre", "bolig", "løn", "digitaliserings", "kommunikations", "forvaltnings",
  "region", "stats", "tilsyns", "ydelses", "selvbetjenings",
];

// prettier-ignore
const VERBS_PRESENT = [
  "viser", "giver", "bruger", "søger", "hjælper", "omfatter", "dækker", "beskriver", "vurderer", "anbefaler",
  "forventer", "understøtter", "sikrer", "styrker", "øger", "reducerer", "gennemfører", "udarbejder", "offentliggør",
  "fastholder", "ændrer", "behandler", "modtager", "registrerer", "sammenligner", "får", "har", "kræver", "påvirker",
];
// prettier-ignore
const VERBS_PAST = [
  "viste", "gav", "brugte", "søgte", "hjalp", "omfattede", "dækkede", "beskrev", "vurderede", "anbefalede",
  "forventede", "sikrede", "styrkede", "øgede", "reducerede", "gennemførte", "udarbejdede", "offentliggjorde",
  "ændrede", "behandlede", "modtog", "registrerede", "fik", "havde", "krævede", "påvirkede",
];
const COPULAS = ["er", "var", "bliver", "blev", "har været", "vil være", "kan være", "skal være"];
const MODALS = ["kan", "skal", "vil", "bør", "må"];
// prettier-ignore
const INFINITIVES = [
  "bruge", "søge", "sikre", "styrke", "øge", "reducere", "gennemføre", "udarbejde", "vurdere", "beskrive",
  "understøtte", "ændre", "behandle", "følge", "måle", "forbedre", "forenkle", "dokumentere", "prioritere",
];
const INTRANSITIVE = ["stiger", "steg", "falder", "faldt", "ligger", "lå", "varierer", "varierede", "gælder", "gjaldt"];

// prettier-ignore
const ADJECTIVES = [
  "stor", "store", "lille", "små", "ny", "nye", "høj", "højere", "lav", "lavere", "digital", "digitale",
  "offentlig", "offentlige", "samlet", "samlede", "vigtig", "vigtige", "væsentlig", "væsentlige", "relevant",
  "relevante", "tilgængelig", "tilgængelige", "kommunal", "kommunale", "regional", "regionale", "national",
  "nationale", "foreløbige", "endelige", "gennemsnitlige", "typiske", "særlige", "tydelig", "forskellige",
  "enkelte", "samme", "hele", "kommende", "nuværende", "tidligere", "fælles", "centrale", "administrative",
];
// prettier-ignore
const PREDICATIVES = [
  "stor", "lille", "højere", "lavere", "tydelig", "væsentlig", "uændret", "stabil", "mindre", "større",
  "afgørende", "nødvendig", "vanskelig", "enkel", "tilstrækkelig", "begrænset", "usikker", "sammenlignelig",
];
// prettier-ignore
const ADVERBS = [
  "også", "fortsat", "stadig", "allerede", "især", "samtidig", "derfor", "dog", "typisk", "generelt", "ofte",
  "sjældent", "næsten", "kun", "endnu", "hidtil", "løbende", "fremover", "desuden", "i alt", "i dag", "fortsat ikke",
];
// prettier-ignore
const PREPOSITIONS = [
  "i", "i", "på", "på", "til", "fra", "med", "for", "om", "af", "under", "efter", "mellem", "blandt", "ved", "hos",
  "gennem", "inden for", "i forhold til", "uden for",
];
const DETERMINERS = [
  "den",
  "det",
  "de",
  "en",
  "et",
  "alle",
  "mange",
  "nogle",
  "flere",
  "disse",
  "denne",
  "hver",
  "vores",
  "deres",
];
const SUBORDINATORS = ["fordi", "når", "hvis", "selv om", "mens", "så", "da", "fordi", "hvor"];
const RELATIVES = ["som", "der"];
const COORDINATORS = ["og", "men", "og", "så"];
const MONTHS = [
  "januar",
  "februar",
  "marts",
  "april",
  "maj",
  "juni",
  "juli",
  "august",
  "september",
  "oktober",
  "november",
  "december",
];
const ORDINAL_UNITS = ["kvartal", "halvår"];

// prettier-ignore
export const FIRST_NAMES = [
  "Anne", "Mette", "Lars", "Jens", "Peter", "Hanne", "Søren", "Kirsten", "Niels", "Signe", "Jonas", "Freja",
  "Mads", "Ida", "Rasmus", "Line", "Karim", "Nanna", "Bo", "Louise", "Anders", "Camilla", "Thomas", "Lærke",
  "Mikkel", "Sara", "Henrik", "Maja", "Jesper", "Emma", "Ole", "Birgitte", "Ahmed", "Yasmin", "Kasper", "Julie",
];
// prettier-ignore
export const LAST_NAMES = [
  "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
  "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Holm", "Damsgaard", "Skovbo", "Nyborg",
  "Bech Lind", "Albrektsen", "Haddad", "Østergaard", "Kjær", "Bøgh", "Ærenlund", "Friis", "Vestergaard",
];
// prettier-ignore
export const TOPICS = [
  "statistik", "velfærd", "digitalisering", "borgerservice", "tilgængelighed", "sundhed", "beskæftigelse",
  "uddannelse", "økonomi", "ældre", "børn og unge", "bolig", "publicering", "kommunikation", "data", "klima",
];

export class Danish {
  constructor(private readonly random: Random) {}

  /** A noun, now and then a compound (the long words that drive LIX up). */
  noun(): string {
    const r = this.random;
    if (r.chance(0.08)) {
      const head = r.pick(COMPOUND_HEADS);
      return r.pick(COMPOUND_FIRSTS) + head + (r.chance(0.3) ? (head.endsWith("e") ? "rne" : "erne") : "");
    }
    return r.chance(0.35) ? r.pick(SHORT_NOUNS) : r.pick(NOUNS);
  }

  nounPhrase(): string {
    const r = this.random;
    return r.weighted<() => string>([
      [() => this.noun(), 4],
      [() => `${r.pick(DETERMINERS)} ${this.noun()}`, 3],
      [() => `${r.pick(DETERMINERS)} ${r.pick(ADJECTIVES)} ${this.noun()}`, 1.2],
      [() => `${r.pick(ADJECTIVES)} ${this.noun()}`, 1.2],
      [() => `${this.quantity()} ${this.noun()}`, 1],
      [() => `fx ${this.noun()}`, 0.3],
      [() => `${this.noun()} og ${this.noun()}`, 0.8],
    ])();
  }

  prepositionalPhrase(): string {
    const r = this.random;
    return r.weighted<() => string>([
      [() => `${r.pick(PREPOSITIONS)} ${this.nounPhrase()}`, 6],
      [() => `i ${this.year()}`, 1.5],
      [() => `fra ${this.year()} til ${this.year()}`, 0.5],
      [() => `i ${r.int(1, 4)}. ${r.pick(ORDINAL_UNITS)} ${this.year()}`, 0.5],
      [() => `den ${r.int(1, 28)}. ${r.pick(MONTHS)}`, 0.5],
      [() => `jf. kapitel ${r.int(1, 9)}`, 0.3],
      [() => `jf. § ${r.int(2, 80)}`, 0.15],
    ])();
  }

  year(): string {
    return String(this.random.int(2015, 2030));
  }

  /** Danish number notation: 1.856 and 5,8; "ca." and "pct." now and then. */
  quantity(): string {
    const r = this.random;
    return r.weighted<() => string>([
      [() => String(r.int(2, 99)), 3],
      [() => `${r.int(1, 999)}.${String(r.int(0, 999)).padStart(3, "0")}`, 2],
      [() => `ca. ${r.int(2, 90) * 10}`, 1],
      [() => `${r.int(1, 99)},${r.int(1, 9)} procent af`, 1],
      [() => `${r.int(2, 98)} pct. af`, 1],
      [() => `${r.int(2, 12)}. mest udbredte`, 0.3],
    ])();
  }

  /** One main clause, in V2 word order when it starts with an adverbial. */
  private mainClause(): string {
    const r = this.random;
    const subject = this.nounPhrase();
    const verb = r.chance(0.5) ? r.pick(VERBS_PRESENT) : r.pick(VERBS_PAST);
    const adverb = r.chance(0.3) ? ` ${r.pick(ADVERBS)}` : "";
    const pp = r.chance(0.6) ? ` ${this.prepositionalPhrase()}` : "";
    return r.weighted<() => string>([
      [() => `${subject} ${verb}${adverb} ${r.chance(0.15) ? "bl.a. " : ""}${this.nounPhrase()}${pp}`, 5],
      [() => `${this.prepositionalPhrase()} ${verb} ${subject}${adverb} ${this.nounPhrase()}`, 2],
      [() => `${subject} ${r.pick(COPULAS)}${adverb} ${r.pick(PREDICATIVES)}${pp}`, 2],
      [() => `${subject} ${r.pick(MODALS)}${adverb} ${r.pick(INFINITIVES)} ${this.nounPhrase()}${pp}`, 2],
      [() => `${subject} ${r.pick(INTRANSITIVE)}${adverb}${pp || ` ${this.prepositionalPhrase()}`}`, 1.5],
      [() => `det ${r.pick(COPULAS)} ${r.pick(PREDICATIVES)} at ${r.pick(INFINITIVES)} ${this.nounPhrase()}`, 0.8],
    ])();
  }

  private subordinateClause(): string {
    const r = this.random;
    const verb = r.chance(0.5) ? r.pick(VERBS_PRESENT) : r.pick(VERBS_PAST);
    return r.weighted<() => string>([
      [
        () =>
          `${r.pick(SUBORDINATORS)} ${this.nounPhrase()}${r.chance(0.3) ? " ikke" : ""} ${verb} ${this.nounPhrase()}`,
        3,
      ],
      [
        () =>
          `${r.pick(RELATIVES)} ${verb} ${this.nounPhrase()}${r.chance(0.5) ? ` ${this.prepositionalPhrase()}` : ""}`,
        2,
      ],
      [() => `at ${this.nounPhrase()} ${r.pick(MODALS)} ${r.pick(INFINITIVES)} ${this.nounPhrase()}`, 1],
    ])();
  }

  sentence(): string {
    const r = this.random;
    let text = this.mainClause();
    if (r.chance(0.3)) text += `, ${this.subordinateClause()}`;
    if (r.chance(0.1)) text += `, ${r.pick(COORDINATORS)} ${this.mainClause()}`;
    return `${capitalise(text)}${r.chance(0.04) ? "?" : "."}`;
  }

  paragraph(min = 3, max = 7): string {
    return Array.from({ length: this.random.int(min, max) }, () => this.sentence()).join(" ");
  }

  /** A short heading: a noun phrase, often with a prepositional phrase ("Forskelle mellem ..."). */
  heading(): string {
    const r = this.random;
    const head = r.chance(0.5) ? `${r.pick(ADJECTIVES)} ${this.noun()}` : this.noun();
    return capitalise(r.chance(0.6) ? `${head} ${r.pick(PREPOSITIONS)} ${this.noun()}` : head);
  }

  title(): string {
    const r = this.random;
    const genre = r.pick([
      "Analyse af",
      "Rapport om",
      "Vejledning i",
      "Evaluering af",
      "Strategi for",
      "Redegørelse om",
      "Kortlægning af",
      "Status for",
    ]);
    const subject = `${r.pick(ADJECTIVES.filter((a) => /e$/.test(a)))} ${this.noun()}`;
    return `${genre} ${subject}${r.chance(0.5) ? ` ${this.year()}` : ""}`;
  }

  /** A list item: a short phrase, lower case, no full stop (as Danish style guides prefer). */
  listItem(): string {
    const r = this.random;
    return r.chance(0.6) ? this.nounPhrase() : `${this.nounPhrase()} ${this.prepositionalPhrase()}`;
  }

  personName(): string {
    return `${this.random.pick(FIRST_NAMES)} ${this.random.pick(LAST_NAMES)}`;
  }
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
