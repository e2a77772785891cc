/**
 * The package document's metadata: Dublin Core with roles, and the accessibility metadata of
 * EPUB Accessibility 1.1 (schema.org properties, conformance, certifier).
 */
import { createHash } from "node:crypto";
import { Parser } from "htmlparser2";
import type { Contributor, House, Publication } from "../model/index.ts";
import { accessibilitySummary } from "./strings.ts";
import { escapeXml } from "./xhtml.ts";

/**
 * What the book contains, read from its XHTML, for the accessibility claims: each sentence of the
 * summary is said only when these show it true for this book (never a feature that is not there,
 * never a promise one table or figure breaks).
 */
export interface ContentFacts {
  /** At least one image (the book has a visual access mode). */
  images: boolean;
  /** At least one image, and each has an alt attribute (the model refuses an image without one; "" marks decoration). */
  imagesHaveAlt: boolean;
  /** At least one figure, and every figure has a caption. */
  captionedFigures: boolean;
  /** "captions-and-headers": every table has a caption and a header row; "headers": every one a header row; else "none". */
  tables: "captions-and-headers" | "headers" | "none";
  /** At least one footnote, and every footnote links back to where it is referenced. */
  linkedNotes: boolean;
  aria: boolean;
}

/** Reads the facts from the book's XHTML documents (a tokenizer: no document tree, books may be many). */
export function contentFacts(documents: string[]): ContentFacts {
  let images = 0;
  let allImagesHaveAlt = true;
  const figures: boolean[] = []; // captioned?
  const tables: { caption: boolean; headers: boolean }[] = [];
  const notes: boolean[] = []; // links back?
  const open: string[] = [];
  const inside = (name: string) => open.includes(name);
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        open.push(name);
        if (name === "img") {
          images++;
          if (attributes.alt === undefined) allImagesHaveAlt = false;
        }
        if (name === "figure") figures.push(false);
        if (name === "figcaption" && inside("figure")) figures[figures.length - 1] = true;
        if (name === "table") tables.push({ caption: false, headers: false });
        if (name === "caption" && inside("table")) tables[tables.length - 1].caption = true;
        if (name === "th" && inside("table") && (inside("thead") || attributes.scope === "col"))
          tables[tables.length - 1].headers = true;
        if (name === "aside" && attributes["epub:type"] === "footnote") notes.push(false);
        if (name === "a" && inside("aside") && notes.length && attributes.role === "doc-backlink" && attributes.href)
          notes[notes.length - 1] = true;
      },
      onclosetag(name) {
        const at = open.lastIndexOf(name);
        if (at >= 0) open.length = at;
      },
    },
    { xmlMode: true },
  );
  for (const xhtml of documents) {
    parser.end(xhtml);
    parser.reset();
    open.length = 0;
  }
  return {
    images: images > 0,
    imagesHaveAlt: images > 0 && allImagesHaveAlt,
    captionedFigures: figures.length > 0 && figures.every(Boolean),
    tables:
      tables.length === 0 || !tables.every((t) => t.headers)
        ? "none"
        : tables.every((t) => t.caption)
          ? "captions-and-headers"
          : "headers",
    linkedNotes: notes.length > 0 && notes.every(Boolean),
    aria: true, // DPUB-ARIA roles on chapters, notes, cover and table of contents
  };
}

export const CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA";

/** MARC relator codes for the roles editors can give. */
const MARC_ROLES: Record<Contributor["role"], string> = {
  forfatter: "aut",
  redaktør: "edt",
  bidragyder: "ctb",
  illustrator: "ill",
  fotograf: "pht",
};

/** `urn:isbn:…` where the publication has an ISBN, else a name-based UUID (RFC 4122 v5) of its address. */
export function identifier(publication: Publication, baseUrl: string): string {
  if (publication.isbn) return `urn:isbn:${publication.isbn}`;
  return `urn:uuid:${uuidV5(`${baseUrl}${publication.url}`)}`;
}

/** RFC 4122 version 5 (SHA-1, URL namespace): the same address always gives the same UUID. */
export function uuidV5(name: string): string {
  const URL_NAMESPACE = "6ba7b8119dad11d180b400c04fd430c8";
  const hash = createHash("sha1").update(Buffer.from(URL_NAMESPACE, "hex")).update(name, "utf8").digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `dcterms:modified` comes from the content (the last update), never from the clock. */
export function modified(publication: Publication): string {
  return `${publication.updated ?? publication.date}T00:00:00Z`;
}

export function accessibilityFeatures(facts: ContentFacts): string[] {
  return [
    "structuralNavigation",
    "tableOfContents",
    "readingOrder",
    "displayTransformability",
    ...(facts.imagesHaveAlt ? ["alternativeText"] : []),
    ...(facts.aria ? ["ARIA"] : []),
  ];
}

export function metadataXml(
  publication: Publication,
  house: House,
  baseUrl: string,
  facts: ContentFacts,
  coverId?: string,
): string {
  const meta = (property: string, value: string, extra = "") =>
    `<meta property="${property}"${extra}>${escapeXml(value)}</meta>`;
  const lines: string[] = [
    `<dc:identifier id="pub-id">${escapeXml(identifier(publication, baseUrl))}</dc:identifier>`,
    ...(publication.isbn
      ? [
          meta(
            "identifier-type",
            publication.isbn.length === 13 ? "15" : "02",
            ` refines="#pub-id" scheme="onix:codelist5"`,
          ),
        ]
      : []),
    `<dc:title id="title">${escapeXml(publication.title)}</dc:title>`,
    meta("title-type", "main", ` refines="#title"`),
  ];
  if (publication.subtitle) {
    lines.push(
      `<dc:title id="subtitle">${escapeXml(publication.subtitle)}</dc:title>`,
      meta("title-type", "subtitle", ` refines="#subtitle"`),
    );
  }
  const authors = publication.contributors.filter((c) => c.role === "forfatter");
  if (authors.length === 0) lines.push(`<dc:creator id="creator-house">${escapeXml(house.name)}</dc:creator>`);
  publication.contributors.forEach((person, i) => {
    const element = person.role === "forfatter" ? "dc:creator" : "dc:contributor";
    const id = `${person.role === "forfatter" ? "creator" : "contributor"}-${i + 1}`;
    lines.push(
      `<${element} id="${id}">${escapeXml(person.name)}</${element}>`,
      meta("role", MARC_ROLES[person.role], ` refines="#${id}" scheme="marc:relators"`),
    );
  });
  lines.push(
    `<dc:publisher>${escapeXml(house.name)}</dc:publisher>`,
    `<dc:language>${publication.lang}</dc:language>`,
    `<dc:date>${publication.date}</dc:date>`,
    meta("dcterms:modified", modified(publication)),
    ...publication.topics.map((topic) => `<dc:subject>${escapeXml(topic)}</dc:subject>`),
    `<dc:description>${escapeXml(publication.summary)}</dc:description>`,
  );
  if (coverId) lines.push(`<meta name="cover" content="${coverId}"/>`);
  lines.push(...accessibilityXml(publication, house, facts));
  return lines.map((line) => `    ${line}`).join("\n");
}

function accessibilityXml(publication: Publication, house: House, facts: ContentFacts): string[] {
  const meta = (property: string, value: string, extra = "") =>
    `<meta property="${property}"${extra}>${escapeXml(value)}</meta>`;
  const summary = accessibilitySummary(publication.lang, { ...facts, readability: publication.readability });
  return [
    meta("schema:accessMode", "textual"),
    ...(facts.images ? [meta("schema:accessMode", "visual")] : []),
    meta("schema:accessModeSufficient", "textual"),
    ...(facts.images ? [meta("schema:accessModeSufficient", "textual,visual")] : []),
    ...accessibilityFeatures(facts).map((feature) => meta("schema:accessibilityFeature", feature)),
    meta("schema:accessibilityHazard", "none"),
    meta("schema:accessibilitySummary", summary),
    meta("dcterms:conformsTo", CONFORMANCE, ` id="conformance"`),
    meta("a11y:certifiedBy", house.name, ` refines="#conformance"`),
  ];
}
