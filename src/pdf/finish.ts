/**
 * Finishes Chromium's PDF with pdf-lib: document information and an XMP metadata stream (Chromium
 * writes none), /Lang, DisplayDocTitle, dates and the trailer /ID derived from the content (not the
 * clock, not the folder), so the same content gives the same bytes anywhere. The result is a tagged
 * PDF; it claims no PDF/UA conformance (no `pdfuaid:part`): checkAccessibility verifies some of the
 * Matterhorn Protocol's machine-checkable conditions, not all (README: "The PDF").
 */
import { createHash } from "node:crypto";
import { everythingMarked, markUntaggedContentAsArtifacts } from "./artifacts.ts";
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHeader,
  PDFHexString,
  PDFName,
  PDFRef,
  PDFString,
  type PDFObject,
} from "pdf-lib";

export interface PdfFacts {
  title: string;
  subject: string;
  lang: string;
  /** The publishing house (Info /Author, XMP dc:creator). */
  author: string;
  keywords: string[];
  /** ISO dates from the content. */
  created: string;
  modified: string;
  /** Named destination → what a link to it leads to (for the links' /Contents). */
  linkTargets: Map<string, string>;
  /** Text of every heading Chromium tags, in document order: the outline's titles. */
  headings: string[];
}

export interface AccessibilityChecks {
  tagged: boolean; // /MarkInfo /Marked true and a /StructTreeRoot with children
  lang: boolean; // catalog /Lang
  title: boolean; // dc:title and /Title set
  displayDocTitle: boolean; // ViewerPreferences /DisplayDocTitle true
  figuresHaveAlt: boolean; // every /Figure structure element has /Alt or /ActualText
  outline: boolean; // bookmarks present
  linksDescribed: boolean; // every /Link annotation has /Contents
  contentMarked: boolean; // nothing is painted outside tagged content or /Artifact sequences
}

export interface FinishedPdf {
  bytes: Uint8Array;
  pages: number;
  checks: AccessibilityChecks;
}

export const CREATOR_TOOL = "Udgiv";

export async function finishPdf(printed: Uint8Array, facts: PdfFacts): Promise<FinishedPdf> {
  const doc = await PDFDocument.load(printed, { updateMetadata: false });
  const producer = `${doc.getProducer() ?? "Chromium"}; pdf-lib; ${CREATOR_TOOL}`;
  doc.context.header = PDFHeader.forVersion(1, 7); // tags, XMP and /Lang as in ISO 32000-1, which PDF/UA builds on
  doc.setTitle(facts.title, { showInWindowTitleBar: true });
  doc.setSubject(facts.subject);
  doc.setAuthor(facts.author);
  doc.setKeywords(facts.keywords);
  doc.setCreator(CREATOR_TOOL);
  doc.setProducer(producer);
  doc.setLanguage(facts.lang);
  doc.setCreationDate(isoToDate(facts.created));
  doc.setModificationDate(isoToDate(facts.modified));
  describeLinks(doc, facts.linkTargets);
  renumberElementIds(doc);
  markUntaggedContentAsArtifacts(doc);
  titleOutlineFromHeadings(doc, facts.headings);

  const checks = checkAccessibility(doc);
  const xmp = xmpPacket({ ...facts, producer });
  const xmpBytes = new Uint8Array(Buffer.from(xmp, "utf8"));
  const metadata = doc.context.stream(xmpBytes, { Type: "Metadata", Subtype: "XML", Length: xmpBytes.length });
  doc.catalog.set(PDFName.of("Metadata"), doc.context.register(metadata));

  const placeholder = PDFHexString.of(ID_PLACEHOLDER);
  doc.context.trailerInfo.ID = doc.context.obj([placeholder, placeholder]);
  const bytes = withContentId(await doc.save({ useObjectStreams: false, updateFieldAppearances: false }));
  return { bytes, pages: doc.getPageCount(), checks };
}

const ID_PLACEHOLDER = "0".repeat(32);

/**
 * The trailer /ID is the hash of the document itself (saved with a placeholder /ID of the same
 * length, so no offset moves): identical content gives an identical file, whatever cache key,
 * folder or machine it was made with.
 */
function withContentId(saved: Uint8Array): Uint8Array {
  const bytes = Buffer.from(saved);
  const placeholder = Buffer.from(`<${ID_PLACEHOLDER}>`, "latin1");
  const id = Buffer.from(`<${createHash("sha256").update(bytes).digest("hex").slice(0, 32)}>`, "latin1");
  const trailer = bytes.lastIndexOf("trailer");
  for (let at = bytes.indexOf(placeholder, trailer); at >= 0; at = bytes.indexOf(placeholder, at + placeholder.length))
    id.copy(bytes, at);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Conditions of a tagged PDF (from ISO 14289-1 and the Matterhorn Protocol) that can be verified
 * by reading the file; the others need veraPDF or a human. The PDF stage stops the build when one fails.
 */
export function checkAccessibility(doc: PDFDocument): AccessibilityChecks {
  const { context, catalog } = doc;
  const markInfo = context.lookup(catalog.get(PDFName.of("MarkInfo")));
  const structRoot = context.lookup(catalog.get(PDFName.of("StructTreeRoot")));
  const prefs = context.lookup(catalog.get(PDFName.of("ViewerPreferences")));
  const outlines = context.lookup(catalog.get(PDFName.of("Outlines")));
  const elements = structureElements(doc);
  const annotations = doc
    .getPages()
    .flatMap((page) => page.node.Annots()?.asArray() ?? [])
    .map((a) => context.lookup(a));
  const links = annotations.filter(
    (a): a is PDFDict => a instanceof PDFDict && a.get(PDFName.of("Subtype")) === PDFName.of("Link"),
  );
  return {
    tagged:
      markInfo instanceof PDFDict &&
      String(markInfo.get(PDFName.of("Marked"))) === "true" &&
      structRoot instanceof PDFDict &&
      structRoot.has(PDFName.of("K")) &&
      elements.length > 0,
    lang: Boolean(textOf(doc, catalog.get(PDFName.of("Lang")))),
    title: Boolean(doc.getTitle()),
    displayDocTitle: prefs instanceof PDFDict && String(prefs.get(PDFName.of("DisplayDocTitle"))) === "true",
    figuresHaveAlt: elements
      .filter((e) => e.get(PDFName.of("S")) === PDFName.of("Figure"))
      .every((e) => Boolean(textOf(doc, e.get(PDFName.of("Alt"))) || textOf(doc, e.get(PDFName.of("ActualText"))))),
    outline: outlines instanceof PDFDict && outlines.has(PDFName.of("First")),
    linksDescribed: links.every((link) => Boolean(textOf(doc, link.get(PDFName.of("Contents"))))),
    contentMarked: everythingMarked(doc),
  };
}

/** Every structure element of the tagged PDF, depth first. */
export function structureElements(doc: PDFDocument): PDFDict[] {
  const found: PDFDict[] = [];
  const seen = new Set<PDFObject>();
  const visit = (obj: PDFObject | undefined) => {
    const node = doc.context.lookup(obj);
    if (!node || seen.has(node)) return;
    seen.add(node);
    if (node instanceof PDFArray) return node.asArray().forEach(visit);
    if (!(node instanceof PDFDict)) return;
    if (node.has(PDFName.of("S"))) found.push(node);
    visit(node.get(PDFName.of("K")));
  };
  const root = doc.context.lookup(doc.catalog.get(PDFName.of("StructTreeRoot")));
  if (root instanceof PDFDict) visit(root.get(PDFName.of("K")));
  return found;
}

/**
 * Chromium names structure elements after its DOM node counters (/ID (node00000133), used by table
 * cells' /Headers), which shift with whatever the browser did before: renumber them in tree order
 * and rebuild the /IDTree, so the same document gives the same bytes.
 */
function renumberElementIds(doc: PDFDocument): void {
  const { context } = doc;
  const renamed = new Map<string, string>();
  const pairs: [string, PDFObject][] = [];
  const refOf = new Map<PDFObject, PDFRef>(context.enumerateIndirectObjects().map(([ref, obj]) => [obj, ref]));
  for (const element of structureElements(doc)) {
    const old = textOf(doc, element.get(PDFName.of("ID")));
    if (!old) continue;
    const fresh = `id${String(renamed.size + 1).padStart(6, "0")}`;
    renamed.set(old, fresh);
    element.set(PDFName.of("ID"), PDFString.of(fresh));
    pairs.push([fresh, refOf.get(element) ?? element]);
  }
  if (!renamed.size) return;
  for (const element of structureElements(doc)) {
    const attributes = context.lookup(element.get(PDFName.of("A")));
    const dicts = attributes instanceof PDFArray ? attributes.asArray().map((a) => context.lookup(a)) : [attributes];
    for (const dict of dicts) {
      const headers = dict instanceof PDFDict ? context.lookup(dict.get(PDFName.of("Headers"))) : undefined;
      if (!(dict instanceof PDFDict) || !(headers instanceof PDFArray)) continue;
      const ids = headers.asArray().map((h) => textOf(doc, h) ?? "");
      dict.set(PDFName.of("Headers"), context.obj(ids.map((id) => PDFString.of(renamed.get(id) ?? id))));
    }
  }
  const root = context.lookup(doc.catalog.get(PDFName.of("StructTreeRoot")));
  if (!(root instanceof PDFDict)) return;
  deleteNameTree(doc, root.get(PDFName.of("IDTree")));
  const names = pairs.sort(([a], [b]) => (a < b ? -1 : 1)).flatMap(([id, ref]) => [PDFString.of(id), ref]);
  root.set(PDFName.of("IDTree"), context.register(context.obj({ Names: context.obj(names) })));
}

function deleteNameTree(doc: PDFDocument, ref: PDFObject | undefined): void {
  const node = doc.context.lookup(ref);
  if (node instanceof PDFDict) {
    const kids = doc.context.lookup(node.get(PDFName.of("Kids")));
    if (kids instanceof PDFArray) kids.asArray().forEach((kid) => deleteNameTree(doc, kid));
  }
  if (ref instanceof PDFRef) doc.context.delete(ref);
}

/**
 * Chromium's PDF backend (Skia) makes one bookmark per heading structure element, titled with the
 * text of every glyph run drawn for that heading. A heading pushed to the top of the next page is
 * drawn on the page before as well (clipped away, so nothing shows there), and its title comes out
 * twice ("Emner og målgruppeEmner og målgruppe"); where a heading wraps, the space is lost
 * ("vorespublikationer"). So the titles are not kept: each bookmark points (/SE) at its heading's
 * structure element, the n-th heading element of the tree is the n-th heading of the print
 * document (both in document order), and its text becomes the title.
 * Should the two lists not line up (a heading Chromium did not tag), bookmarks are matched to
 * headings by their text instead, as far as it goes.
 */
function titleOutlineFromHeadings(doc: PDFDocument, headings: string[]): void {
  const elements = structureElements(doc).filter((e) => /^\/H[1-6]$/.test(String(e.get(PDFName.of("S")))));
  const byElement = new Map<PDFObject, string>();
  if (elements.length === headings.length) elements.forEach((element, i) => byElement.set(element, headings[i]));
  const squash = (text: string) => text.replace(/\s+/g, "");
  let next = 0;
  const byText = (title: string): string | undefined => {
    // Skia's title is the heading's text, drawn once or more, with or without its spaces.
    const found = headings.findIndex(
      (h, i) =>
        i >= next &&
        squash(h) !== "" &&
        squash(title) === squash(h).repeat(Math.round(squash(title).length / squash(h).length)),
    );
    if (found < 0) return undefined;
    next = found + 1;
    return headings[found];
  };
  for (const { node } of outlineEntries(doc)) {
    const element = doc.context.lookup(node.get(PDFName.of("SE")));
    const title = (element && byElement.get(element)) ?? byText(textOf(doc, node.get(PDFName.of("Title"))) ?? "");
    if (title !== undefined) node.set(PDFName.of("Title"), PDFHexString.fromText(title));
  }
}

/** The bookmarks, depth first (the order of the headings they stand for), with their depth (0 at the top). */
export function outlineEntries(doc: PDFDocument): { node: PDFDict; depth: number }[] {
  const entries: { node: PDFDict; depth: number }[] = [];
  const seen = new Set<PDFDict>();
  const walk = (obj: PDFObject | undefined, depth: number) => {
    let node = doc.context.lookup(obj);
    while (node instanceof PDFDict && !seen.has(node)) {
      seen.add(node);
      entries.push({ node, depth });
      walk(node.get(PDFName.of("First")), depth + 1);
      node = doc.context.lookup(node.get(PDFName.of("Next")));
    }
  };
  const outlines = doc.context.lookup(doc.catalog.get(PDFName.of("Outlines")));
  if (outlines instanceof PDFDict) walk(outlines.get(PDFName.of("First")), 0);
  return entries;
}

/**
 * PDF/UA asks for a text alternative on every link annotation (/Contents). Chromium writes none:
 * describe in-document links by their destination's heading, web links by their address.
 */
function describeLinks(doc: PDFDocument, targets: Map<string, string>): void {
  for (const [index, page] of doc.getPages().entries()) {
    for (const ref of page.node.Annots()?.asArray() ?? []) {
      const annot = doc.context.lookup(ref);
      if (
        !(annot instanceof PDFDict) ||
        annot.get(PDFName.of("Subtype")) !== PDFName.of("Link") ||
        annot.has(PDFName.of("Contents"))
      )
        continue;
      const action = doc.context.lookup(annot.get(PDFName.of("A")));
      const uri = action instanceof PDFDict ? textOf(doc, action.get(PDFName.of("URI"))) : undefined;
      const dest = annot.get(PDFName.of("Dest"));
      const description =
        uri ??
        (dest instanceof PDFName ? (targets.get(decodeName(dest)) ?? decodeName(dest)) : undefined) ??
        `${doc.getTitle() ?? ""}, ${index + 1}`;
      annot.set(PDFName.of("Contents"), PDFHexString.fromText(description));
    }
    // Tab order follows the structure (PDF/UA 7.18.3).
    if (page.node.Annots()) page.node.set(PDFName.of("Tabs"), PDFName.of("S"));
  }
}

/** A PDF name as text: #xx escapes decoded, UTF-8 bytes read as UTF-8. */
export function decodeName(name: PDFName): string {
  const raw = name
    .asString()
    .slice(1)
    .replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(raw, "latin1").toString("utf8");
}

function textOf(doc: PDFDocument, obj: PDFObject | undefined): string | undefined {
  const value = doc.context.lookup(obj);
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText() || undefined;
  return undefined;
}

function isoToDate(iso: string): Date {
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`);
}

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** An XMP packet with the same facts as the document information dictionary. */
export function xmpPacket(facts: PdfFacts & { producer: string }): string {
  const created = isoToDate(facts.created)
    .toISOString()
    .replace(/\.000Z$/, "Z");
  const modified = isoToDate(facts.modified)
    .toISOString()
    .replace(/\.000Z$/, "Z");
  const list = (tag: string, items: string[]) =>
    `<rdf:${tag}>${items.map((item) => `<rdf:li>${escapeXml(item)}</rdf:li>`).join("")}</rdf:${tag}>`;
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:xmp="http://ns.adobe.com/xap/1.0/"
  xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(facts.title)}</rdf:li></rdf:Alt></dc:title>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(facts.subject)}</rdf:li></rdf:Alt></dc:description>
<dc:language>${list("Bag", [facts.lang])}</dc:language>
<dc:creator>${list("Seq", facts.author ? [facts.author] : [])}</dc:creator>
<dc:subject>${list("Bag", facts.keywords)}</dc:subject>
<xmp:CreatorTool>${CREATOR_TOOL}</xmp:CreatorTool>
<xmp:CreateDate>${created}</xmp:CreateDate>
<xmp:ModifyDate>${modified}</xmp:ModifyDate>
<xmp:MetadataDate>${modified}</xmp:MetadataDate>
<pdf:Producer>${escapeXml(facts.producer)}</pdf:Producer>
<pdf:Keywords>${escapeXml(facts.keywords.join(", "))}</pdf:Keywords>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}
