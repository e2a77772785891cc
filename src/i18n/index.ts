/**
 * Everything a reader sees in words, in the publication's language: one catalogue per language
 * (./da.ts, ./en.ts, shaped by ./catalogue.ts), read through the functions below by the pages
 * (the Nunjucks filters in ./plugin.ts), the EPUB, the PDF, the readability figures and the
 * download links. Dates through luxon, lists and numbers through Intl.
 */
import { DateTime } from "luxon";
import type { Contributor, Language } from "../model/index.ts";
import type { Band, Catalogue, Role, UiKey } from "./catalogue.ts";
import { da } from "./da.ts";
import { en } from "./en.ts";

export type { AccessibilitySummaryText, Band, Catalogue, Role, Texts, UiKey } from "./catalogue.ts";
export { default as i18nPlugin } from "./plugin.ts";

const catalogues: Record<Language, Catalogue> = { da, en };

/** The catalogue of a language (Danish for anything else). */
export function strings(lang: Language): Catalogue {
  return catalogues[lang] ?? catalogues.da;
}

export function t(lang: Language, key: UiKey): string {
  return strings(lang).text[key];
}

/** "Redaktør" over one name, "Redaktører" over several. */
export function roleLabel(role: Role, lang: Language, count: number): string {
  const label = strings(lang).roles[role];
  return count > 1 ? label.many : label.one;
}

/** The band's name, e.g. "middel" / "medium". */
export function bandText(band: Band, lang: Language): string {
  return strings(lang).bands[band];
}

/** "A, B og C" in Danish, "A, B and C" in English. */
export function listFormat(items: readonly string[], lang: Language): string {
  return new Intl.ListFormat(strings(lang).locale, { style: "long", type: "conjunction" }).format(items);
}

export interface ContributorGroup {
  role: Role;
  /** The role's label, singular or plural by the number of names. */
  label: string;
  names: string[];
  /** The names as one list, "A, B og C". */
  list: string;
}

/**
 * The contributors grouped by role, in the order each role first appears: what a page, the EPUB's
 * colophon and the PDF's colophon list, so that all three name the roles alike.
 */
export function contributorGroups(contributors: readonly Contributor[], lang: Language): ContributorGroup[] {
  const groups = new Map<Role, string[]>();
  for (const person of contributors) groups.set(person.role, [...(groups.get(person.role) ?? []), person.name]);
  return [...groups].map(([role, names]) => ({
    role,
    label: roleLabel(role, lang, names.length),
    names,
    list: listFormat(names, lang),
  }));
}

/** "27. november 2026" in Danish, "27 November 2026" in English. */
export function formatDate(iso: string, lang: Language): string {
  const date = DateTime.fromISO(iso, { zone: "utc" });
  return date.setLocale(lang).toFormat(strings(lang).dateFormat);
}

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: "utc" }).isValid;
}

/** Sorts strings the way a Danish reader expects (æ, ø, å last). */
export const danishCollator = new Intl.Collator("da");
