/**
 * Reads content/ into the one Site model: validates every file, renders the Markdown once,
 * processes images, and collects every editor mistake into one list of problems.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, realpath } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { danishCollator, isIsoDate } from "../i18n/index.ts";
import {
  MAX_IMAGE_BYTES,
  MAX_IMAGE_PIXELS,
  processImage,
  readImageHeader,
  UnsafeImageError,
  verifyImageDecodes,
  type ProcessedImage,
} from "../images/index.ts";
import { disallowedLinkReason, parseMarkdown, slugify, type ParsedMarkdown } from "../markdown/index.ts";
import { findUnsafeSvgFile, renderCheckedHtml } from "../security/index.ts";
import { measureChapter, measurePublication } from "../readability/index.ts";
import { AddressTable } from "./addresses.ts";
import { ProblemList, type ContentProblem } from "./errors.ts";
import { ContentFiles } from "./files.ts";
import { parseSource, type SourceFile } from "./frontmatter.ts";
import {
  chapterSchema,
  describeIssues,
  MAX_TITLE_LENGTH,
  newsSchema,
  pageSchema,
  publicationSchema,
  siteSchema,
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

/** A news file is named after its date and title: 2026-11-20-ny-vejledning.md. */
const NEWS_FILE_NAME = /^(\d{4}-\d{2}-\d{2})(?:-(.*))?\.md$/;

/** Where a topic is written, for messages about two spellings of one topic. */
interface TopicUse {
  topic: string;
  file: string;
  line: number;
}

export async function loadSite(options: LoadOptions): Promise<Site> {
  const loader = new Loader(
    path.resolve(options.contentDir),
    path.resolve(options.imageCacheDir),
    options.checkOnly ?? false,
  );
  return loader.load();
}

class Loader {
  readonly problems = new ProblemList();
  readonly imageFiles = new Set<string>();
  readonly files: ContentFiles;
  private readonly addresses = new AddressTable(this.problems);
  private readonly topicUses: TopicUse[] = [];
  private info!: SiteInfo;

  constructor(
    readonly contentDir: string,
    readonly imageCacheDir: string,
    readonly checkOnly: boolean,
  ) {
    this.files = new ContentFiles(contentDir);
  }

  /** Path shown to editors: relative to the folder that holds content/. */
  rel(file: string): string {
    return path.relative(path.dirname(this.contentDir), file);
  }

  async load(): Promise<Site> {
    const info = await this.loadSiteInfo();
    if (!info) this.problems.throwIfAny();
    this.info = info!;
    const [publications, news, pages] = await Promise.all([this.loadPublications(), this.loadNews(), this.loadPages()]);
    this.claimAddresses(publications, news, pages);
    this.problems.throwIfAny();
    const topics = [...new Set([...publications, ...news].flatMap((p) => p.topics))].sort(danishCollator.compare);
    const newestFirst = <T extends { date: string; slug: string }>(a: T, b: T) =>
      b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug);
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

  /** A text file inside content/ (a regular file, UTF-8), or undefined with the problem reported. */
  async readText(file: string): Promise<string | undefined> {
    const read = await this.files.readText(file, "filen");
    if ("text" in read) return read.text;
    const missing = "missing" in read && read.missing;
    this.problems.add({
      file: this.rel(file),
      line: "line" in read ? read.line : undefined,
      message: missing ? "filen findes ikke" : read.refused.message,
      fix: missing ? "Opret filen, eller ret navnet" : read.refused.fix,
    });
    return undefined;
  }

  async listDir(dir: string, kind: "file" | "dir"): Promise<string[]> {
    if (!existsSync(dir)) return [];
    // A folder of content/ that is a symlink to elsewhere would publish whatever lies there.
    if (!this.files.contains(await realpath(dir))) {
      this.problems.add({
        file: this.rel(dir),
        message: "mappen er en genvej (symbolsk link) til en mappe uden for content/",
        fix: "Kun filer i content/ kan udgives. Erstat genvejen med en almindelig mappe med filerne i",
      });
      return [];
    }
    const entries = await readdir(dir, { withFileTypes: true });
    return (
      entries
        .filter((e) => !e.name.startsWith(".") && !e.name.startsWith("_"))
        // Anything but a folder is kept (a symlink, a FIFO …), so readText reports what it cannot read instead of skipping it.
        .filter((e) => (kind === "dir" ? e.isDirectory() : !e.isDirectory() && e.name.endsWith(".md")))
        .map((e) => e.name)
        .sort()
    );
  }

  async readSource(file: string): Promise<SourceFile | undefined> {
    const text = await this.readText(file);
    return text === undefined ? undefined : parseSource(this.rel(file), text, this.problems);
  }

  /** Validates front matter against a schema; reports each issue with its line. */
  validate<S extends z.ZodType>(source: SourceFile, schema: S): z.infer<S> | undefined {
    const result = schema.safeParse(source.data);
    if (result.success) return result.data;
    const houses = this.info?.houses.map((h) => h.id).join(", ");
    const whenMissing = houses
      ? { hus: `Tilføj hus: med et af husene fra content/_data/site.json: ${houses}` }
      : undefined;
    for (const issue of describeIssues(result.error, { data: source.data, schema, whenMissing })) {
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

  /** maalgruppe must be one of site.json's maalgrupper: it sets the readability target. */
  checkAudience(source: SourceFile, audience: string | undefined): void {
    const known = Object.keys(this.info.audienceTargets);
    if (audience === undefined || known.includes(audience)) return;
    this.problems.add({
      file: source.file,
      line: source.lineOf(["maalgruppe"]),
      field: "maalgruppe",
      message: `ukendt målgruppe "${audience}"`,
      fix: `Brug en af målgrupperne fra content/_data/site.json: ${known.join(", ")}`,
    });
  }

  /** Remembers where each topic is written, for the address table (two spellings of one topic). */
  noteTopics(source: SourceFile, topics: string[]): void {
    topics.forEach((topic, i) => this.topicUses.push({ topic, file: source.file, line: source.lineOf(["emner", i]) }));
  }

  checkHouse(source: SourceFile, house: string): void {
    if (this.info.houses.some((h) => h.id === house)) return;
    this.problems.add({
      file: source.file,
      line: source.lineOf(["hus"]),
      field: "hus",
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
        file: this.rel(file),
        line: text.slice(0, position).split("\n").length,
        message: "filen er ikke gyldig JSON",
        fix: "Tjek kommaer, anførselstegn og klammer omkring linjen",
      });
      return undefined;
    }
    const source: SourceFile = {
      file: this.rel(file),
      data: data as Record<string, unknown>,
      body: "",
      bodyLine: 1,
      lineOf: () => 1,
    };
    const site = this.validate(source, siteSchema) as SiteFrontMatter | undefined;
    if (!site) return undefined;
    return {
      name: site.navn,
      description: site.beskrivelse,
      baseUrl: site.baseUrl.replace(/\/+$/, ""),
      language: site.sprog,
      accessibilityStatementUrl: site.tilgaengelighedserklaering,
      contact: { email: site.kontakt.email, phone: site.kontakt.telefon, address: site.kontakt.adresse },
      houses: site.huse.map((h) => ({
        id: h.id,
        name: h.navn,
        shortName: h.kort,
        description: h.beskrivelse,
        url: `/huse/${h.id}/`,
      })),
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
        file: this.rel(dir),
        message: `mappenavnet "${slug}" kan ikke bruges i en adresse`,
        fix: `Omdøb mappen til "${slugify(slug)}" (små bogstaver, tal og bindestreger; æ, ø, å skrives ae, oe, aa)`,
      });
      return undefined;
    }
    if (!existsSync(indexFile)) {
      this.problems.add({
        file: this.rel(dir),
        message: "publikationen mangler filen index.md",
        fix: "Opret index.md med publikationens front matter (se README)",
      });
      return undefined;
    }
    const source = await this.readSource(indexFile);
    const fm = source && this.validate(source, publicationSchema);
    const chapterFiles = (await this.listDir(dir, "file")).filter((f) => f !== "index.md");
    if (chapterFiles.length === 0) {
      this.problems.add({
        file: this.rel(dir),
        message: "publikationen har ingen kapitler",
        fix: "Tilføj mindst ét kapitel som en fil, fx 01-indledning.md",
      });
    }
    if (!source || !fm) return undefined;
    this.checkHouse(source, fm.hus);
    this.checkAudience(source, fm.maalgruppe);
    this.noteTopics(source, fm.emner);
    const lang: Language = fm.sprog ?? this.info.language;
    const url = `/publikationer/${slug}/`;

    const chapterUrls = new Map(chapterFiles.map((f) => [f, `${url}${chapterSlug(f)}/`]));
    chapterUrls.set("index.md", url);
    const rewriteLink = (href: string) => {
      const [target, hash] = href.split("#");
      const chapterUrl = chapterUrls.get(target.replace(/^\.\//, ""));
      return chapterUrl ? chapterUrl + (hash ? `#${hash}` : "") : href;
    };

    const chapters = (
      await Promise.all(chapterFiles.map((f, i) => this.loadChapter(dir, f, i, lang, url, rewriteLink)))
    )
      .filter((c): c is Chapter => c !== undefined)
      .sort((a, b) => a.order - b.order || a.sourcePath.localeCompare(b.sourcePath));

    const intro = parseMarkdown(source.body, { lang, firstLine: source.bodyLine });
    const introHtml = (await this.renderWithImages(intro, dir, source.file, "forord", rewriteLink)).html;
    let cover: ImageAsset | undefined;
    if (fm.forside) {
      // Written in YAML, so the file name as it is (not URL-encoded as in Markdown): vaekst-100%.png
      const processed = await this.image(
        dir,
        fm.forside.billede,
        fm.forside.alt,
        source.file,
        source.lineOf(["forside", "billede"]),
        { eager: true, encoded: false },
      );
      cover = processed?.asset;
    }
    return {
      slug,
      title: fm.titel,
      subtitle: fm.undertitel,
      summary: fm.resume,
      lang,
      date: fm.dato,
      updated: fm.opdateret,
      house: fm.hus,
      contributors: fm.forfattere.map((f) => ({ name: f.navn, role: f.rolle })),
      topics: fm.emner,
      isbn: fm.isbn,
      audience: fm.maalgruppe ?? "borgere",
      cover,
      exports: fm.eksport,
      introHtml,
      chapters,
      sourcePath: source.file,
      url,
      contentHash: await this.hashFolder(dir),
      ignoredRules: ignored(fm.tilgaengelighed),
      readability: measurePublication(
        chapters.map((c) => c.readability),
        lang,
      ),
    };
  }

  async loadChapter(
    dir: string,
    fileName: string,
    position: number,
    lang: Language,
    publicationUrl: string,
    rewriteLink: (href: string) => string,
  ): Promise<Chapter | undefined> {
    const source = await this.readSource(path.join(dir, fileName));
    if (!source) return undefined;
    const fm = this.validate(source, chapterSchema);
    const slug = chapterSlug(fileName);
    if (!slug) {
      this.problems.add({
        file: source.file,
        message: "filnavnet giver ingen adresse",
        fix: "Giv filen et navn med ord, fx 02-metode.md",
      });
      return undefined;
    }
    const parsed = parseMarkdown(source.body, { lang, firstLine: source.bodyLine, stripTitle: true, docId: slug });
    if (!parsed.title) {
      this.problems.add({
        file: source.file,
        line: source.bodyLine,
        message: "kapitlet mangler en overskrift på niveau 1 som første linje",
        fix: "Start kapitlet med en linje som: # Kapitlets titel",
      });
    }
    if (parsed.title && parsed.title.text.length > MAX_TITLE_LENGTH) {
      this.problems.add({
        file: source.file,
        line: parsed.title.line,
        message: `kapitlets titel er ${parsed.title.text.length} tegn lang; en titel må højst have ${MAX_TITLE_LENGTH} tegn`,
        fix: "Gør overskriften kortere, og skriv resten som tekst under den",
      });
    }
    for (const line of parsed.level1Lines.slice(parsed.title ? 1 : 0)) {
      this.problems.add({
        file: source.file,
        line,
        message: "kapitlet har mere end én overskrift på niveau 1",
        fix: "Brug # kun til kapitlets titel; skriv mellemrubrikker med ## eller ###",
      });
    }
    const readability = measureChapter(parsed.tokens, lang, source.bodyLine);
    const html = await this.renderWithImages(parsed, dir, source.file, slug, rewriteLink);
    if (!fm || !parsed.title) return undefined;
    return {
      slug,
      title: parsed.title.text,
      order: fm.orden ?? numericPrefix(fileName) ?? 1000 + position,
      lang,
      html: html.html,
      headings: parsed.headings,
      images: html.images,
      sourcePath: source.file,
      url: `${publicationUrl}${slug}/`,
      ignoredRules: ignored(fm.tilgaengelighed),
      readability,
    };
  }

  /**
   * Every address of every item into one table (src/model/addresses.ts), in a fixed order, so
   * that a collision is reported on the same file each time.
   */
  claimAddresses(publications: Publication[], news: NewsItem[], pages: StandingPage[]): void {
    const table = this.addresses;
    const siteJson = "content/_data/site.json";
    for (const house of this.info.houses) {
      table.claim({
        url: house.url,
        what: `huset "${house.id}"`,
        kind: "house",
        label: house.id,
        file: siteJson,
        fix: "Giv husene hvert sit id i site.json",
      });
    }
    const bySource = <T extends { sourcePath: string }>(items: T[]) =>
      [...items].sort((a, b) => a.sourcePath.localeCompare(b.sourcePath));
    for (const publication of bySource(publications)) {
      table.claim({
        url: publication.url,
        what: "publikationen",
        kind: "publication",
        label: publication.slug,
        file: publication.sourcePath,
      });
      table.reserve(`${publication.url}print/`, "publikationens trykversion, som PDF'en laves af");
      for (const chapter of bySource(publication.chapters)) {
        table.claim({
          url: chapter.url,
          what: "kapitlet",
          kind: "chapter",
          label: chapter.slug,
          file: chapter.sourcePath,
        });
      }
    }
    for (const item of bySource(news))
      table.claim({ url: item.url, what: "nyheden", kind: "news", label: item.slug, file: item.sourcePath });
    for (const page of bySource(pages))
      table.claim({ url: page.url, what: "siden", kind: "page", label: page.slug, file: page.sourcePath });

    // A topic written the same way everywhere is one topic; two spellings with one address are a mistake.
    const seen = new Set<string>(); // file and exact topic: the same topic twice in one list
    const uses = [...this.topicUses].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    const spellings = new Set<string>();
    for (const use of uses) {
      const slug = slugify(use.topic);
      const what = `emnet »${use.topic}«`;
      if (!slug) {
        this.problems.add({
          file: use.file,
          line: use.line,
          field: "emner",
          message: `${what} giver ingen adresse`,
          fix: "Skriv emnet med bogstaver eller tal, fx emner: [statistik, velfærd]",
        });
        continue;
      }
      const key = `${use.file}\0${use.topic}`;
      if (seen.has(key)) {
        this.problems.add({
          file: use.file,
          line: use.line,
          field: "emner",
          message: `${what} står to gange`,
          fix: "Fjern det ene",
        });
        continue;
      }
      seen.add(key);
      if (spellings.has(use.topic)) continue; // the same topic, already in the table
      spellings.add(use.topic);
      table.claim({
        url: `/emner/${slug}/`,
        what,
        kind: "topic",
        label: use.topic,
        file: use.file,
        line: use.line,
        field: "emner",
        fix: "Skriv emnet ens alle steder (samme store og små bogstaver og tegn), så det bliver ét emne",
      });
    }
  }

  /**
   * A stable hash of every file in a publication folder (names and bytes), for caching exports.
   * Symlinks count with their target when it is a regular file inside content/; nothing else is opened.
   */
  async hashFolder(dir: string): Promise<string> {
    const hash = createHash("sha256");
    const entries = (await readdir(dir, { withFileTypes: true, recursive: true }))
      .filter((e) => e.isFile() || e.isSymbolicLink())
      .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
      .sort();
    for (const file of entries) {
      const resolved = await this.files.resolve(file, file);
      if ("refused" in resolved) continue;
      hash.update(path.relative(dir, file));
      hash.update(await readFile(resolved.file));
    }
    return hash.digest("hex").slice(0, 16);
  }

  // --- news and standing pages ----------------------------------------------------------------

  async loadNews(): Promise<NewsItem[]> {
    const dir = path.join(this.contentDir, "nyheder");
    const files = await this.listDir(dir, "file");
    const items = await Promise.all(
      files.map(async (fileName): Promise<NewsItem | undefined> => {
        const source = await this.readSource(path.join(dir, fileName));
        const fm = source && this.validate(source, newsSchema);
        if (!source || !fm) return undefined;
        this.checkHouse(source, fm.hus);
        this.noteTopics(source, fm.emner);
        const slug = this.newsSlug(source, fileName, fm.dato, fm.titel);
        if (slug === undefined) return undefined;
        const lang = fm.sprog ?? this.info.language;
        const body = await this.renderBody(source, dir, lang, slug);
        return {
          slug,
          title: fm.titel,
          summary: fm.resume,
          lang,
          date: fm.dato,
          house: fm.hus,
          topics: fm.emner,
          html: body.html,
          images: body.images,
          sourcePath: source.file,
          url: `/nyheder/${slug}/`,
          ignoredRules: ignored(fm.tilgaengelighed),
        };
      }),
    );
    return items.filter((n): n is NewsItem => n !== undefined);
  }

  /** The address of a news item from its file name, ÅÅÅÅ-MM-DD-titel.md; undefined (reported) when the name has no date or no title. */
  newsSlug(source: SourceFile, fileName: string, date: string, title: string): string | undefined {
    const match = NEWS_FILE_NAME.exec(fileName);
    const suggestion = `${date}-${slugify(title) || "titel"}.md`;
    if (!match || !isIsoDate(match[1])) {
      this.problems.add({
        file: source.file,
        message: "nyhedens filnavn begynder ikke med en dato",
        fix: `Navngiv filen ÅÅÅÅ-MM-DD-titel.md, fx ${suggestion}`,
      });
      return undefined;
    }
    const slug = slugify(match[2] ?? "");
    if (!slug) {
      this.problems.add({
        file: source.file,
        message: "filnavnet giver ingen adresse (der står ingen ord efter datoen)",
        fix: `Tilføj nogle ord fra titlen efter datoen, fx ${match[1]}-${slugify(title) || "titel"}.md`,
      });
      return undefined;
    }
    return slug;
  }

  async loadPages(): Promise<StandingPage[]> {
    const dir = path.join(this.contentDir, "sider");
    const files = await this.listDir(dir, "file");
    const items = await Promise.all(
      files.map(async (fileName): Promise<StandingPage | undefined> => {
        const source = await this.readSource(path.join(dir, fileName));
        const fm = source && this.validate(source, pageSchema);
        if (!source || !fm) return undefined;
        const slug = slugify(fileName.replace(/\.md$/, ""));
        if (!slug) {
          this.problems.add({
            file: source.file,
            message: "filnavnet giver ingen adresse",
            fix: `Giv filen et navn med ord, fx ${slugify(fm.titel) || "om-os"}.md`,
          });
          return undefined;
        }
        const lang = fm.sprog ?? this.info.language;
        const body = await this.renderBody(source, dir, lang, slug);
        return {
          slug,
          title: fm.titel,
          summary: fm.resume,
          lang,
          html: body.html,
          images: body.images,
          sourcePath: source.file,
          url: `/${slug}/`,
          ignoredRules: ignored(fm.tilgaengelighed),
        };
      }),
    );
    return items.filter((p): p is StandingPage => p !== undefined);
  }

  /** News and pages take their title from front matter, so their body has no level-1 heading. */
  async renderBody(source: SourceFile, dir: string, lang: Language, docId: string) {
    const parsed = parseMarkdown(source.body, { lang, firstLine: source.bodyLine, docId });
    for (const line of parsed.level1Lines) {
      this.problems.add({
        file: source.file,
        line,
        message: "teksten har en overskrift på niveau 1",
        fix: "Titlen kommer fra feltet titel:, så skriv mellemrubrikker med ## eller ###",
      });
    }
    return this.renderWithImages(parsed, dir, source.file, docId);
  }

  // --- images and raw HTML --------------------------------------------------------------------

  async renderWithImages(
    parsed: ParsedMarkdown,
    dir: string,
    file: string,
    docId?: string,
    rewriteLink?: (href: string) => string,
  ): Promise<{ html: string; images: ImageAsset[] }> {
    this.checkLinksAndFootnotes(parsed, file);
    const imageHtml = new Map<string, string>();
    const images: ImageAsset[] = [];
    for (const image of parsed.images) {
      if (!image.alt && !image.decorative) {
        this.problems.add({
          file,
          line: image.line,
          message: `billedet ${image.src} mangler alt-tekst`,
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

  /**
   * An image file an editor names: inside content/, a regular file, within the size limits (read
   * from its header, nothing decoded yet), and whole (decoded once, cheaply); then its variants.
   * `encoded`: the name comes from Markdown, where markdown-it URL-encoded it (%20, %25).
   */
  async image(
    dir: string,
    src: string,
    alt: string,
    file: string,
    line: number,
    { eager = false, encoded = true }: { eager?: boolean; encoded?: boolean } = {},
  ): Promise<ProcessedImage | undefined> {
    const problem = (message: string, fix: string) => this.problems.add({ file, line, message, fix });
    if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("/") || src.startsWith("\\")) {
      problem(
        `billedet ${src} ligger uden for publikationen`,
        "Læg billedfilen i samme mappe som teksten, og skriv kun filnavnet",
      );
      return undefined;
    }
    const absolute = path.resolve(dir, encoded ? safeDecodeUri(src) : src);
    const resolved = await this.files.resolve(absolute, `billedfilen ${src}`);
    if ("refused" in resolved) {
      if (resolved.missing)
        problem(
          `billedfilen ${src} findes ikke`,
          `Tjek stavningen (store og små bogstaver tæller), eller læg filen i ${this.rel(dir)}/`,
        );
      else problem(resolved.refused.message, resolved.refused.fix);
      return undefined;
    }
    const shrink =
      "Gem billedet mindre i et billedprogram: højst 4.000 pixel bredt (siden viser det højst 1.600 pixel bredt), som JPEG til fotos og PNG til diagrammer";
    if (resolved.size > MAX_IMAGE_BYTES) {
      problem(
        `billedfilen ${src} fylder ${megabytes(resolved.size)} MB; grænsen er ${megabytes(MAX_IMAGE_BYTES)} MB`,
        shrink,
      );
      return undefined;
    }
    const unreadable = () =>
      problem(
        `billedfilen ${src} kan ikke læses som et billede`,
        "Gem billedet som JPEG, PNG, WebP eller SVG, og prøv igen",
      );
    // An SVG is checked before any image library reads it (sharp renders SVG to learn its size).
    const unsafeSvg = await findUnsafeSvgFile(resolved.file);
    if (unsafeSvg)
      return void problem(
        new UnsafeImageError(unsafeSvg.reason, unsafeSvg.fix).describe(this.rel(resolved.file)),
        unsafeSvg.fix,
      );
    const header = await readImageHeader(resolved.file).catch(() => undefined);
    if (!header) return void unreadable();
    if (header.width * header.height > MAX_IMAGE_PIXELS) {
      const megapixels = Math.round((header.width * header.height) / 1e6);
      problem(
        `billedet ${src} er ${header.width.toLocaleString("da-DK")} × ${header.height.toLocaleString("da-DK")} pixel (${megapixels} megapixel); grænsen er ${MAX_IMAGE_PIXELS / 1e6} megapixel`,
        shrink,
      );
      return undefined;
    }
    try {
      await verifyImageDecodes(resolved.file, this.imageCacheDir);
    } catch {
      problem(
        `billedfilen ${src} er beskadiget eller ufuldstændig (fx kun halvt kopieret eller downloadet)`,
        "Gem eller eksportér billedet igen fra det program, det kommer fra, og læg den nye fil ind",
      );
      return undefined;
    }
    try {
      const processed = await processImage(absolute, alt, {
        cacheDir: this.imageCacheDir,
        repoRoot: path.dirname(this.contentDir),
        eager,
        statsOnly: this.checkOnly,
      });
      processed.files.forEach((f) => this.imageFiles.add(f));
      return processed;
    } catch (error) {
      if (error instanceof UnsafeImageError) problem(error.describe(this.rel(absolute)), error.fix);
      else
        problem(
          `billedfilen ${src} kan ikke læses som et billede`,
          "Gem billedet som JPEG, PNG, WebP eller SVG, og prøv igen",
        );
      return undefined;
    }
  }

  /** Links in Markdown syntax to schemes the site does not allow, and footnote references without a definition. */
  checkLinksAndFootnotes(parsed: ParsedMarkdown, file: string): void {
    for (const { href, line } of parsed.disallowedLinks) {
      const reason = disallowedLinkReason(href)!;
      const protocolRelative = reason.includes("//");
      this.problems.add({
        file,
        line,
        message: `linket ${href} ${reason}, som ikke er tilladt`,
        fix: protocolRelative
          ? `Skriv hele adressen med https: foran, fx https:${href}`
          : "Link kun til https:-adresser, mailto:, tel: eller sider på sitet (fx /om/ eller 02-kapitel.md)",
      });
    }
    for (const { label, line } of parsed.undefinedFootnotes) {
      this.problems.add({
        file,
        line,
        message: `fodnoten [^${label}] har ingen forklaring`,
        fix: `Skriv forklaringen nederst i filen på en linje for sig: [^${label}]: Notens tekst. Eller fjern [^${label}] fra teksten`,
      });
    }
  }
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

/** decodeURI, or the text as it is when it is not valid percent-encoding (never a URIError). */
function safeDecodeUri(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toLocaleString("da-DK", { maximumFractionDigits: 1 });
}

export type { ContentProblem };
