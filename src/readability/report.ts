/**
 * What the build tells editors about plain language: a warning per chapter that is harder to
 * read than its audience's LIX target, and a Markdown report of every publication and chapter.
 * Pure functions over the Site model, so the stage only decides where the text goes.
 */
import type { Chapter, Publication, ReadabilitySummary, Site } from "../model/index.ts";
import { bandText, type Readability } from "./index.ts";
import { fullOf } from "./model.ts";

export interface LixWarning {
  publication: Publication;
  chapter: Chapter;
  audience: string;
  target: number;
  detail: Readability;
}

/** The LIX as shown to people: a whole number. Targets are compared with this value too. */
export function shownLix(r: Pick<ReadabilitySummary, "lix">): number {
  return Math.round(r.lix);
}

/** The publication's audience target, if its audience has one in site.json (`maalgrupper`). */
export function targetFor(site: Site, publication: Publication): number | undefined {
  const target = site.info.audienceTargets[publication.audience];
  return typeof target === "number" ? target : undefined;
}

/** Every chapter whose shown LIX is above its publication's audience target, in site order. */
export function lixWarnings(site: Site): LixWarning[] {
  const warnings: LixWarning[] = [];
  for (const publication of site.publications) {
    const target = targetFor(site, publication);
    if (target === undefined) continue;
    for (const chapter of publication.chapters) {
      if (chapter.readability.words === 0 || shownLix(chapter.readability) <= target) continue;
      warnings.push({
        publication,
        chapter,
        audience: publication.audience,
        target,
        detail: fullOf(chapter.readability),
      });
    }
  }
  return warnings;
}

/**
 * Publications whose audience has no target, so none of their chapters is checked: often a
 * misspelt `maalgruppe`. One line each, for the build log.
 */
export function untargetedNotices(site: Site): string[] {
  const known = Object.keys(site.info.audienceTargets).join(", ") || "ingen";
  return site.publications
    .filter((p) => targetFor(site, p) === undefined)
    .map(
      (p) =>
        `${p.sourcePath}: maalgruppe: målgruppen »${p.audience}« har intet LIX-mål, så teksten kontrolleres ikke for klart sprog. ` +
        `Ret maalgruppe til en af målgrupperne (${known}), eller giv »${p.audience}« et mål under maalgrupper i content/_data/site.json`,
    );
}

const QUOTE_LENGTH = 140;

/** The sentence in quotes, cut at a word boundary when it is long. */
function quote(sentence: string): string {
  if (sentence.length <= QUOTE_LENGTH) return `»${sentence}«`;
  const cut = sentence.slice(0, QUOTE_LENGTH);
  const space = cut.lastIndexOf(" ");
  return `»${(space > QUOTE_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/u, "")} …«`;
}

/**
 * One warning as the editor reads it: `file:line: what. How to fix.` (line = the longest
 * sentence), then the longest sentences with their lines and the most frequent long words.
 */
export function formatWarning(w: LixWarning): string {
  const { detail, chapter } = w;
  const longest = detail.longestSentences[0];
  const where = longest ? `${chapter.sourcePath}:${longest.line}` : chapter.sourcePath;
  const lines = [
    `${where}: kapitlet »${chapter.title}« har LIX ${shownLix(detail)} (${bandText(detail.band, "da")}), ` +
      `men målet for målgruppen ${w.audience} er højst ${w.target}. ` +
      "Del de lange sætninger op, og skift lange ord ud med kortere og mere almindelige ord, hvor det kan lade sig gøre.",
  ];
  if (detail.longestSentences.length) {
    lines.push("    Længste sætninger:");
    for (const s of detail.longestSentences) lines.push(`      linje ${s.line} (${s.words} ord): ${quote(s.text)}`);
  }
  if (detail.frequentLongWords.length) {
    const words = detail.frequentLongWords.map((w) => `${w.word} (${w.count})`).join(", ");
    lines.push(`    Hyppigste lange ord: ${words}`);
  }
  return lines.join("\n");
}

/** All warnings under one heading; `strict` words it as the reason the build stopped. */
export function formatWarnings(warnings: LixWarning[], strict: boolean): string {
  const n = warnings.length;
  const what = n === 1 ? "1 kapitel er sværere at læse" : `${n} kapitler er sværere at læse`;
  const head = strict
    ? `Byggeriet stoppede: ${what} end målet for målgruppen (streng LIX-kontrol er slået til):`
    : `Advarsel om klart sprog: ${what} end målet for målgruppen (sitet bygges alligevel):`;
  const tail = strict
    ? "Gør teksterne lettere og byg igen, eller byg uden --strict-lix / UDGIV_STRICT_LIX=1. Intet er udgivet."
    : "LIX = ord pr. sætning + procent lange ord (over seks bogstaver). Målene står under maalgrupper i content/_data/site.json.";
  return [head, ...warnings.map((w) => "  " + formatWarning(w)), "", tail].join("\n");
}

// ---------------------------------------------------------------------------
// reports/readability.md

const decimal = (n: number): string => n.toFixed(1).replace(".", ",");
const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();

function row(name: string, file: string, r: ReadabilitySummary, target: number | undefined): string {
  const over = target !== undefined && r.words > 0 && shownLix(r) > target ? " ⚠ over målet" : "";
  return `| ${cell(name)} | ${cell(file)} | ${decimal(r.lix)}${over} | ${bandText(r.band, "da")} | ${r.words} | ${r.sentences} | ${r.readingMinutes} |`;
}

const TABLE_HEAD = [
  "| Del | Fil | LIX | Sværhedsgrad | Ord | Sætninger | Læsetid (min.) |",
  "|---|---|---:|---|---:|---:|---:|",
];

/** The editor's overview: every publication and chapter with LIX, band, words and sentences. */
export function readabilityReport(site: Site): string {
  const out = [
    "# Klart sprog: LIX for publikationerne",
    "",
    "LIX (læsbarhedsindeks) = ord pr. sætning + procent lange ord (over seks bogstaver), målt på den løbende tekst " +
      "(uden kode, tabeller, figurtekster, noter og webadresser). Under 25 er meget let, 25–34 let, 35–44 middel, " +
      "45–54 svær og 55 eller mere meget svær.",
    "",
    `Mål pr. målgruppe (content/_data/site.json, maalgrupper): ${
      Object.entries(site.info.audienceTargets)
        .map(([a, t]) => `${a} højst ${t}`)
        .join(", ") || "ingen"
    }.`,
    "",
    `Advarsler: ${lixWarnings(site).length}.`,
  ];
  for (const publication of site.publications) {
    const target = targetFor(site, publication);
    out.push(
      "",
      `## ${publication.title}`,
      "",
      `Målgruppe: ${publication.audience}${target === undefined ? " (intet mål)" : ` (mål: højst ${target})`}. ` +
        `Sprog: ${publication.lang}.`,
      "",
      ...TABLE_HEAD,
      row("Hele publikationen", `${publication.sourcePath.replace(/[^/]*$/, "")}`, publication.readability, target),
      ...publication.chapters.map((c) => row(c.title, c.sourcePath, c.readability, target)),
    );
  }
  return out.join("\n") + "\n";
}
