/** Eleventy plugin: the filters the print document (layouts/publikationer/print.njk) uses. */
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Chapter, Heading, Language, Publication } from "../model/types.ts";
import { chapterAnchor, cssString, printChapterHtml, printIntroHtml, printString, publicUrl, type PrintKey } from "./document.ts";

export default function pdfPlugin(eleventyConfig: UserConfig): void {
  const context = (publication: Publication, baseUrl: string, pathPrefix: string) => ({ publication, baseUrl, pathPrefix });
  eleventyConfig.addFilter("printChapter", (chapter: Chapter, publication: Publication, baseUrl: string, pathPrefix: string) =>
    printChapterHtml(chapter, context(publication, baseUrl, pathPrefix)));
  eleventyConfig.addFilter("printIntro", (publication: Publication, baseUrl: string, pathPrefix: string) =>
    printIntroHtml(context(publication, baseUrl, pathPrefix)));
  eleventyConfig.addFilter("printString", (key: PrintKey, lang: Language) => printString(lang, key));
  eleventyConfig.addFilter("cssString", (text: string) => cssString(text));
  eleventyConfig.addFilter("chapterAnchor", (slug: string) => chapterAnchor(slug));
  eleventyConfig.addFilter("headingsAtLevel", (headings: Heading[], level: number) => headings.filter((h) => h.level === level));
  eleventyConfig.addFilter("absoluteUrlFor", (url: string, baseUrl: string, pathPrefix: string) => publicUrl(url, baseUrl, pathPrefix));
}
