/**
 * Lint before the browser: the Markdown sources are checked in milliseconds, with file and line,
 * for what an editor can fix and a browser audit would only find later and less precisely:
 * alt text that is a file name, empty links, link texts that say nothing on their own, skipped
 * heading levels, a level-1 heading in a foreword, and tables without a header row.
 *
 * A pure function of the model: it re-reads the source files the model names (the model does not
 * keep Markdown tokens). What the model already rejects is not reported twice: missing alt text on
 * Markdown images, a second `#` heading in chapters, news and pages, and raw HTML outside the
 * allow-list of src/security/raw-html.ts (images, h1, form fields, style attributes, <font>).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import type { Element } from "domhandler";
import type { Token } from "markdown-it";
import { parseMarkdown } from "../markdown/index.ts";
import { ProblemList, type ContentProblem } from "../model/index.ts";
import { parseSource } from "../model/index.ts";
import type { Language, Site } from "../model/index.ts";
import { findIgnore, type IgnoredRule } from "./ignore.ts";
import type { ContentMemo } from "../cache/index.ts";

export interface LintFinding extends ContentProblem {
  rule: LintRule;
  criterion?: string;
}

export interface LintResult {
  problems: LintFinding[];
  /** Findings an editor ignored in front matter, with the reason given. */
  ignored: { finding: LintFinding; reason: string }[];
  files: number;
}

export type LintRule =
  "alt-filnavn" | "tomt-link" | "uklar-linktekst" | "overskrift-spring" | "flere-h1" | "tabel-uden-overskrift";

/** WCAG criterion per lint rule (for reports and for ignoring by criterion). */
export const LINT_CRITERIA: Record<LintRule, string | undefined> = {
  "alt-filnavn": "1.1.1",
  "tomt-link": "2.4.4",
  "uklar-linktekst": "2.4.4",
  "overskrift-spring": "1.3.1",
  "flere-h1": "1.3.1",
  "tabel-uden-overskrift": "1.3.1",
};

/** What a document becomes on its page, which decides where its headings start. */
export type DocumentKind =
  | "chapter" // the layout shows the chapter title as h1; the model checks `#` headings
  | "body" // news and standing pages: h1 from front matter; the model checks `#` headings
  | "intro"; // a publication's foreword, shown under the h2 "Forord"; nobody else checks it

export interface LintDocument {
  file: string; // repository-relative, for messages
  text: string; // the whole file, front matter included
  kind: DocumentKind;
  lang: Language;
}

// Link texts that say nothing on their own (WCAG 2.4.4), compared after normalising case and punctuation.
// prettier-ignore
const VAGUE_LINK_TEXTS = new Set([
  "her", "klik", "klik her", "tryk her", "se her", "læs her", "læs mere", "læs mere her", "mere", "se mere",
  "link", "dette link", "linket", "denne side", "siden", "hent", "download", "læs", "videre", "gå til",
  "here", "click", "click here", "read more", "more", "learn more", "see more", "this link", "this page",
  "link here", "more info", "info", "go",
]);

const IMAGE_FILE = /\.(png|jpe?g|gif|svg|webp|avif|tiff?|bmp|heic)$/i;
const CAMERA_NAME =
  /^(img|image|dsc|dscn|dscf|pxl|pict|photo|foto|billede|screenshot|skærmbillede|skaermbillede)([\s_-]*\d[\d_\s-]*)?$/i;

/** Lints every source file of the site; findings the editor ignored in front matter are left out. */
export async function lintSite(site: Site): Promise<ContentProblem[]> {
  return (await lintSiteDetailed(site)).problems;
}

/** `memo` remembers each file's findings between builds (lintDocument is a pure function of its input). */
export async function lintSiteDetailed(site: Site, memo?: ContentMemo<LintFinding[]>): Promise<LintResult> {
  const repoRoot = path.dirname(site.contentDir);
  const jobs: { file: string; kind: DocumentKind; lang: Language; ignored: IgnoredRule[] }[] = [];
  for (const pub of site.publications) {
    jobs.push({ file: pub.sourcePath, kind: "intro", lang: pub.lang, ignored: pub.ignoredRules ?? [] });
    for (const chapter of pub.chapters)
      jobs.push({ file: chapter.sourcePath, kind: "chapter", lang: chapter.lang, ignored: chapter.ignoredRules });
  }
  for (const item of [...site.news, ...site.pages])
    jobs.push({ file: item.sourcePath, kind: "body", lang: item.lang, ignored: item.ignoredRules ?? [] });

  const result: LintResult = { problems: [], ignored: [], files: jobs.length };
  await Promise.all(
    jobs.map(async (job) => {
      const doc: LintDocument = {
        file: job.file,
        text: await readFile(path.join(repoRoot, job.file), "utf8"),
        kind: job.kind,
        lang: job.lang,
      };
      const findings = memo ? memo.get(JSON.stringify(doc), () => lintDocument(doc)) : lintDocument(doc);
      for (const finding of findings) {
        const ignore = findIgnore(job.ignored, { code: finding.rule, criterion: finding.criterion });
        if (ignore) result.ignored.push({ finding, reason: ignore.reason });
        else result.problems.push(finding);
      }
    }),
  );
  const order = (a: LintFinding, b: LintFinding) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0);
  result.problems.sort(order);
  result.ignored.sort((a, b) => order(a.finding, b.finding));
  return result;
}

/** Lints one Markdown file (front matter included). */
export function lintDocument(doc: LintDocument): LintFinding[] {
  const source = parseSource(doc.file, doc.text, new ProblemList());
  if (!source) return []; // broken front matter: the model reports it
  const findings: LintFinding[] = [];
  const add = (rule: LintRule, line: number, message: string, fix: string) => {
    const criterion = LINT_CRITERIA[rule];
    const tag = criterion ? `WCAG ${criterion}, ${rule}` : rule;
    findings.push({ file: doc.file, line, rule, criterion, message: `${message} [${tag}]`, fix });
  };

  const cover = source.data.forside as { billede?: unknown; alt?: unknown } | undefined;
  if (doc.kind === "intro" && typeof cover?.alt === "string" && typeof cover.billede === "string") {
    checkAlt(cover.alt, cover.billede, source.lineOf(["forside", "alt"]), add);
  }

  const parsed = parseMarkdown(source.body, {
    lang: doc.lang,
    firstLine: source.bodyLine,
    stripTitle: doc.kind === "chapter",
  });
  for (const image of parsed.images) {
    if (!image.decorative && image.alt) checkAlt(image.alt, image.src, image.line, add);
  }
  for (const link of parsed.links) checkLinkText(link.text.replace(/^""$/, ""), link.href, link.line, add);
  checkHeadings(parsed.tokens, doc.kind, source.bodyLine, add);
  checkMarkdownTables(parsed.tokens, source.bodyLine, add);
  checkRawHtml(parsed.rawHtml, add);
  return findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

type Add = (rule: LintRule, line: number, message: string, fix: string) => void;

function checkAlt(alt: string, src: string, line: number, add: Add): void {
  const text = alt.trim();
  const base = path.basename(src).replace(/\.[^.]+$/, "");
  const sameAsFile =
    text.toLowerCase() === path.basename(src).toLowerCase() || normaliseName(text) === normaliseName(base);
  if (IMAGE_FILE.test(text) || sameAsFile || CAMERA_NAME.test(text)) {
    add(
      "alt-filnavn",
      line,
      `alt-teksten »${text}« til billedet ${src} er et filnavn, ikke en beskrivelse`,
      "Skriv i stedet, hvad billedet viser eller betyder for teksten, fx ![Søjlediagram: ansøgningerne steg fra 40 til 70 %](" +
        src +
        ")",
    );
  }
}

function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[\s_-]+/g, " ")
    .trim();
}

function normaliseLinkText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[»«"“”„'‘’.,:;!?…→›‹()[\]]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function checkLinkText(text: string, href: string, line: number, add: Add): void {
  if (!text.trim()) {
    add(
      "tomt-link",
      line,
      `linket til ${href || "(intet mål)"} har ingen tekst, så en skærmlæser kan ikke sige, hvor det fører hen`,
      "Skriv en linktekst mellem de firkantede parenteser, fx [Rapporten om tilgængelighed](" +
        (href || "adresse") +
        ")",
    );
    return;
  }
  if (VAGUE_LINK_TEXTS.has(normaliseLinkText(text))) {
    add(
      "uklar-linktekst",
      line,
      `linkteksten »${text.trim()}« siger ikke, hvor linket fører hen`,
      "Skriv en linktekst, der giver mening alene (også i en liste over sidens links), fx »Læs vejledningen om linktekster« i stedet for »læs mere«",
    );
  }
}

function headingFix(expected: number): string {
  return `Brug ${"#".repeat(expected)} (niveau ${expected}) her, eller indsæt den manglende overordnede overskrift; niveauer må ikke springes over`;
}

/** Headings must not skip a level on the way down; the page's own headings set where they start. */
function checkHeadings(tokens: Token[], kind: DocumentKind, bodyLine: number, add: Add): void {
  const start = kind === "intro" ? 2 : 1; // the layout's h1 (or the foreword's h2) comes first
  let previous = start;
  const visit = (level: number, line: number, raw: boolean) => {
    if (level === 1 && kind === "intro" && !raw) {
      add(
        "flere-h1",
        line,
        "forordet har en overskrift på niveau 1; publikationens titel er sidens eneste niveau 1",
        "Skriv mellemrubrikker i forordet med ### (forordet står selv under overskriften »Forord«)",
      );
    } else if (level > previous + 1) {
      add(
        "overskrift-spring",
        line,
        `overskriften springer fra niveau ${previous} til niveau ${level}`,
        headingFix(previous + 1),
      );
    }
    previous = Math.max(level, start);
  };
  for (const token of tokens) {
    if (token.type === "heading_open") visit(Number(token.tag.slice(1)), lineOf(token, bodyLine), false);
    if (token.type === "html_block") {
      const $ = loadFragment(token.content);
      $("h1, h2, h3, h4, h5, h6").each((_, el) =>
        visit(Number(el.tagName.slice(1)), lineOf(token, bodyLine) + lineInFragment(el), true),
      );
    }
  }
}

function checkMarkdownTables(tokens: Token[], bodyLine: number, add: Add): void {
  tokens.forEach((token, i) => {
    if (token.type !== "thead_open") return;
    const headerTexts: string[] = [];
    for (let j = i + 1; j < tokens.length && tokens[j].type !== "thead_close"; j++) {
      if (tokens[j].type === "th_open") headerTexts.push(tokens[j + 1]?.content.trim() ?? "");
    }
    if (headerTexts.every((text) => !text)) {
      add(
        "tabel-uden-overskrift",
        lineOf(token, bodyLine),
        "tabellens første række (kolonneoverskrifterne) er tom",
        "Skriv en overskrift i hver kolonne i tabellens første række, fx | Kommune | Antal |",
      );
    }
  });
}

function lineOf(token: Token, bodyLine: number): number {
  return token.map ? token.map[0] + bodyLine : bodyLine;
}

function loadFragment(html: string) {
  return cheerio.load(html, { sourceCodeLocationInfo: true }, false);
}

/** 0-based line of an element inside its fragment. */
function lineInFragment(el: Element): number {
  return (el.sourceCodeLocation?.startLine ?? 1) - 1;
}

/** Raw HTML: links and tables. Block fragments may split a table over several blocks. */
function checkRawHtml(chunks: { html: string; line: number }[], add: Add): void {
  let openTable: { html: string; line: number } | undefined;
  for (const chunk of chunks) {
    const $ = loadFragment(chunk.html);
    const at = (el: Element) => chunk.line + lineInFragment(el);

    $("a[href]").each((_, el) => {
      if (!el.sourceCodeLocation?.endTag) return; // opened here, closed in a later fragment: text unknown
      const $a = $(el);
      const text = [
        $a.text(),
        ...$a
          .find("img[alt]")
          .map((_, img) => $(img).attr("alt"))
          .get(),
      ]
        .join(" ")
        .trim();
      const named = $a.attr("aria-label")?.trim() || $a.attr("aria-labelledby")?.trim();
      if (!named) checkLinkText(text, $a.attr("href") ?? "", at(el), add);
    });

    // Tables: collect from the opening <table> to its </table>, across fragments.
    if (openTable) openTable.html += "\n" + chunk.html;
    else if (/<table\b/i.test(chunk.html)) openTable = { ...chunk };
    if (openTable && /<\/table\s*>/i.test(openTable.html)) {
      checkRawTables(openTable, add);
      openTable = undefined;
    }
  }
}

function checkRawTables(fragment: { html: string; line: number }, add: Add): void {
  const $ = loadFragment(fragment.html);
  $("table").each((_, el) => {
    const $table = $(el);
    if (["presentation", "none"].includes($table.attr("role") ?? "")) return;
    const headers = $table
      .find("th")
      .filter((_, th) => $(th).text().trim() !== "" || Boolean($(th).attr("aria-label")));
    if (headers.length === 0) {
      add(
        "tabel-uden-overskrift",
        fragment.line + lineInFragment(el),
        "tabellen i HTML-koden har ingen overskriftsceller (<th>), så en skærmlæser kan ikke sige, hvad tallene betyder",
        'Skriv tabellen i Markdown (første række bliver kolonneoverskrifter), eller brug <th scope="col"> i første række',
      );
    }
  });
}
