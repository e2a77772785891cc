/**
 * The shape of a language's string catalogue: every word Udgiv shows a reader, on the pages, in
 * the EPUB, in the PDF and in the download links. One table per language (./da.ts, ./en.ts)
 * `satisfies` this type, so a key missing from one language fails `tsc`.
 * Editor-facing build messages are Danish and stay with the code that reports them.
 * Types only: this module imports nothing at run time.
 */
import type { Contributor } from "../model/index.ts";

export type Role = Contributor["role"];
export type Band = "very-easy" | "easy" | "medium" | "hard" | "very-hard";

/** Words shown as they are, by key: the Nunjucks `t` filter, the EPUB and the print document. */
export interface Texts {
  // Pages (layouts/)
  skipLink: string;
  home: string;
  publications: string;
  news: string;
  search: string;
  searchLabel: string;
  houses: string;
  topics: string;
  breadcrumb: string;
  mainNav: string;
  contents: string;
  chapter: string;
  previous: string;
  next: string;
  published: string;
  updated: string;
  publisher: string;
  isbn: string;
  /** The heading of a publication's download links. */
  download: string;
  readOnline: string;
  footnotes: string;
  footnoteRef: string;
  footnoteBack: string;
  table: string;
  accessibilityStatement: string;
  contact: string;
  latestPublications: string;
  latestNews: string;
  allPublications: string;
  allNews: string;
  byYear: string;
  byHouse: string;
  byTopic: string;
  notFound: string;
  readingLevel: string;
  readingTime: string;
  minutes: string;
  lixTitle: string;
  approx: string;
  language: string;
  onThisPage: string;
  chapters: string;
  foreword: string;
  colophon: string;
  // EPUB front and back matter
  cover: string;
  titlePage: string;
  landmarks: string;
  startOfText: string;
  readOnlineLink: string;
  accessibility: string;
  // Print document (PDF)
  page: string;
  pageOf: string;
  pageRef: string;
  onlineEdition: string;
  // Download links: "PDF, 245 kB, 12 sider"
  downloadPages: string;
}

export type UiKey = keyof Texts;

/** The EPUB's accessibility summary (schema:accessibilitySummary), sentence by sentence. */
export interface AccessibilitySummaryText {
  conformance: string;
  navigation: string;
  /** Every image has alt text, and every figure a caption. */
  imagesAndCaptions: string;
  images: string;
  captions: string;
  /** Every table has a caption and header cells. */
  tables: string;
  /** Every table has header cells, not every one a caption. */
  tableHeaders: string;
  footnotes: string;
  reflow: string;
  hazards: string;
  readingLevel(lix: number, bandText: string): string;
}

export interface Catalogue {
  /** BCP 47 locale for numbers and lists (Intl). */
  locale: string;
  /** Open Graph locale. */
  ogLocale: string;
  /** luxon format of a date in running text. */
  dateFormat: string;
  /** markdown-it typographer quotes: double open/close, single open/close. */
  quotes: string;
  text: Texts;
  /** A contributor's role, as a heading over one name and over several. */
  roles: Record<Role, { one: string; many: string }>;
  /** LIX bands, e.g. "middel". */
  bands: Record<Band, string>;
  accessibilitySummary: AccessibilitySummaryText;
}
