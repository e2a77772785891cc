/** UI strings in Danish and English, and dates through luxon in the page's language. */
import { DateTime } from "luxon";
import type { Language } from "../model/types.ts";

const strings = {
  da: {
    skipLink: "Gå til indhold",
    home: "Forside",
    publications: "Publikationer",
    news: "Nyheder",
    search: "Søg",
    searchLabel: "Søg på tværs af husene",
    houses: "Husene",
    topics: "Emner",
    breadcrumb: "Brødkrumme",
    mainNav: "Hovedmenu",
    contents: "Indhold",
    chapter: "Kapitel",
    previous: "Forrige",
    next: "Næste",
    published: "Udgivet",
    updated: "Opdateret",
    publisher: "Udgiver",
    authors: "Forfattere",
    isbn: "ISBN",
    download: "Hent publikationen",
    readOnline: "Læs online",
    footnotes: "Noter",
    footnoteRef: "Note",
    footnoteBack: "Tilbage til teksten ved note",
    table: "Tabel",
    accessibilityStatement: "Tilgængelighedserklæring",
    contact: "Kontakt",
    latestPublications: "Nyeste publikationer",
    latestNews: "Nyeste nyheder",
    allPublications: "Alle publikationer",
    allNews: "Alle nyheder",
    byYear: "Efter år",
    byHouse: "Efter hus",
    byTopic: "Efter emne",
    notFound: "Siden findes ikke",
    readingLevel: "Sværhedsgrad",
    readingTime: "Læsetid",
    minutes: "min.",
    lixTitle: "læsbarhedsindeks",
    approx: "ca.",
    language: "Sprog",
    onThisPage: "På denne side",
    chapters: "Kapitler",
    foreword: "Forord",
  },
  en: {
    skipLink: "Skip to content",
    home: "Home",
    publications: "Publications",
    news: "News",
    search: "Search",
    searchLabel: "Search across the houses",
    houses: "The houses",
    topics: "Topics",
    breadcrumb: "Breadcrumb",
    mainNav: "Main menu",
    contents: "Contents",
    chapter: "Chapter",
    previous: "Previous",
    next: "Next",
    published: "Published",
    updated: "Updated",
    publisher: "Publisher",
    authors: "Authors",
    isbn: "ISBN",
    download: "Download the publication",
    readOnline: "Read online",
    footnotes: "Notes",
    footnoteRef: "Note",
    footnoteBack: "Back to the text at note",
    table: "Table",
    accessibilityStatement: "Accessibility statement",
    contact: "Contact",
    latestPublications: "Latest publications",
    latestNews: "Latest news",
    allPublications: "All publications",
    allNews: "All news",
    byYear: "By year",
    byHouse: "By house",
    byTopic: "By topic",
    notFound: "Page not found",
    readingLevel: "Reading level",
    readingTime: "Reading time",
    minutes: "min",
    lixTitle: "readability index",
    approx: "about",
    language: "Language",
    onThisPage: "On this page",
    chapters: "Chapters",
    foreword: "Foreword",
  },
} as const;

export type UiKey = keyof (typeof strings)["da"];

export function t(lang: Language, key: UiKey): string {
  return strings[lang]?.[key] ?? strings.da[key];
}

/** "27. november 2026" in Danish, "27 November 2026" in English. */
export function formatDate(iso: string, lang: Language): string {
  const date = DateTime.fromISO(iso, { zone: "utc" });
  return date.setLocale(lang).toFormat(lang === "da" ? "d. MMMM yyyy" : "d MMMM yyyy");
}

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: "utc" }).isValid;
}

/** Sorts strings the way a Danish reader expects (æ, ø, å last). */
export const danishCollator = new Intl.Collator("da");
