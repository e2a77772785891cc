/**
 * The HTML the model renders from Markdown is published as parse5 parsed it, re-serialised, never
 * as the editor's bytes: so there is no parser difference left between what is checked here and
 * what a reader's browser builds.
 *
 * Raw HTML is checked where it stands, in the parse of the whole rendered fragment, not piece by
 * piece: a piece that ends inside a tag, an attribute value or a comment (`<div title="`, `<!--`,
 * `</`) would make the browser read the Markdown output after it, and the next piece, differently
 * from how the piece reads alone. So every raw-HTML piece is rendered between two marker comments
 * whose text nobody can guess (a random nonce). Both markers must come out of the parse as comments
 * of their own, which they only do when the tokenizer was back in its data state at both ends of the
 * piece; every element whose start tag lies between them is the editor's and is held to the
 * allow-list (./raw-html.ts), with the piece's line. Everything else is markup the Markdown renderer
 * wrote, held to a looser list of what it may write. The markers are removed before serialising.
 */
import { randomUUID } from "node:crypto";
import { serialize, type DefaultTreeAdapterMap } from "parse5";
import { detached, renderMarkdown, type MarkdownEnv, type ParsedMarkdown, type RawHtml } from "../markdown/index.ts";
import {
  ALLOWED_TAGS,
  attributeName,
  checkElement,
  findUnsafeHtml,
  nodesOf,
  parseHtmlFragment,
  urlScheme,
  type Element,
  type UnsafeHtml,
} from "./raw-html.ts";

type CommentNode = DefaultTreeAdapterMap["commentNode"];

export interface FragmentProblem {
  /** The line of the raw-HTML piece in the Markdown file; undefined when no piece is to blame. */
  line?: number;
  message: string;
  fix: string;
}

export interface CheckedHtml {
  /** The fragment as parse5 serialises its parse: what is published. */
  html: string;
  problems: FragmentProblem[];
}

/** Renders parsed Markdown, checks its raw HTML in context and returns the re-serialised fragment. */
export function renderCheckedHtml(parsed: ParsedMarkdown, env: Partial<MarkdownEnv> = {}): CheckedHtml {
  const mark = `udgiv-${randomUUID()}`;
  const rendered = renderMarkdown(parsed, { ...env, rawHtmlMark: mark });
  return checkRenderedHtml(rendered, mark, parsed.rawHtml);
}

/** Markup the Markdown renderer and the image pipeline write besides the editors' allow-list. */
const GENERATED_TAGS = new Set(["h1", "img", "picture", "source"]);
const URL_ATTRIBUTES = new Set(["href", "src", "srcset", "cite", "action", "formaction", "xlink:href"]);

const NOT_CLOSED: Omit<FragmentProblem, "line"> = {
  message:
    "HTML-koden afsluttes ikke: et tag, en kommentar eller et citationstegn lukkes ikke, så browseren ville læse teksten efter den som en del af HTML-koden",
  fix: 'Luk tagget med >, kommentaren med --> og attributtens værdi med "; skal tegnet < stå i teksten, så skriv &lt;',
};

/**
 * Checks a fragment rendered with `rawHtmlMark: mark`; `pieces[i]` is raw-HTML piece i. Returns the
 * fragment without the markers, serialised by parse5, and the problems found: per piece the first
 * disallowed element, and whether it does not end.
 */
export function checkRenderedHtml(rendered: string, mark: string, pieces: RawHtml[]): CheckedHtml {
  const lines = pieces.map((piece) => piece.line);
  // Source locations (which make parse5 two to three times slower) are needed only to place raw HTML.
  const fragment = parseHtmlFragment(rendered, { sourceCodeLocationInfo: pieces.length > 0 });
  const markers = { start: new Map<number, CommentNode[]>(), end: new Map<number, CommentNode[]>() };
  const elements: Element[] = [];
  const pattern = new RegExp(`^${mark}:(\\d+)(/?)$`);
  for (const node of nodesOf(fragment)) {
    if ("tagName" in node) elements.push(node);
    else if (node.nodeName === "#comment") {
      const match = pattern.exec((node as CommentNode).data);
      if (!match) continue;
      const side = match[2] ? markers.end : markers.start;
      const index = Number(match[1]);
      side.set(index, [...(side.get(index) ?? []), node as CommentNode]);
    }
  }

  // Where each piece lies in `rendered`: from its start marker to its end marker or, when the end
  // marker did not come out whole, to the next piece's start marker.
  const starts = lines.map((_, piece) => single(markers.start.get(piece)));
  const ends = lines.map((_, piece) => single(markers.end.get(piece)));
  const ranges: { piece: number; from: number; to: number }[] = [];
  starts.forEach((start, piece) => {
    if (!start) return;
    const next = starts.slice(piece + 1).find(Boolean);
    ranges.push({ piece, from: start.endOffset, to: ends[piece]?.startOffset ?? next?.startOffset ?? Infinity });
  });
  ranges.sort((a, b) => a.from - b.from);

  const problems: FragmentProblem[] = [];
  const blamed = new Set<number | undefined>();
  const add = (piece: number | undefined, problem: Omit<FragmentProblem, "line">) =>
    problems.push({ line: piece === undefined ? undefined : lines[piece], ...problem });
  // One disallowed element per piece is enough to send the editor to it.
  const report = (piece: number | undefined, problem: Omit<FragmentProblem, "line">) => {
    if (!blamed.has(piece)) add(piece, problem);
    blamed.add(piece);
  };
  for (const element of elements) {
    const offset = element.sourceCodeLocation?.startTag?.startOffset ?? element.sourceCodeLocation?.startOffset;
    const range = offset === undefined ? undefined : rangeAt(ranges, offset);
    if (range) {
      // In a piece that does not end where it should, attributes are whatever the browser swallowed
      // (the text after an open quote): the message is that it does not end. A disallowed tag still counts.
      const unclosed = !ends[range.piece];
      const unsafe = checkElement(unclosed ? { ...element, attrs: [] } : element);
      if (unsafe) report(range.piece, asProblem(unsafe));
    } else {
      const unsafe = checkGenerated(element);
      if (unsafe)
        report(nearestPiece(ranges, offset), {
          message: `den færdige side ville indeholde ${unsafe.reason}, som ikke er tilladt`,
          fix: unsafe.fix,
        });
    }
  }
  // A piece that did not end in the tokenizer's data state. The pieces after it whose start marker
  // was swallowed too are not to blame.
  const shown = new Set([...rendered.matchAll(new RegExp(`<!--${mark}:(\\d+)-->`, "g"))].map((m) => Number(m[1])));
  let swallowing = false;
  lines.forEach((_, piece) => {
    if (!shown.has(piece)) {
      // A piece the page does not show (in a chapter's title, which is published as text) is checked alone.
      const unsafe = findUnsafeHtml(pieces[piece].html);
      if (unsafe) report(piece, asProblem(unsafe));
      return;
    }
    if ((starts[piece] || !swallowing) && !ends[piece]) {
      add(piece, NOT_CLOSED);
      swallowing = true;
    } else if (ends[piece]) swallowing = false;
  });

  for (const side of [markers.start, markers.end]) {
    for (const nodes of side.values()) for (const node of nodes) removeNode(node);
  }
  const unique = problems.filter(
    (p, i) => problems.findIndex((q) => q.line === p.line && q.message === p.message) === i,
  );
  return { html: detached(serialize(fragment)), problems: unique.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
}

const asProblem = (unsafe: UnsafeHtml): Omit<FragmentProblem, "line"> => ({
  message: `HTML-koden indeholder ${unsafe.reason}, som ikke er tilladt`,
  fix: unsafe.fix,
});

/** The range holding `offset`; ranges are in order and do not overlap. */
function rangeAt<R extends { from: number; to: number }>(ranges: R[], offset: number): R | undefined {
  let [low, high] = [0, ranges.length - 1];
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = ranges[middle];
    if (offset < range.from) high = middle - 1;
    else if (offset >= range.to) low = middle + 1;
    else return range;
  }
  return undefined;
}

/** Where a marker comment lies, when it came out of the parse exactly once. */
function single(nodes: CommentNode[] | undefined): { startOffset: number; endOffset: number } | undefined {
  return nodes?.length === 1 ? (nodes[0].sourceCodeLocation ?? undefined) : undefined;
}

/** The piece that ends last before `offset`: the likeliest cause of markup nobody meant to write. */
function nearestPiece(ranges: { piece: number; to: number }[], offset: number | undefined): number | undefined {
  if (offset === undefined) return undefined;
  return ranges.filter((r) => r.to <= offset).at(-1)?.piece;
}

/** What the renderer may write: the allow-list's tags plus headings and images, never code. */
function checkGenerated(element: Element): UnsafeHtml | undefined {
  const tag = element.tagName;
  if (!ALLOWED_TAGS.has(tag) && !GENERATED_TAGS.has(tag)) {
    return {
      reason: `et <${tag}>-element`,
      fix: "Tjek HTML-koden i filen; kan du ikke finde fejlen, så kontakt en udvikler",
    };
  }
  for (const attribute of element.attrs) {
    const name = attributeName(attribute);
    if (
      name.startsWith("on") ||
      name === "style" ||
      (URL_ATTRIBUTES.has(name) && ["javascript", "vbscript"].includes(urlScheme(attribute.value) ?? ""))
    ) {
      return {
        reason: `attributten ${name}= på <${tag}>`,
        fix: "Tjek HTML-koden i filen; kan du ikke finde fejlen, så kontakt en udvikler",
      };
    }
  }
  return undefined;
}

function removeNode(node: CommentNode): void {
  const siblings = node.parentNode?.childNodes;
  if (siblings) siblings.splice(siblings.indexOf(node), 1);
  node.parentNode = null;
}
