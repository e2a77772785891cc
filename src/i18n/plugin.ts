/** Eleventy plugin: UI strings and dates as Nunjucks filters. */
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Contributor, Language } from "../model/index.ts";
import { slugify } from "../markdown/index.ts";
import { bandText, contributorGroups, formatDate, strings, t, type Band, type UiKey } from "./index.ts";

export default function i18nPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addFilter("t", (key: UiKey, lang: Language = "da") => t(lang, key));
  eleventyConfig.addFilter("slug", (text: string) => slugify(text));
  eleventyConfig.addFilter("date", (iso: string, lang: Language = "da") => formatDate(iso, lang));
  eleventyConfig.addFilter("lixBand", (band: Band, lang: Language = "da") => bandText(band, lang));
  eleventyConfig.addFilter("contributorGroups", (contributors: Contributor[], lang: Language = "da") =>
    contributorGroups(contributors, lang),
  );
  eleventyConfig.addFilter("ogLocale", (lang: Language = "da") => strings(lang).ogLocale);
}
