/**
 * Reads content/ into the one Site model: validates every file, renders the Markdown once,
 * processes images, and collects every editor mistake into one list of problems.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { danishCollator } from "../i18n/index.ts";
import { processImage, UnsafeImageError, type ProcessedImage } from "../images/index.ts";
import { parseMarkdown, slugify, type ParsedMarkdown } from "../markdown/index.ts";
import { renderCheckedHtml } from "../security/fragment.ts";
import { findUnsafeHtml } from "../security/raw-html.ts";
import { measureChapter, measurePublication } from "../readability/model.ts";
import { ProblemList, type ContentProblem } from "./errors.ts";
import { parseSource, type SourceFile } from "./frontmatter.ts";
import {
  chapterSchema, describeIssues, newsSchema, pageSchema, publicationSchema, siteSchema,
  type SiteFrontMatter,
} from "./schema.ts";
import type { Chapter, ImageAsset, Language, NewsItem, Publication, Site, SiteInfo, StandingPage } from "./types.ts";

export interface LoadOptions {
  contentDir: string;
  /** Where image variants are cached between builds. */
  imageCacheDir: string;
  /** Only read image dimensions, encode no variants (npm run check: validation in seconds). */
  checkOnly?: boolean;
}

/** Top-level URL segments the site itself uses; a standing page may not take them. */
const RESERVED_SLUGS = new Set(["publikationer", "nyheder", "huse", "emner", "soeg", "was", "tilgaengelighedserklaering", "img", "assets", "pagefind", "feeds", "404"]);

export async function loadSite(options: LoadOptions): Promise<Site> {
  const loader = new Loader(path.resolve(options.contentDir), path.resolve(options.imageCacheDir), options.checkOnly ?? false);
  return loader.load();
}

class Loader {
  readonly problems = new ProblemList();
  readonly imageFiles = new Set<string>();
  private info!: SiteInfo;

  constructor(readonly contentDir: string, readonly imageCacheDir: string, readonly checkOnly: boolean) {}

  /** Path shown to editors: relative to the folder that holds content/. */
  rel(file: string): string {
    return path.relative(path.dirname(this.contentDir), file);
  }

  async load(): Promise<Site> {
    const info = await this.loadSiteInfo();
    if (!info) this.problems.throwIfAny();
    this.info = info!;
    const [publications, news, pages] = await Promise.all([this.loadPublications(), this.loadNews(), this.loadPages()]);
    this.problems.throwIfAny();
    const topics = [...new Set([...publications, ...news].flatMap((p) => p.topics))].sort(danishCollator.compare);
    const newestFirst = <T extends { date: string; slug: string }>(a: T, b: T) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug);
    return {
      info: this.info,
      publications: publications.sort(newestFirst),
      news: news.sort(newestFirst),
      pages: pages.sort((a, b) => a.slug.localeCompare(b.slug)),
      topics,
      contentDir: this.contentDir,
      imageFiles: [...this.imageFiles].sort(),
    };
  }

  // --- files ----------------------------------------------------------------------------------

  async readText(file: string): Promise<string | undefined> {
    try {
      return await readFile(file, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.problems.add({
        file: this.rel(file),
        message: code === "ENOENT" ? "filen findes ikke" : `filen kan ikke læses (${code ?? "ukendt fejl"})`,
        fix: code === "ENOENT" ? "Opret filen, eller ret navnet" : "Tjek filens rettigheder, og at den er gemt som tekst (UTF-8)",
      });
      return undefined;
    }
  }

  async listDir(dir: string, kind: "file" | "dir"): Promise<string[]> {
    if (!existsSync(dir)) return [];
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => !e.name.startsWith(".") && !e.name.startsWith("_"))
      // Symbolic links are kept so that a dangling one is reported rather than silently skipped.
      .filter((e) => (kind === "dir" ? e.isDirectory() : (e.isFile() || e.isSymbolicLink()) && e.name.endsWith(".md")))
      .map((e) => e.name)
      .sort();
  }

  async readSource(file: string): Promise<SourceFile | undefined> {
    const text = await this.readText(file);
    return text === undefined ? undefined : parseSource(this.rel(file), text, this.problems);
  }

  /** Validates front matter against a schema; reports each issue with its line. */
  validate<S extends z.ZodType>(source: SourceFile, schema: S): z.infer<S> | undefined {
    const result = schema.safeParse(source.data);
    if (result.success) return result.data;
    const allowed = Object.keys((schema as unknown as { shape?: object }).shape ?? {});
    for (const issue of describeIssues(result.error, allowed)) {
      this.problems.add({
        file: source.file,
        line: source.lineOf(issue.path),
        field: issue.path.join(".") || undefined,
        message: issue.message,
        fix: issue.fix,
      });
    }
    return undefined;
  }

  checkHouse(source: SourceFile, house: string): void {
    if (this.info.houses.some((h) => h.id === house)) return;
    this.problems.add({
      file: source.file, line: source.lineOf(["hus"]), field: "hus",
      message: `ukendt hus "${house}"`,
      fix: `Brug et af husene fra content/_data/site.json: ${this.info.houses.map((h) => h.id).join(", ")}`,
    });
  }

  // --- site.json ------------------------------------------------------------------------------

  async loadSiteInfo(): Promise<SiteInfo | undefined> {
    const file = path.join(this.contentDir, "_data", "site.json");
    const text = await this.readText(file);
    if (text === undefined) return undefined;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      const position = Number(/position (\d+)/.exec(String(error))?.[1] ?? 0);
      this.problems.add({
        file: this.rel(file), line: text.slice(0, position).split("\n").length,
        message: "filen er ikke gyldig JSON", fix: "Tjek kommaer, anførselstegn og klammer omkring linjen",
      });
      return undefined;
    }
    const source: SourceFile = { file: this.rel(file), data: data as Record<string, unknown>, body: "", bodyLine: 1, lineOf: () => 1 };
    const site = this.validate(source, siteSchema) as SiteFrontMatter | undefined;
    if (!site) return undefined;
    return {
      name: site.navn,
      description: site.beskrivelse,
      baseUrl: site.baseUrl.replace(/\/+$/, ""),
      language: site.sprog,
      accessibilityStatementUrl: site.tilgaengelighedserklaering,
      contact: { email: site.kontakt.email, phone: site.kontakt.telefon, address: site.kontakt.adresse },
      houses: site.huse.map((h) => ({ id: h.id, name: h.navn, shortName: h.kort, description: h.beskrivelse, url: `/huse/${h.id}/` })),
      audienceTargets: site.maalgrupper,
    };
  }

  // --- publications ---------------------------------------------------------------------------

  async loadPublications(): Promise<Publication[]> {
    const root = path.join(this.contentDir, "publikationer");
    const folders = await this.listDir(root, "dir");
    const loaded = await Promise.all(folders.map((slug) => this.loadPublication(path.join(root, slug), slug)));
    return loaded.filter((p): p is Publication => p !== undefined);
  }

  async loadPublication(dir: string, slug: string): Promise<Publication | undefined> {
    const indexFile = path.join(dir, "index.md");
    if (slugify(slug) !== slug) {
      this.problems.add({
        file: this.rel(dir), message: `mappenavnet "${slug}" kan ikke bruges i en adresse`,
        fix: `Omdøb mappen til "${slugify(slug)}" (små bogstaver, tal og bindestreger; æ, ø, å skrives ae, oe, aa)`,
      });
      return undefined;
    }
    if (!existsSync(indexFile)) {
      this.problems.add({ file: this.rel(dir), message: "publikationen mangler filen index.md", fix: "Opret index.md med publikationens front matter (se README)" });
      return undefined;
    }
    const source = await this.readSource(indexFile);
    const fm = source && this.validate(source, publicationSchema);
    const chapterFiles = (await this.listDir(dir, "file")).filter((f) => f !== "index.md");
    if (chapterFiles.length === 0) {
      this.problems.add({ file: this.rel(dir), message: "publikationen har ingen kapitler", fix: "Tilføj mindst ét kapitel som en fil, fx 01-indledning.md" });
    }
    if (!source || !fm) return undefined;
    this.checkHouse(source, fm.hus);
    const lang: Language = fm.sprog ?? this.info.language;
    const url = `/publikationer/${slug}/`;

    const chapterUrls = new Map(chapterFiles.map((f) => [f, `${url}${chapterSlug(f)}/`]));
    chapterUrls.set("index.md", url);
    const rewriteLink = (href: string) => {
      const [target, hash] = href.split("#");
      const chapterUrl = chapterUrls.get(target.replace(/^\.\//, ""));
      return chapterUrl ? chapterUrl + (hash ? `#${hash}` : "") : href;
    };

    const chapters = (await Promise.all(chapterFiles.map((f, i) => this.loadChapter(dir, f, i, lang, url, rewriteLink))))
      .filter((c): c is Chapter => c !== undefined)
      .sort((a, b) => a.order - b.order || a.sourcePath.localeCompare(b.sourcePath));
    this.checkDuplicates(chapters.map((c) => ({ slug: c.slug, file: c.sourcePath })), "kapitlet");

    const intro = parseMarkdown(source.body, { lang, firstLine: source.bodyLine });
    const introHtml = (await this.renderWithImages(intro, dir, source.file, "forord", rewriteLink)).html;
    let cover: ImageAsset | undefined;
    if (fm.forside) {
      const processed = await this.image(dir, fm.forside.billede, fm.forside.alt, source.file, source.lineOf(["forside", "billede"]), true);
      cover = processed?.asset;
    }
    return {
      slug, title: fm.titel, subtitle: fm.undertitel, summary: fm.resume, lang,
      date: fm.dato, updated: fm.opdateret, house: fm.hus,
      contributors: fm.forfattere.map((f) => ({ name: f.navn, role: f.rolle })),
      topics: fm.emner, isbn: fm.isbn, audience: fm.maalgruppe ?? "borgere", cover,
      exports: fm.eksport, introHtml, chapters,
      sourcePath: source.file, url,
      contentHash: await hashFolder(dir),
      ignoredRules: ignored(fm.tilgaengelighed),
      readability: measurePublication(chapters.map((c) => c.readability), lang),
    };
  }

  async loadChapter(
    dir: string, fileName: string, position: number, lang: Language, publicationUrl: string,
    rewriteLink: (href: string) => string,
  ): Promise<Chapter | undefined> {
    const source = await this.readSource(path.join(dir, fileName));
    if (!source) return undefined;
    const fm = this.validate(source, chapterSchema);
    const slug = chapterSlug(fileName);
    if (!slug) {
      this.problems.add({ file: source.file, message: "filnavnet giver ingen adresse", fix: "Giv filen et navn med ord, fx 02-metode.md" });
      return undefined;
    }
    const parsed = parseMarkdown(source.body, { lang, firstLine: source.bodyLine, stripTitle: true, docId: slug });
    if (!parsed.title) {
      this.problems.add({
        file: source.file, line: source.bodyLine,
        message: "kapitlet mangler en overskrift på niveau 1 som første linje",
        fix: "Start kapitlet med en linje som: # Kapitlets titel",
      });
    }
    for (const line of parsed.level1Lines.slice(parsed.title ? 1 : 0)) {
      this.problems.add({
        file: source.file, line,
        message: "kapitlet har mere end én overskrift på niveau 1",
        fix: "Brug # kun til kapitlets titel; skriv mellemrubrikker med ## eller ###",
      });
    }
    const readability = measureChapter(parsed.tokens, lang, source.bodyLine);
    const html = await this.renderWithImages(parsed, dir, source.file, slug, rewriteLink);
    if (!fm || !parsed.title) return undefined;
    return {
      slug, title: parsed.title.text, order: fm.orden ?? numericPrefix(fileName) ?? 1000 + position, lang,
      html: html.html, headings: parsed.headings, images: html.images,
      sourcePath: source.file, url: `${publicationUrl}${slug}/`,
      ignoredRules: ignored(fm.tilgaengelighed), readability,
    };
  }

  checkDuplicates(items: { slug: string; file: string }[], what: string): void {
    const seen = new Map<string, string>();
    for (const item of items) {
      const first = seen.get(item.slug);
      if (first) {
        this.problems.add({
          file: item.file, message: `${what} får samme adresse (${item.slug}) som ${first}`,
          fix: "Giv en af filerne et andet navn, så adresserne bliver forskellige",
        });
      } else seen.set(item.slug, item.file);
    }
  }

  // --- news and standing pages ----------------------------------------------------------------

  async loadNews(): Promise<NewsItem[]> {
    const dir = path.join(this.contentDir, "nyheder");
    const files = await this.listDir(dir, "file");
    const items = await Promise.all(files.map(async (fileName): Promise<NewsItem | undefined> => {
      const source = await this.readSource(path.join(dir, fileName));
      const fm = source && this.validate(source, newsSchema);
      if (!source || !fm) return undefined;
      this.checkHouse(source, fm.hus);
      const slug = slugify(fileName.replace(/\.md$/, "").replace(/^\d{4}-\d{2}-\d{2}-?/, ""));
      const lang = fm.sprog ?? this.info.language;
      const body = await this.renderBody(source, dir, lang, slug);
      return {
        slug, title: fm.titel, summary: fm.resume, lang, date: fm.dato, house: fm.hus, topics: fm.emner,
        html: body.html, images: body.images, sourcePath: source.file, url: `/nyheder/${slug}/`,
        ignoredRules: ignored(fm.tilgaengelighed),
      };
    }));
    const news = items.filter((n): n is NewsItem => n !== undefined);
    this.checkDuplicates(news.map((n) => ({ slug: n.slug, file: n.sourcePath })), "nyheden");
    return news;
  }

  async loadPages(): Promise<StandingPage[]> {
    const dir = path.join(this.contentDir, "sider");
    const files = await this.listDir(dir, "file");
    const items = await Promise.all(files.map(async (fileName): Promise<StandingPage | undefined> => {
      const source = await this.readSource(path.join(dir, fileName));
      const fm = source && this.validate(source, pageSchema);
      if (!source || !fm) return undefined;
      const slug = slugify(fileName.replace(/\.md$/, ""));
      if (RESERVED_SLUGS.has(slug)) {
        this.problems.add({ file: source.file, message: `adressen /${slug}/ bruges allerede af sitet`, fix: "Giv siden et andet filnavn" });
        return undefined;
      }
      const lang = fm.sprog ?? this.info.language;
      const body = await this.renderBody(source, dir, lang, slug);
      return {
        slug, title: fm.titel, summary: fm.resume, lang, html: body.html, images: body.images,
        sourcePath: source.file, url: `/${slug}/`, ignoredRules: ignored(fm.tilgaengelighed),
      };
    }));
    const pages = items.filter((p): p is StandingPage => p !== undefined);
    this.checkDuplicates(pages.map((p) => ({ slug: p.slug, file: p.sourcePath })), "siden");
    return pages;
  }

  /** News and pages take their title from front matter, so their body has no level-1 heading. */
  async renderBody(source: SourceFile, dir: string, lang: Language, docId: string) {
    const parsed = parseMarkdown(source.body, { lang, firstLine: source.bodyLine, docId });
    for (const line of parsed.level1Lines) {
      this.problems.add({
        file: source.file, line, message: "teksten har en overskrift på niveau 1",
        fix: "Titlen kommer fra feltet titel:, så skriv mellemrubrikker med ## eller ###",
      });
    }
    return this.renderWithImages(parsed, dir, source.file, docId);
  }

  // --- images and raw HTML --------------------------------------------------------------------

  async renderWithImages(
    parsed: ParsedMarkdown, dir: string, file: string, docId?: string, rewriteLink?: (href: string) => string,
  ): Promise<{ html: string; images: ImageAsset[] }> {
    const imageHtml = new Map<string, string>();
    const images: ImageAsset[] = [];
    for (const image of parsed.images) {
      if (!image.alt && !image.decorative) {
        this.problems.add({
          file, line: image.line, message: `billedet ${image.src} mangler alt-tekst`,
          fix: `Beskriv billedet i de firkantede parenteser: ![Hvad billedet viser](${image.src}). Er det ren pynt, så skriv ![""](${image.src})`,
        });
      }
      const processed = await this.image(dir, image.src, image.alt, file, image.line);
      if (processed) {
        imageHtml.set(image.src, processed.html());
        images.push(processed.asset);
      }
    }
    // Raw HTML is checked where it stands in the rendered page; what is published is parse5's serialisation of it.
    const rendered = renderCheckedHtml(parsed, { imageHtml, rewriteLink, docId });
    for (const problem of rendered.problems) this.problems.add({ file, ...problem });
    return { html: rendered.html, images };
  }

  async image(dir: string, src: string, alt: string, file: string, line: number, eager = false): Promise<ProcessedImage | undefined> {
    const problem = (message: string, fix: string) => this.problems.add({ file, line, message, fix });
    if (/^[a-z]+:/i.test(src) || src.startsWith("/")) {
      problem(`billedet ${src} ligger uden for publikationen`, "Læg billedfilen i samme mappe som teksten, og skriv kun filnavnet");
      return undefined;
    }
    const absolute = path.resolve(dir, decodeURI(src));
    if (!existsSync(absolute)) {
      problem(`billedfilen ${src} findes ikke`, `Tjek stavningen (store og små bogstaver tæller), eller læg filen i ${this.rel(dir)}/`);
      return undefined;
    }
    try {
      const processed = await processImage(absolute, alt, {
        cacheDir: this.imageCacheDir, repoRoot: path.dirname(this.contentDir), eager, statsOnly: this.checkOnly,
      });
      processed.files.forEach((f) => this.imageFiles.add(f));
      return processed;
    } catch (error) {
      if (error instanceof UnsafeImageError) problem(error.describe(this.rel(absolute)), error.fix);
      else problem(`billedfilen ${src} kan ikke læses som et billede`, "Gem billedet som JPEG, PNG, WebP eller SVG, og prøv igen");
      return undefined;
    }
  }
}

/** Why a piece of raw HTML is not allowed (the allow-list lives in src/security/raw-html.ts). */
export function unsafeHtmlReason(html: string): string | undefined {
  return findUnsafeHtml(html)?.reason;
}

function chapterSlug(fileName: string): string {
  return slugify(fileName.replace(/\.md$/, "").replace(/^\d+[-_. ]*/, ""));
}

function numericPrefix(fileName: string): number | undefined {
  const match = /^(\d+)/.exec(fileName);
  return match ? Number(match[1]) : undefined;
}

function ignored(a11y: { ignorer: { regel: string; begrundelse: string }[] } | undefined) {
  return (a11y?.ignorer ?? []).map((r) => ({ rule: r.regel, reason: r.begrundelse }));
}

/** A stable hash of every file in a publication folder (names and bytes), for caching exports. */
async function hashFolder(dir: string): Promise<string> {
  const hash = createHash("sha256");
  const entries = (await readdir(dir, { withFileTypes: true, recursive: true }))
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
  for (const file of entries) {
    hash.update(path.relative(dir, file));
    hash.update(await readFile(file));
  }
  return hash.digest("hex").slice(0, 16);
}

export type { ContentProblem };
