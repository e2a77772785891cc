/**
 * PDF/UA (and veraPDF rule 7.1-3) wants all page content either tagged or marked as an artifact.
 * Chromium tags the document's content but paints the @page margin boxes (running header, page
 * numbers) and backgrounds outside any marked content. This wraps every such stretch of painting
 * at marked-content depth 0 in `/Artifact BMC … EMC`, leaving the tagged sequences as they are.
 */
import { decodePDFRawStream, PDFArray, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFPage } from "pdf-lib";

const PAINTING = new Set(["Tj", "TJ", "'", '"', "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "Do", "sh"]);
const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([..."()<>[]{}/%"].map((c) => c.charCodeAt(0)));

export interface Operation {
  operator: string;
  start: number; // byte offset of its first operand (or of the operator)
  end: number; // byte offset just after the operator
}

/** Splits a content stream into operations. Returns undefined for what it does not handle (inline images). */
export function operations(bytes: Uint8Array): Operation[] | undefined {
  const ops: Operation[] = [];
  let i = 0;
  let start = -1;
  const skipString = () => {
    let depth = 0;
    for (; i < bytes.length; i++) {
      const c = bytes[i];
      if (c === 0x5c) {
        i++;
        continue;
      } // backslash escape
      if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) {
        i++;
        return;
      }
    }
  };
  while (i < bytes.length) {
    const c = bytes[i];
    if (WHITESPACE.has(c)) {
      i++;
      continue;
    }
    if (c === 0x25) {
      while (i < bytes.length && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
      continue;
    } // comment
    if (start < 0) start = i;
    if (c === 0x28) {
      skipString();
      continue;
    }
    if (c === 0x3c && bytes[i + 1] === 0x3c) {
      i += 2;
      continue;
    }
    if (c === 0x3e && bytes[i + 1] === 0x3e) {
      i += 2;
      continue;
    }
    if (c === 0x3c) {
      while (i < bytes.length && bytes[i] !== 0x3e) i++;
      i++;
      continue;
    } // hex string
    if (c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d) {
      i++;
      continue;
    }
    const wordStart = i;
    if (c === 0x2f) i++; // a name: "/" then regular characters
    while (i < bytes.length && !WHITESPACE.has(bytes[i]) && !DELIMITERS.has(bytes[i])) i++;
    if (i === wordStart) {
      i++;
      continue;
    } // stray delimiter
    const numeric = (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e;
    if (c === 0x2f || numeric) continue; // operands: names and numbers
    const word = String.fromCharCode(...bytes.subarray(wordStart, i));
    if (word === "true" || word === "false" || word === "null") continue;
    if (word === "BI" || word === "ID") return undefined;
    ops.push({ operator: word, start, end: i });
    start = -1;
  }
  return ops;
}

/** The content with every untagged stretch of painting wrapped as an artifact; undefined when nothing changes. */
export function markArtifacts(bytes: Uint8Array): Uint8Array | undefined {
  const ops = operations(bytes);
  if (!ops) return undefined;
  const ranges: [number, number][] = [];
  let depth = 0;
  let run: { start: number; end: number; paints: boolean } | undefined;
  const close = () => {
    if (run?.paints) ranges.push([run.start, run.end]);
    run = undefined;
  };
  for (const op of ops) {
    if (op.operator === "BDC" || op.operator === "BMC") {
      if (depth === 0) close();
      depth++;
      continue;
    }
    if (op.operator === "EMC") {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth > 0) continue;
    run ??= { start: op.start, end: op.end, paints: false };
    run.end = op.end;
    run.paints ||= PAINTING.has(op.operator);
  }
  close();
  if (!ranges.length) return undefined;
  const parts: Buffer[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    parts.push(
      Buffer.from(bytes.subarray(at, start)),
      Buffer.from("/Artifact BMC\n"),
      Buffer.from(bytes.subarray(start, end)),
      Buffer.from("\nEMC\n"),
    );
    at = end;
  }
  parts.push(Buffer.from(bytes.subarray(at)));
  return new Uint8Array(Buffer.concat(parts));
}

/** Marks the untagged content of every page as artifacts (pages whose content cannot be read stay as they are). */
export function markUntaggedContentAsArtifacts(doc: PDFDocument): void {
  for (const page of doc.getPages()) markPage(doc, page);
}

/** A page's content streams, decoded and joined; undefined when one is not a plain stream. */
function pageContent(doc: PDFDocument, page: PDFPage): Uint8Array | undefined {
  const contents = doc.context.lookup(page.node.get(PDFName.of("Contents")));
  const streams = contents instanceof PDFArray ? contents.asArray().map((s) => doc.context.lookup(s)) : [contents];
  if (!streams.every((s): s is PDFRawStream => s instanceof PDFRawStream)) return undefined;
  return new Uint8Array(
    Buffer.concat(streams.flatMap((s) => [Buffer.from(decodePDFRawStream(s).decode()), Buffer.from("\n")])),
  );
}

function markPage(doc: PDFDocument, page: PDFPage): void {
  const joined = pageContent(doc, page);
  const marked = joined && markArtifacts(joined);
  if (!marked) return;
  const old = page.node.get(PDFName.of("Contents"));
  page.node.set(PDFName.of("Contents"), doc.context.register(doc.context.flateStream(marked)));
  for (const ref of old instanceof PDFArray ? old.asArray() : [old]) if (ref instanceof PDFRef) doc.context.delete(ref);
}

/** True when no page paints anything outside tagged content or artifacts. */
export function everythingMarked(doc: PDFDocument): boolean {
  return doc.getPages().every((page) => {
    const joined = pageContent(doc, page);
    return joined !== undefined && operations(joined) !== undefined && markArtifacts(joined) === undefined;
  });
}
