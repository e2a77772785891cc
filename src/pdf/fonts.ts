/**
 * The PDF is set in the project's fonts only (src/fonts): a glyph they lack would make Chromium take
 * it from whatever font the build machine has (DejaVu Sans on Debian), and the same content would
 * print differently elsewhere. After printing, the fonts embedded in the PDF are read; any other
 * font stops the build, and the print document, still open, is asked where the fallback was used
 * and for which characters, so the editor is told what to change.
 */
import type { Page } from "puppeteer-core";
import { PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { decodeName } from "./finish.ts";

/** Names of the fonts embedded in a PDF (/BaseFont, without the subset tag "ABCDEF+"), sorted. */
export function embeddedFonts(doc: PDFDocument): string[] {
  const names = new Set<string>();
  for (const [, dict] of doc.context.enumerateIndirectObjects()) {
    if (!(dict instanceof PDFDict) || dict.get(PDFName.of("Type")) !== PDFName.of("Font")) continue;
    const subtype = dict.get(PDFName.of("Subtype"));
    if (subtype === PDFName.of("CIDFontType0") || subtype === PDFName.of("CIDFontType2")) continue; // named by its Type0 parent
    const base = dict.get(PDFName.of("BaseFont"));
    names.add(
      base instanceof PDFName
        ? decodeName(base).replace(/^[A-Z]{6}\+/, "")
        : `(${subtype instanceof PDFName ? decodeName(subtype) : "?"} font without a name)`,
    );
  }
  return [...names].sort();
}

export interface FallbackText {
  /** The id of the heading that labels the section holding the text ("kapitel-<slug>", "forord", "forside" …). */
  section: string;
  /** The element's text, shortened. */
  excerpt: string;
  /** The characters no project font has (empty when none could be singled out). */
  characters: string[];
  /** The font Chromium took instead. */
  font: string;
}

export class FallbackFontError extends Error {
  constructor(
    readonly fonts: string[],
    readonly places: FallbackText[],
  ) {
    super(`the PDF would use fonts that are not the project's: ${fonts.join(", ")}`);
  }
}

const MAX_PLACES = 10;
const MAX_PROBES = 64;
const MARK = "data-udgiv-fallback";
const PROBE = "data-udgiv-probe";

/**
 * Where the print document uses a font that is not a web font of its own: every element with text
 * is asked (DevTools' CSS.getPlatformFontsForNode) which fonts rendered it; in the first few that
 * used a system font, each character is set alone in a probe with the element's style, to find the
 * ones the project's fonts lack. Slow (one round trip per element), so only for a failed print.
 */
export async function findFallbackText(page: Page): Promise<FallbackText[]> {
  const session = await page.createCDPSession();
  try {
    await session.send("DOM.enable");
    await session.send("CSS.enable");
    const systemFont = async (nodeId: number): Promise<string | undefined> => {
      const { fonts } = await session.send("CSS.getPlatformFontsForNode", { nodeId });
      return fonts.find((f) => !f.isCustomFont && f.glyphCount > 0)?.familyName;
    };

    const { root } = await session.send("DOM.getDocument", { depth: -1 });
    const found: { nodeId: number; font: string }[] = [];
    for (const nodeId of elementsWithText(root)) {
      const font = await systemFont(nodeId);
      if (font) found.push({ nodeId, font });
      if (found.length >= MAX_PLACES) break;
    }
    for (const [i, { nodeId }] of found.entries())
      await session.send("DOM.setAttributeValue", { nodeId, name: MARK, value: String(i) });

    const places = await page.evaluate(markProbes, MARK, PROBE, MAX_PROBES);
    const { root: after } = await session.send("DOM.getDocument", { depth: 0 });
    const { nodeIds } = await session.send("DOM.querySelectorAll", { nodeId: after.nodeId, selector: `[${PROBE}]` });
    const missing = new Map<number, string[]>();
    for (const nodeId of nodeIds) {
      if (!(await systemFont(nodeId))) continue;
      const { node } = await session.send("DOM.describeNode", { nodeId });
      const [place, char] = probeOf(node.attributes ?? []);
      missing.set(place, [...(missing.get(place) ?? []), char]);
    }
    return places.map((place, i) => ({ ...place, characters: missing.get(i) ?? [], font: found[i].font }));
  } finally {
    await session.detach();
  }
}

interface DomNode {
  nodeId: number;
  nodeType: number;
  nodeValue: string;
  children?: DomNode[];
}

/** Elements with a text node of their own that is not only white space, in document order. */
function elementsWithText(node: DomNode, into: number[] = []): number[] {
  if (node.nodeType === 1 && node.children?.some((c) => c.nodeType === 3 && c.nodeValue.trim())) into.push(node.nodeId);
  for (const child of node.children ?? []) elementsWithText(child, into);
  return into;
}

function probeOf(attributes: string[]): [number, string] {
  const value = attributes[attributes.indexOf(PROBE) + 1] ?? "";
  const cut = value.indexOf(":");
  return [Number(value.slice(0, cut)), value.slice(cut + 1)];
}

/**
 * Runs in the page: for each marked element, its section and text, and one probe span per distinct
 * character of its own text, appended to it (so it has the element's font), named "<place>:<char>".
 */
function markProbes(mark: string, probe: string, maxProbes: number): { section: string; excerpt: string }[] {
  // No named helper functions in here: tsx would wrap them in a __name() the page does not know.
  const places: { section: string; excerpt: string }[] = [];
  for (const el of document.querySelectorAll<HTMLElement>(`[${mark}]`)) {
    const index = Number(el.getAttribute(mark));
    const own = [...el.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent ?? "")
      .join("");
    const section = el.closest("section[aria-labelledby], nav[aria-labelledby]");
    const text = own.replace(/\s+/g, " ").trim();
    places[index] = {
      section: section?.getAttribute("aria-labelledby") ?? "",
      excerpt: text.length > 60 ? `${text.slice(0, 59)}…` : text,
    };
    for (const char of [...new Set([...own.replace(/\s/g, "")])].slice(0, maxProbes)) {
      const span = document.createElement("span");
      span.setAttribute(probe, `${index}:${char}`);
      span.textContent = char;
      el.append(span);
    }
  }
  return places;
}
