/**
 * Assembles the files of one publication's EPUB 3 from the content model: package document,
 * navigation document, cover and title page, foreword, one XHTML per chapter, colophon,
 * stylesheet, the project's fonts with their licences, and one embedded variant per image.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { fontFaces, fontLicences, fontSource } from "../fonts/index.ts";
import { contributorGroups, formatDate, listFormat, strings, type Texts } from "../i18n/index.ts";
import type { House, ImageAsset, Publication } from "../model/index.ts";
import { contentFacts, metadataXml, type ContentFacts } from "./metadata.ts";
import { escapeXml, relativeHref, toXhtml, xhtmlDocument, type FragmentContext } from "./xhtml.ts";

export interface EpubEntry {
  /** Path inside the zip. */
  name: string;
  data: Uint8Array;
  /** Already compressed formats (JPEG, PNG) are stored as they are. */
  compress: boolean;
}

export interface EpubInput {
  publication: Publication;
  house: House;
  /** The site's base URL (no path prefix): the book's stable identity. */
  baseUrl: string;
  /** Where the site is served, path prefix included: target of links to the website. */
  siteRoot: string;
  /** The site's image variant files by file name, to find the one a picture in the foreword points at. */
  imageFiles: Map<string, string>;
}

export const OEBPS = "EPUB";
const CSS_HREF = "css/udgiv.css";
export const STYLESHEET = readFileSync(path.join(import.meta.dirname, "udgiv.css"));
/** The fonts udgiv.css declares (../fonts/ from css/), and the licence each family asks to travel with it. */
const FONT_DIR = "fonts";
const FONTS = [
  ...fontFaces().map((face, i) => ({
    id: `font-${i + 1}`,
    href: `${FONT_DIR}/${face.file}`,
    source: fontSource(face),
    mediaType: "font/woff2",
  })),
  ...fontLicences().map((licence, i) => ({
    id: `font-licence-${i + 1}`,
    href: `${FONT_DIR}/${licence.file}`,
    source: licence.source,
    mediaType: "text/plain",
  })),
];

interface SpineItem {
  id: string;
  href: string;
  xhtml: string;
}

interface EmbeddedImage {
  id: string;
  href: string;
  file: string;
  mediaType: string;
}

/** Every file of the book, `mimetype` first and the rest in a fixed order. */
export function epubEntries(input: EpubInput): EpubEntry[] {
  const book = new BookBuilder(input);
  return book.entries();
}

class BookBuilder {
  private readonly images = new Map<string, EmbeddedImage>(); // by file
  private readonly publication: Publication;
  private readonly strings: Texts;
  private readonly internal = new Map<string, string>();
  private readonly chapterHref = (slug: string) => `chapters/${slug}.xhtml`;

  constructor(private readonly input: EpubInput) {
    this.publication = input.publication;
    this.strings = strings(this.publication.lang).text;
    for (const chapter of this.publication.chapters) this.internal.set(chapter.url, this.chapterHref(chapter.slug));
    this.internal.set(this.publication.url, this.hasForeword() ? "foreword.xhtml" : "title.xhtml");
  }

  entries(): EpubEntry[] {
    const { publication } = this;
    const cover = publication.cover ? this.embed(publication.cover) : undefined;
    const spine: SpineItem[] = [];
    if (cover) spine.push({ id: "cover", href: "cover.xhtml", xhtml: this.coverPage(cover) });
    spine.push({ id: "title-page", href: "title.xhtml", xhtml: this.titlePage() });
    spine.push({ id: "nav", href: "nav.xhtml", xhtml: "" }); // filled in below, once the facts are known
    if (this.hasForeword()) spine.push({ id: "foreword", href: "foreword.xhtml", xhtml: this.foreword() });
    for (const chapter of publication.chapters) {
      spine.push({ id: `chapter-${chapter.slug}`, href: this.chapterHref(chapter.slug), xhtml: this.chapter(chapter) });
    }
    const facts = contentFacts(spine.map((item) => item.xhtml));
    spine.push({ id: "colophon", href: "colophon.xhtml", xhtml: this.colophon() });
    spine.find((item) => item.id === "nav")!.xhtml = this.navigation(cover !== undefined);

    const text = (name: string, content: string | Uint8Array): EpubEntry => ({
      name,
      data: typeof content === "string" ? new TextEncoder().encode(content) : content,
      compress: true,
    });
    const files: EpubEntry[] = [
      ...spine.map((item) => text(`${OEBPS}/${item.href}`, item.xhtml)),
      text(`${OEBPS}/${CSS_HREF}`, STYLESHEET),
      ...FONTS.map((font) => ({
        name: `${OEBPS}/${font.href}`,
        data: readFileSync(font.source),
        compress: font.mediaType === "text/plain",
      })),
      ...[...this.images.values()].map((image) => ({
        name: `${OEBPS}/${image.href}`,
        data: readFileSync(image.file),
        compress: false,
      })),
      text(`${OEBPS}/package.opf`, this.packageDocument(spine, facts, cover)),
      text("META-INF/container.xml", CONTAINER),
    ];
    files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return [{ name: "mimetype", data: new TextEncoder().encode("application/epub+zip"), compress: false }, ...files];
  }

  private hasForeword(): boolean {
    return this.publication.introHtml.trim() !== "";
  }

  /** Registers an image for the manifest; returns its place in the book. */
  private embed(asset: Pick<ImageAsset, "fallbackFile">): EmbeddedImage {
    const existing = this.images.get(asset.fallbackFile);
    if (existing) return existing;
    const name = path.basename(asset.fallbackFile);
    const image: EmbeddedImage = {
      id: `image-${name.replace(/[^A-Za-z0-9_-]/g, "_")}`,
      href: `images/${name}`,
      file: asset.fallbackFile,
      mediaType: mediaTypeOf(name),
    };
    this.images.set(asset.fallbackFile, image);
    return image;
  }

  private fragment(html: string, docPath: string, pageUrl: string, sourcePath: string, assets?: ImageAsset[]): string {
    // The model keeps no image list for the foreword: its pictures are found through their srcset.
    const images = assets ?? pictureAssets(html, this.input.imageFiles);
    const ctx: FragmentContext = {
      docPath,
      pageUrl,
      sourcePath,
      siteRoot: this.input.siteRoot,
      internal: this.internal,
      images,
      embed: (asset) => this.embed(asset).href,
    };
    return toXhtml(html, ctx);
  }

  private document(title: string, docPath: string, body: string, lang = this.publication.lang): string {
    return xhtmlDocument({ lang, title, cssHref: relativeHref(docPath, CSS_HREF), body });
  }

  private coverPage(cover: EmbeddedImage): string {
    const alt = this.publication.cover!.alt;
    const body = `<section epub:type="cover" class="omslag" aria-label="${escapeXml(this.strings.cover)}">
<img role="doc-cover" src="${cover.href}" alt="${escapeXml(alt)}"/>
</section>`;
    return this.document(this.strings.cover, "cover.xhtml", body);
  }

  private titlePage(): string {
    const p = this.publication;
    const authors = p.contributors.filter((c) => c.role === "forfatter").map((c) => c.name);
    const body = `<section epub:type="titlepage" class="titelblad" aria-labelledby="_title">
<h1 id="_title">${escapeXml(p.title)}</h1>
${p.subtitle ? `<p class="undertitel">${escapeXml(p.subtitle)}</p>\n` : ""}${authors.length ? `<p class="forfattere">${escapeXml(listFormat(authors, p.lang))}</p>\n` : ""}<p class="udgiver">${escapeXml(this.input.house.name)}</p>
</section>`;
    return this.document(this.strings.titlePage, "title.xhtml", body);
  }

  private foreword(): string {
    const p = this.publication;
    const title = this.strings.foreword;
    const inner = this.fragment(p.introHtml, "foreword.xhtml", p.url, p.sourcePath);
    const body = `<section epub:type="foreword" role="doc-foreword" aria-labelledby="_title">
<h1 id="_title">${escapeXml(title)}</h1>
${inner.trim()}
</section>`;
    return this.document(title, "foreword.xhtml", body);
  }

  private chapter(chapter: Publication["chapters"][number]): string {
    const docPath = this.chapterHref(chapter.slug);
    const inner = this.fragment(chapter.html, docPath, chapter.url, chapter.sourcePath, chapter.images);
    const body = `<section epub:type="chapter" role="doc-chapter" aria-labelledby="_title">
<h1 id="_title">${escapeXml(chapter.title)}</h1>
${inner.trim()}
</section>`;
    return this.document(chapter.title, docPath, body, chapter.lang);
  }

  private colophon(): string {
    const p = this.publication;
    const s = this.strings;
    const row = (term: string, value: string) => `<dt>${escapeXml(term)}</dt>\n<dd>${value}</dd>`;
    const rows = [
      ...contributorGroups(p.contributors, p.lang).map((group) => row(group.label, escapeXml(group.list))),
      row(s.publisher, escapeXml(this.input.house.name)),
      row(s.published, `<time datetime="${p.date}">${escapeXml(formatDate(p.date, p.lang))}</time>`),
      ...(p.updated
        ? [row(s.updated, `<time datetime="${p.updated}">${escapeXml(formatDate(p.updated, p.lang))}</time>`)]
        : []),
      ...(p.isbn ? [row(s.isbn, escapeXml(p.isbn))] : []),
    ];
    const online = `${this.input.siteRoot}${p.url}`;
    const body = `<section epub:type="colophon" role="doc-colophon" aria-labelledby="_title">
<h1 id="_title">${escapeXml(s.colophon)}</h1>
<p class="kolofon-titel">${escapeXml(p.title)}${p.subtitle ? `. ${escapeXml(p.subtitle)}` : ""}</p>
<dl>
${rows.join("\n")}
</dl>
<p><a href="${escapeXml(online)}">${escapeXml(s.readOnlineLink)}</a></p>
</section>`;
    return this.document(s.colophon, "colophon.xhtml", body);
  }

  private navigation(hasCover: boolean): string {
    const p = this.publication;
    const s = this.strings;
    const link = (href: string, text: string) => `<a href="${escapeXml(href)}">${escapeXml(text)}</a>`;
    const chapterItems = p.chapters.map((chapter) => {
      const href = this.chapterHref(chapter.slug);
      const sections = chapter.headings.filter((h) => h.level === 2);
      const sub = sections.length
        ? `\n<ol>\n${sections.map((h) => `<li>${link(`${href}#${h.id}`, h.text)}</li>`).join("\n")}\n</ol>\n`
        : "";
      return `<li class="kapitel">${link(href, chapter.title)}${sub}</li>`;
    });
    const items = [
      ...(this.hasForeword() ? [`<li>${link("foreword.xhtml", s.foreword)}</li>`] : []),
      ...chapterItems,
      `<li>${link("colophon.xhtml", s.colophon)}</li>`,
    ];
    const firstChapter = p.chapters[0] ? this.chapterHref(p.chapters[0].slug) : "title.xhtml";
    const landmark = (type: string, href: string, text: string) =>
      `<li><a epub:type="${type}" href="${href}">${escapeXml(text)}</a></li>`;
    const body = `<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">
<h1 id="toc-title">${escapeXml(s.contents)}</h1>
<ol>
${items.join("\n")}
</ol>
</nav>
<nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-title" hidden="hidden">
<h2 id="landmarks-title">${escapeXml(s.landmarks)}</h2>
<ol>
${landmark("cover", hasCover ? "cover.xhtml" : "title.xhtml", s.cover)}
${landmark("titlepage", "title.xhtml", s.titlePage)}
${landmark("toc", "nav.xhtml#toc", s.contents)}
${landmark("bodymatter", firstChapter, s.startOfText)}
</ol>
</nav>`;
    return this.document(s.contents, "nav.xhtml", body);
  }

  private packageDocument(spine: SpineItem[], facts: ContentFacts, cover?: EmbeddedImage): string {
    const p = this.publication;
    const manifest = [
      ...spine.map((item) => {
        const properties = [
          item.id === "nav" ? "nav" : "",
          /<svg[\s>]/.test(item.xhtml) ? "svg" : "",
          /<math[\s>]/.test(item.xhtml) ? "mathml" : "",
        ]
          .filter(Boolean)
          .join(" ");
        return `<item id="${item.id}" href="${item.href}" media-type="application/xhtml+xml"${properties ? ` properties="${properties}"` : ""}/>`;
      }),
      `<item id="css" href="${CSS_HREF}" media-type="text/css"/>`,
      ...FONTS.map((font) => `<item id="${font.id}" href="${font.href}" media-type="${font.mediaType}"/>`),
      ...[...this.images.values()]
        .sort((a, b) => a.href.localeCompare(b.href))
        .map((image) => {
          const isCover = image === cover;
          return `<item id="${isCover ? "cover-image" : image.id}" href="${image.href}" media-type="${image.mediaType}"${isCover ? ` properties="cover-image"` : ""}/>`;
        }),
    ];
    const itemrefs = spine.map((item) => `<itemref idref="${item.id}"/>`);
    return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="${p.lang}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
${metadataXml(p, this.input.house, this.input.baseUrl, facts, cover ? "cover-image" : undefined)}
  </metadata>
  <manifest>
${manifest.map((line) => `    ${line}`).join("\n")}
  </manifest>
  <spine>
${itemrefs.map((line) => `    ${line}`).join("\n")}
  </spine>
</package>
`;
  }
}

const CONTAINER = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="${OEBPS}/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`;

function mediaTypeOf(file: string): string {
  const ext = path.extname(file).toLowerCase();
  return (
    { ".png": "image/png", ".gif": "image/gif", ".svg": "image/svg+xml", ".webp": "image/webp" }[ext] ?? "image/jpeg"
  );
}

/** Assets for `<picture>` markup not tied to a chapter: the fallback-format candidate of at least 960 px, else the largest. */
function pictureAssets(html: string, byName: Map<string, string>): ImageAsset[] {
  const assets: ImageAsset[] = [];
  const $ = cheerio.load(html, null, false);
  for (const img of $("img").toArray()) {
    const urls = [img.attribs.src ?? "", ...(img.attribs.srcset ?? "").split(",").map((c) => c.trim().split(/\s+/)[0])];
    const candidates = urls
      .filter((url) => /\.(png|jpe?g|gif)$/i.test(url) && byName.has(path.basename(url)))
      .map((url) => ({ url, width: Number(/-(\d+)\.\w+$/.exec(url)?.[1] ?? 0) }))
      .sort((a, b) => a.width - b.width);
    const chosen = candidates.find((c) => c.width >= 960) ?? candidates[candidates.length - 1];
    if (!chosen) continue;
    const file = byName.get(path.basename(chosen.url))!;
    assets.push({
      source: file,
      alt: img.attribs.alt ?? "",
      fallbackFile: file,
      fallbackUrl: chosen.url,
      width: chosen.width,
      height: 0,
      mimeType: mediaTypeOf(file),
      pictureHtml: "",
    });
  }
  return assets;
}
