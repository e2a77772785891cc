/**
 * A draft accessibility statement (tilgængelighedserklæring) from the latest audit, following the
 * EU model statement (Commission Implementing Decision (EU) 2018/1523) as the Danish WAS tool asks
 * for it: compliance status, content that is not accessible and why, how and when it was assessed,
 * feedback and contact (phone and written), and the enforcement procedure.
 *
 * One structure, two renditions: HTML for the site's /tilgaengelighedserklaering/ page (for sites
 * without a WAS entry) and plain text an editor copies into the WAS tool.
 */
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { formatDate } from "../i18n/index.ts";
import type { Site } from "../model/index.ts";
import type { BuildContext } from "../pipeline/index.ts";
import { ruleMatches } from "./ignore.ts";
import type { LintResult } from "./lint.ts";
import { criterionLabel } from "./wcag.ts";

export type Inline = string | { text: string; href: string };
export type Block = { paragraph: Inline[] } | { list: Inline[][] };
export interface Section {
  heading: string;
  blocks: Block[];
}

/** The page that holds the draft, and the place its layout leaves for it (filled by the pages stage). */
export const STATEMENT_FILE = "tilgaengelighedserklaering/index.html";
export const STATEMENT_START = "<!-- udgiv:tilgaengelighedserklaering -->";
export const STATEMENT_END = "<!-- /udgiv:tilgaengelighedserklaering -->";

const ENFORCEMENT_URL = "https://digst.dk/digital-inklusion/webtilgaengelighed/oplever-du-ikke-tilgaengeligt-indhold/";

/** What the statement says of this build: known before any page is audited (see knownIssues). */
export interface StatementFacts {
  /** ISO date the statement is prepared (contentDate). */
  date: string;
  /** Pages of the site, the statement's own included. */
  pageCount: number;
  lint: LintResult;
  /** Export documents (EPUB, PDF) published beside the pages. */
  documents: number;
}

/**
 * The statement of this build, from the model and the results of the stages before the pages
 * are written; undefined when the build skips the gate (then nothing is checked to state).
 */
export async function statementSectionsOf(ctx: BuildContext): Promise<Section[] | undefined> {
  const [lint, html, epub, pdf] = await Promise.all([
    ctx.result("a11y-lint"),
    ctx.result("html"),
    ctx.result("epub"),
    ctx.result("pdf"),
  ]);
  if (!lint?.lint || !html) return undefined;
  return statementSections(ctx.site, {
    date: contentDate(ctx.site, ctx.options.sourceDateEpoch),
    pageCount: html.pages.filter((p) => p.file.endsWith(".html")).length,
    lint: lint.lint,
    documents: (epub?.downloads.size ?? 0) + (pdf?.downloads.size ?? 0),
  });
}

export function statementSections(site: Site, result: StatementFacts): Section[] {
  const info = site.info;
  const p = (...parts: Inline[]): Block => ({ paragraph: parts });
  const version = (name: string) =>
    (createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version;
  const knownIssues = knownIssuesOf(site, result.lint);
  const contact: Inline[] = [
    `Oplever du indhold på ${info.baseUrl}, som ikke er tilgængeligt, eller har du brug for oplysninger i en anden form, så kontakt ${info.name}: skriv til `,
    { text: info.contact.email, href: `mailto:${info.contact.email}` },
    ", eller ring på ",
    { text: info.contact.phone, href: `tel:${info.contact.phone.replace(/\s+/g, "")}` },
    info.contact.address ? ` (post: ${info.contact.address}).` : ".",
  ];

  return [
    {
      heading: "Om erklæringen",
      blocks: [
        p(
          `${info.name} forpligter sig til at gøre webstedet ${info.baseUrl} tilgængeligt i overensstemmelse med lov om tilgængelighed af offentlige organers websteder og mobilapplikationer (webtilgængelighedsloven). Denne tilgængelighedserklæring gælder for ${info.baseUrl}.`,
        ),
      ],
    },
    {
      heading: "Overholdelsesstatus",
      blocks:
        knownIssues.length > 0
          ? [
              p(
                "Webstedet overholder delvist standarden EN 301 549 (WCAG 2.1 niveau AA) på grund af de mangler, der er nævnt under »Indhold, der ikke er tilgængeligt«.",
              ),
            ]
          : [
              p("Webstedet overholder delvist standarden EN 301 549 (WCAG 2.1 niveau AA)."),
              p(
                "Den automatiske kontrol fandt ingen fejl. Automatiske værktøjer finder dog kun en del af de mulige fejl, så status bør først ændres til »overholder fuldt ud«, når en manuel gennemgang har bekræftet det.",
              ),
            ],
    },
    {
      heading: "Indhold, der ikke er tilgængeligt",
      blocks: [
        p("Manglende overholdelse af lovgivningen:"),
        knownIssues.length > 0
          ? {
              list: knownIssues.map((e) => [
                `${e.title} (${e.url}): ${criterionLabel(e.criterion)} – ${e.reason}${e.count ? ` (${e.count} fund i kildeteksten)` : ""}.`,
              ]),
            }
          : p("Den automatiske kontrol fandt intet indhold, der ikke overholder kravene."),
        p("Uforholdsmæssig stor byrde: Vi undtager ikke indhold med henvisning til uforholdsmæssig stor byrde."),
        p(
          "Indhold, der ikke er omfattet af lovgivningen: Vi kender ikke til indhold på webstedet, der er undtaget fra loven.",
        ),
      ],
    },
    {
      heading: "Udarbejdelse af denne tilgængelighedserklæring",
      blocks: [
        p(
          `Erklæringen er udarbejdet ${formatDate(result.date, "da")} ud fra den seneste automatiske kontrol. Det offentlige organ har selv evalueret webstedet.`,
        ),
        p(
          `Metode: Ved hver udgivelse kontrolleres alle ${result.pageCount} sider på webstedet automatisk med pa11y ${version("pa11y")} (axe-core ${version("axe-core")} og HTML_CodeSniffer) efter WCAG 2.1 niveau AA i Chromium, søgesiden med viste resultater og farvekontrasten også i mørkt farveskema. Før det kontrolleres kildeteksterne (${result.lint.files} filer) for alt-tekster, linktekster, overskriftsniveauer, tabeller og farver. En side med fejl bliver ikke udgivet.`,
        ),
        p(
          `Webstedet har desuden ${result.documents} ${result.documents === 1 ? "dokument" : "dokumenter"} til download (EPUB og PDF), der laves fra de samme tekster og kontrolleres, når de eksporteres.`,
        ),
        p(
          "Det kan den automatiske kontrol ikke afgøre: om alt-tekster og linktekster beskriver indholdet rigtigt, om overskrifter og rækkefølge giver mening, om teksten er let at forstå, om alt kan bruges med tastatur alene og med skærmlæser, og om siderne fungerer ved 400 % forstørrelse. Det kræver en manuel gennemgang.",
        ),
        p(
          "Erklæringen skal ajourføres, når webstedet ændres på en måde, der har betydning for den, og mindst én gang om året.",
        ),
      ],
    },
    {
      heading: "Feedback og kontaktoplysninger",
      blocks: [
        p(...contact),
        p("Skriv ikke fortrolige eller følsomme personoplysninger, fx dit cpr-nummer, når du kontakter os."),
      ],
    },
    {
      heading: "Håndhævelsesprocedure",
      blocks: [
        p(
          `Kontakt først ${info.name}. Får du ikke et tilfredsstillende svar inden for 10 arbejdsdage, kan du henvende dig til Digitaliseringsstyrelsen, som fører tilsyn med, at offentlige websteder overholder webtilgængelighedsloven: `,
          {
            text: "Digitaliseringsstyrelsens vejledning, hvis du oplever ikke-tilgængeligt indhold",
            href: ENFORCEMENT_URL,
          },
          ".",
        ),
      ],
    },
  ];
}

/**
 * The content an editor has declared not accessible: every rule a page ignores in its front
 * matter, with the reason given, and the lint findings it covers. The gate fails a page on any
 * finding not so declared, so in a published build these are the known exceptions; the gate's
 * report (reports/a11y/) counts what each one covered in the browser.
 */
function knownIssuesOf(site: Site, lint: LintResult) {
  const entries = new Map<
    string,
    { title: string; url: string; rule: string; criterion?: string; reason: string; count: number }
  >();
  const items = [...site.publications.flatMap((p) => [p, ...p.chapters]), ...site.news, ...site.pages];
  for (const item of items) {
    for (const { rule, reason } of item.ignoredRules ?? []) {
      entries.set(`${item.url}\0${rule}`, {
        title: item.title,
        url: item.url,
        rule,
        criterion: criterionIn(rule),
        reason,
        count: 0,
      });
    }
  }
  for (const { finding } of lint.ignored) {
    const item = items.find((i) => i.sourcePath === finding.file);
    const url = item?.url ?? finding.file;
    const entry = [...entries.values()].find(
      (e) => e.url === url && ruleMatches(e.rule, { code: finding.rule, criterion: finding.criterion }),
    );
    if (entry) entry.count++; // every ignored finding has its declared entry
  }
  return [...entries.values()].sort((a, b) => a.url.localeCompare(b.url) || a.rule.localeCompare(b.rule));
}

/** The WCAG criterion a declared rule names ("1.4.3", "WCAG 1.4.3"), if it names one. */
function criterionIn(rule: string): string | undefined {
  return /^(?:wcag\s*)?(\d+\.\d+\.\d+)$/i.exec(rule.trim())?.[1];
}

const escape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function inlineHtml(parts: Inline[]): string {
  return parts
    .map((part) =>
      typeof part === "string" ? escape(part) : `<a href="${escape(part.href)}">${escape(part.text)}</a>`,
    )
    .join("");
}

/** The sections as HTML for the site page (headings start at h2: the layout holds the h1). */
export function statementHtml(sections: Section[]): string {
  return sections
    .map((section) =>
      [
        `<h2>${escape(section.heading)}</h2>`,
        ...section.blocks.map((block) =>
          "paragraph" in block
            ? `<p>${inlineHtml(block.paragraph)}</p>`
            : `<ul>\n${block.list.map((item) => `  <li>${inlineHtml(item)}</li>`).join("\n")}\n</ul>`,
        ),
      ].join("\n"),
    )
    .join("\n");
}

/** The sections as plain text, in the order of the WAS tool's fields. */
export function statementText(site: Site, sections: Section[]): string {
  const inline = (parts: Inline[]) =>
    parts
      .map((part) =>
        typeof part === "string" || /^(mailto|tel):/.test(part.href) ? textOf(part) : `${part.text} (${part.href})`,
      )
      .join("");
  const body = sections.map((section) =>
    [
      section.heading.toUpperCase(),
      ...section.blocks.map((block) =>
        "paragraph" in block ? inline(block.paragraph) : block.list.map((item) => `- ${inline(item)}`).join("\n"),
      ),
    ].join("\n\n"),
  );
  return (
    [
      `Tilgængelighedserklæring for ${site.info.name} – udkast til WAS-værktøjet`,
      `Skrevet af Udgiv ud fra den seneste automatiske kontrol. Gennemse teksten, og kopiér den ind i felterne med samme navn i WAS-værktøjet (${site.info.accessibilityStatementUrl}).`,
      ...body,
    ].join("\n\n") + "\n"
  );
}

function textOf(part: Inline): string {
  return typeof part === "string" ? part : part.text;
}

/** Puts the statement into the page the layout rendered, between its markers; false when there is no such page. */
export function fillStatementPage(pageHtml: string, sectionsHtml: string): string | undefined {
  const start = pageHtml.indexOf(STATEMENT_START);
  const end = pageHtml.indexOf(STATEMENT_END);
  if (start < 0 || end < start) return undefined;
  return pageHtml.slice(0, start + STATEMENT_START.length) + "\n" + sectionsHtml + "\n" + pageHtml.slice(end);
}

/**
 * The date the statement is "prepared": reproducible for a commit. The build's sourceDateEpoch
 * (SOURCE_DATE_EPOCH) when set, else the date of the content's last commit, else the newest date in the content.
 */
export function contentDate(site: Site, epoch?: number): string {
  if (epoch !== undefined && epoch > 0) return new Date(epoch * 1000).toISOString().slice(0, 10);
  try {
    const date = execFileSync("git", ["log", "-1", "--format=%cs", "--", "."], {
      cwd: site.contentDir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  } catch {
    // not a git checkout
  }
  const dates = [...site.publications.flatMap((p) => [p.date, p.updated ?? p.date]), ...site.news.map((n) => n.date)];
  return dates.sort().at(-1) ?? "1970-01-01";
}
