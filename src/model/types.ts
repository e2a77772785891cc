/**
 * The one content model of a site. Built once per build from content/ by loadSite()
 * and shared by every rendition: the HTML pages, EPUB, PDF, search, feeds and the gate.
 * Dates are ISO strings (yyyy-mm-dd) so the model serialises cleanly into Eleventy data.
 */

export type Language = "da" | "en";

export interface House {
  id: string;
  name: string;
  shortName: string;
  description: string;
  url: string; // site-relative, e.g. /huse/styrelsen/
}

export interface Contact {
  email: string;
  phone: string;
  address?: string;
}

export interface SiteInfo {
  name: string;
  description: string;
  baseUrl: string; // absolute, no trailing slash, e.g. https://udgiv.example.dk
  language: Language;
  accessibilityStatementUrl: string; // the WAS statement
  contact: Contact;
  houses: House[];
  /** LIX target per audience (issue 9); e.g. { borgere: 40 }. */
  audienceTargets: Record<string, number>;
}

export interface Heading {
  level: number;
  id: string;
  text: string;
}

/** A processed image: responsive markup plus one plain variant for EPUB/PDF. */
export interface ImageAsset {
  /** Path of the source file, relative to the repository (for messages). */
  source: string;
  alt: string;
  /** Largest JPEG/PNG variant: absolute file path on disk and its site URL. */
  fallbackFile: string;
  fallbackUrl: string;
  width: number;
  height: number;
  mimeType: string;
  /** Responsive `<picture>` markup for the web pages. */
  pictureHtml: string;
}

/**
 * Plain-language measure of running prose (issue 9): LIX = words per sentence + % words of
 * more than six letters. Computed by src/readability when the model loads.
 */
export interface ReadabilitySummary {
  /** LIX with one decimal (e.g. 38.4); show it rounded. */
  lix: number;
  band: "very-easy" | "easy" | "medium" | "hard" | "very-hard";
  /** The band in the text's language, e.g. "let" / "easy". */
  bandText: string;
  words: number;
  sentences: number;
  readingMinutes: number;
}

export interface Chapter {
  slug: string;
  title: string;
  order: number;
  lang: Language;
  /** Rendered body HTML (the level-1 title is not included; layouts render it). */
  html: string;
  headings: Heading[]; // level 2 and 3 headings of the chapter
  images: ImageAsset[];
  sourcePath: string; // e.g. content/publikationer/x/01-indledning.md
  url: string; // site-relative, e.g. /publikationer/x/indledning/
  /** Rules the accessibility gate ignores on this page, with the editor's reason. */
  ignoredRules: { rule: string; reason: string }[];
  readability: ReadabilitySummary;
}

export interface Contributor {
  name: string;
  role: "forfatter" | "redaktør" | "bidragyder" | "illustrator" | "fotograf";
}

export interface Publication {
  slug: string;
  title: string;
  subtitle?: string;
  summary: string;
  lang: Language;
  date: string; // ISO date
  updated?: string; // ISO date
  house: string; // House id
  contributors: Contributor[];
  topics: string[];
  isbn?: string; // digits only, 13 (or 10)
  audience: string;
  cover?: ImageAsset;
  exports: { epub: boolean; pdf: boolean };
  /** Foreword / summary text from index.md, rendered. */
  introHtml: string;
  chapters: Chapter[];
  sourcePath: string; // content/publikationer/x/index.md
  url: string; // /publikationer/x/
  /** Rules the accessibility gate ignores on the publication page, with the editor's reason. */
  ignoredRules: { rule: string; reason: string }[];
  /** A hash of every source file of the publication: cache key for exports. */
  contentHash: string;
  /** Over all chapters together. */
  readability: ReadabilitySummary;
}

export interface NewsItem {
  slug: string;
  title: string;
  summary: string;
  lang: Language;
  date: string;
  house: string;
  topics: string[];
  html: string;
  images: ImageAsset[];
  sourcePath: string;
  url: string; // /nyheder/slug/
  ignoredRules: { rule: string; reason: string }[];
}

export interface StandingPage {
  slug: string;
  title: string;
  summary?: string;
  lang: Language;
  html: string;
  images: ImageAsset[];
  sourcePath: string;
  url: string; // /slug/
  ignoredRules: { rule: string; reason: string }[];
}

export interface Site {
  info: SiteInfo;
  publications: Publication[]; // newest first
  news: NewsItem[]; // newest first
  pages: StandingPage[];
  topics: string[]; // sorted, Danish collation
  /** Absolute content folder the model was read from. */
  contentDir: string;
  /** Every image variant file the site uses (absolute paths in the image cache). */
  imageFiles: string[];
}
