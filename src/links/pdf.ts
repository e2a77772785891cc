/**
 * The links inside a PDF: link annotations that go to a named destination in the same document
 * (the table of contents, footnotes) must find it, and URI links back to the site must resolve
 * like any page link. External URIs are not fetched.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, type PDFObject } from "pdf-lib";
import { CacheStore, codeVersion, contentHash } from "../cache/index.ts";
import type { Broken } from "./messages.ts";
import type { BrokenInOutput } from "./site.ts";

export type SiteLinkCheck = (
  value: string,
) => { kind: Broken["kind"]; target: string; fragment?: string } | null | undefined;

/** What a PDF links to, read once per distinct file (PDFs are big; parsing them is the slow part). */
interface PdfLinks {
  uris: { page: number; uri: string }[];
  gotos: { page: number; name: string }[];
  destinations: string[];
}

export async function checkPdf(
  outDir: string,
  pdf: string,
  checkSiteLink: SiteLinkCheck,
  cacheDir?: string,
): Promise<{ broken: BrokenInOutput[]; links: number }> {
  const { uris, gotos, destinations } = await pdfLinks(await readFile(path.join(outDir, pdf)), cacheDir);
  const names = new Set(destinations);
  const broken: BrokenInOutput[] = [];
  let links = gotos.length;
  const base = (page: number) => ({
    where: "pdf link",
    document: `${pdf}#page=${page}`,
    documentUrl: `/${pdf}`,
    suggestions: [] as string[],
  });
  for (const { page, uri } of uris) {
    const problem = checkSiteLink(uri);
    if (problem === undefined) continue; // external: not counted, not fetched
    links++;
    if (problem)
      broken.push({
        ...base(page),
        value: uri,
        kind: problem.kind,
        target: problem.target,
        fragment: problem.fragment ?? "",
      });
  }
  for (const { page, name } of gotos) {
    if (!names.has(name))
      broken.push({ ...base(page), value: `#${name}`, kind: "anchor", target: `/${pdf}`, fragment: name });
  }
  return { broken, links };
}

/** The links of each distinct PDF, kept in `<cacheDir>/pdf/` by the file's content and this code's version. */
async function pdfLinks(bytes: Buffer, cacheDir: string | undefined): Promise<PdfLinks> {
  if (!cacheDir) return readPdfLinks(bytes);
  const store = new CacheStore(cacheDir, "pdf");
  const entry = {
    key: store.key({
      stage: "pdf-links",
      code: codeVersion({ modules: ["src/links/pdf.ts"] }),
      inputs: contentHash(bytes),
    }),
  };
  const cached = await store.readJson<PdfLinks>(entry);
  if (cached) return cached;
  const links = await readPdfLinks(bytes);
  await store.write(entry, ".json", JSON.stringify(links));
  return links;
}

/** Drops the links of PDFs no build has checked for a month. */
export async function prunePdfLinkCache(cacheDir: string): Promise<void> {
  await new CacheStore(cacheDir, "pdf").prune();
}

async function readPdfLinks(bytes: Buffer): Promise<PdfLinks> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  const links: PdfLinks = { uris: [], gotos: [], destinations: [...namedDestinations(doc)].sort() };
  doc.getPages().forEach((pdfPage, index) => {
    const page = index + 1;
    const annotations = pdfPage.node.Annots();
    for (let i = 0; i < (annotations?.size() ?? 0); i++) {
      const annotation = annotations!.lookup(i);
      if (!(annotation instanceof PDFDict)) continue;
      const action = annotation.lookup(PDFName.of("A"));
      const uri = action instanceof PDFDict ? text(action.lookup(PDFName.of("URI"))) : undefined;
      if (uri !== undefined) {
        links.uris.push({ page, uri });
        continue;
      }
      const destination = action instanceof PDFDict ? action.get(PDFName.of("D")) : annotation.get(PDFName.of("Dest"));
      const name = destinationName(destination);
      if (name !== undefined) links.gotos.push({ page, name }); // else an explicit [page /XYZ …] destination, or no link
    }
  });
  return links;
}

/** Names of the document's destinations: the catalog's /Dests dictionary and the /Names /Dests tree. */
function namedDestinations(doc: PDFDocument): Set<string> {
  const names = new Set<string>();
  const dests = doc.catalog.lookup(PDFName.of("Dests"));
  if (dests instanceof PDFDict) for (const key of dests.keys()) names.add(key.decodeText());
  const tree = doc.catalog.lookup(PDFName.of("Names"));
  if (tree instanceof PDFDict) collectNameTree(tree.lookup(PDFName.of("Dests")), names);
  return names;
}

function collectNameTree(node: PDFObject | undefined, names: Set<string>): void {
  if (!(node instanceof PDFDict)) return;
  const pairs = node.lookup(PDFName.of("Names"));
  if (pairs instanceof PDFArray) {
    for (let i = 0; i < pairs.size(); i += 2) {
      const key = text(pairs.lookup(i));
      if (key !== undefined) names.add(key);
    }
  }
  const kids = node.lookup(PDFName.of("Kids"));
  if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) collectNameTree(kids.lookup(i), names);
}

function destinationName(destination: PDFObject | undefined): string | undefined {
  if (destination instanceof PDFName) return destination.decodeText();
  return text(destination);
}

function text(value: PDFObject | undefined): string | undefined {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  return undefined;
}
