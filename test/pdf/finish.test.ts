/**
 * Finishing a PDF (pdf-lib, no Chromium): the house is the author in the Info dictionary and the
 * XMP; no PDF/UA conformance is claimed; the trailer /ID is the hash of the file itself, so it
 * follows the content and nothing else (not a cache key, not a folder); the checks report an
 * untagged PDF as such.
 */
import { createHash } from "node:crypto";
import { PDFDocument, PDFName, PDFRawStream, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { finishPdf, type PdfFacts } from "../../src/pdf/finish.ts";

const facts: PdfFacts = {
  title: "Årsrapport",
  subject: "En rapport.",
  lang: "da",
  author: "Styrelsen for Test & Udvikling",
  keywords: ["test"],
  created: "2026-10-01",
  modified: "2026-11-02",
  linkTargets: new Map(),
  headings: [],
};

async function printed(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(text, { x: 50, y: 700, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save({ useObjectStreams: false });
}

const trailerId = (bytes: Uint8Array) =>
  /\/ID \[ <([0-9a-f]{32})> <([0-9a-f]{32})> \]/.exec(Buffer.from(bytes).toString("latin1"));

describe("finishPdf", () => {
  it("names the house as author, in the Info dictionary and as dc:creator, and claims no PDF/UA", async () => {
    const { bytes } = await finishPdf(await printed("Hej"), facts);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getAuthor()).toBe("Styrelsen for Test & Udvikling");
    const metadata = doc.context.lookup(doc.catalog.get(PDFName.of("Metadata"))) as PDFRawStream;
    const xmp = Buffer.from(metadata.contents).toString("utf8");
    expect(xmp).toContain(
      "<dc:creator><rdf:Seq><rdf:li>Styrelsen for Test &amp; Udvikling</rdf:li></rdf:Seq></dc:creator>",
    );
    expect(xmp).not.toContain("pdfuaid");
  });

  it("gives the same bytes for the same input, with a trailer /ID that is the hash of the file", async () => {
    const input = await printed("Hej");
    const first = await finishPdf(input, facts);
    const again = await finishPdf(input, facts);
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    const id = trailerId(first.bytes)!;
    expect(id[1]).toBe(id[2]);
    const withPlaceholder = Buffer.from(
      Buffer.from(first.bytes).toString("latin1").replaceAll(id[1], "0".repeat(32)),
      "latin1",
    );
    expect(createHash("sha256").update(withPlaceholder).digest("hex").slice(0, 32)).toBe(id[1]);
    const other = await finishPdf(await printed("Farvel"), facts);
    expect(trailerId(other.bytes)![1]).not.toBe(id[1]);
  });

  it("reports an untagged PDF as untagged (the PDF stage then stops the build)", async () => {
    const { checks } = await finishPdf(await printed("Hej"), facts);
    expect(checks.tagged).toBe(false);
    expect(checks).toMatchObject({ lang: true, title: true, displayDocTitle: true });
  });
});
