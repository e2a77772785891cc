/**
 * The package document's metadata: Dublin Core with roles, and the accessibility metadata of
 * EPUB Accessibility 1.1 (schema.org properties, conformance, certifier).
 */
import { createHash } from "node:crypto";
import type { Contributor, House, Publication } from "../model/types.ts";
import { accessibilitySummary } from "./strings.ts";
import { escapeXml } from "./xhtml.ts";

/** What the book contains, for the accessibility claims (never claim a feature that is not there). */
export interface ContentFacts {
  images: boolean;
  tables: boolean;
  footnotes: boolean;
  aria: boolean;
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
    ...(facts.images ? ["alternativeText"] : []),
    ...(facts.aria ? ["ARIA"] : []),
  ];
}

export function metadataXml(publication: Publication, house: House, baseUrl: string, facts: ContentFacts, coverId?: string): string {
  const meta = (property: string, value: string, extra = "") => `<meta property="${property}"${extra}>${escapeXml(value)}</meta>`;
  const lines: string[] = [
    `<dc:identifier id="pub-id">${escapeXml(identifier(publication, baseUrl))}</dc:identifier>`,
    ...(publication.isbn ? [meta("identifier-type", publication.isbn.length === 13 ? "15" : "02", ` refines="#pub-id" scheme="onix:codelist5"`)] : []),
    `<dc:title id="title">${escapeXml(publication.title)}</dc:title>`,
    meta("title-type", "main", ` refines="#title"`),
  ];
  if (publication.subtitle) {
    lines.push(`<dc:title id="subtitle">${escapeXml(publication.subtitle)}</dc:title>`, meta("title-type", "subtitle", ` refines="#subtitle"`));
  }
  const authors = publication.contributors.filter((c) => c.role === "forfatter");
  if (authors.length === 0) lines.push(`<dc:creator id="creator-house">${escapeXml(house.name)}</dc:creator>`);
  publication.contributors.forEach((person, i) => {
    const element = person.role === "forfatter" ? "dc:creator" : "dc:contributor";
    const id = `${person.role === "forfatter" ? "creator" : "contributor"}-${i + 1}`;
    lines.push(`<${element} id="${id}">${escapeXml(person.name)}</${element}>`, meta("role", MARC_ROLES[person.role], ` refines="#${id}" scheme="marc:relators"`));
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
  const meta = (property: string, value: string, extra = "") => `<meta property="${property}"${extra}>${escapeXml(value)}</meta>`;
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

