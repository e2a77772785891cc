/**
 * Extracts the running prose of a chapter from markdown-it block tokens: paragraphs,
 * including those in list items and block quotes. Headings, code, tables, HTML blocks,
 * figures with their captions, table captions and footnote definitions are left out.
 */

/** A block of prose; `line` is the 1-based line in the Markdown source file. */
export interface ProseBlock {
  text: string;
  line: number;
}

/**
 * The part of a markdown-it token that extractProse reads. Both markdown-it 15's own
 * `Token` (what `md.parse()` returns) and `@types/markdown-it`'s `Token`
 * ("markdown-it/lib/token.mjs") fit this shape; the two classes are not assignable to
 * each other, so the API takes the common shape.
 */
export interface MarkdownToken {
  readonly type: string;
  readonly content: string;
  readonly markup: string;
  readonly map: readonly [number, number] | null;
  readonly children: readonly MarkdownToken[] | null;
}

/** "Tabel: ..." / "Table 2. ..." directly before a table is the table's caption. */
const TABLE_CAPTION_RE = /^\s*(?:tabel|table)\b[^:.\n]{0,20}[:.]/iu;

/** Inline children that carry prose text. */
function inlineText(children: readonly MarkdownToken[]): string {
  let out = "";
  let skipLink = 0; // inside an autolink / linkified URL: its text is the URL
  for (const c of children) {
    if (skipLink > 0) {
      if (c.type === "link_open") skipLink++;
      else if (c.type === "link_close") skipLink--;
      continue;
    }
    switch (c.type) {
      case "text":
      case "text_special":
        out += c.content;
        break;
      case "softbreak":
      case "hardbreak":
        out += "\n";
        break;
      case "link_open":
        if (c.markup === "autolink" || c.markup === "linkify") skipLink = 1;
        break;
      // code_inline, image, footnote_ref, html_inline and anything unknown carry no prose;
      // em/strong/link open and close tokens carry no text of their own.
      default:
        break;
    }
  }
  return out;
}

/** True if the paragraph starts with an image (optionally wrapped in a link): a figure. */
function isFigure(children: readonly MarkdownToken[]): boolean {
  for (const c of children) {
    if (c.type === "image") return true;
    if (c.type === "link_open") continue;
    if (c.type === "text" && c.content.trim() === "") continue;
    return false;
  }
  return false;
}

/** True if the whole paragraph is emphasised: "*Figur 1: ...*" on its own. */
function isEmphasisedOnly(children: readonly MarkdownToken[]): boolean {
  const meaningful = children.filter((c) => !(c.type === "text" && c.content.trim() === ""));
  if (meaningful.length < 3) return false;
  const first = meaningful[0].type;
  const last = meaningful[meaningful.length - 1].type;
  return (first === "em_open" && last === "em_close") || (first === "strong_open" && last === "strong_close");
}

/**
 * Walks markdown-it block tokens (from `md.parse(src, env)`) and returns one ProseBlock
 * per paragraph of running prose, in document order. Soft and hard line breaks become
 * "\n", so a sentence's line can be found from `line` plus the newlines before it.
 */
export function extractProse(tokens: readonly MarkdownToken[]): ProseBlock[] {
  const blocks: ProseBlock[] = [];
  let footnoteDepth = 0;
  let figureClose = -2; // index of the paragraph_close of the last figure paragraph
  let lastLine = 1;

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.map) lastLine = t.map[0] + 1;
    switch (t.type) {
      case "footnote_block_open":
      case "footnote_reference_open":
        footnoteDepth++;
        continue;
      case "footnote_block_close":
      case "footnote_reference_close":
        footnoteDepth = Math.max(0, footnoteDepth - 1);
        continue;
    }
    if (footnoteDepth > 0 || t.type !== "paragraph_open") continue;

    const inline = tokens[i + 1];
    if (!inline || inline.type !== "inline") continue;
    const children = inline.children ?? [];
    const closeIndex = i + 2;

    if (isFigure(children)) {
      figureClose = closeIndex; // image and its caption line(s) in the same paragraph
      continue;
    }
    // An emphasised paragraph right after a figure is its caption.
    if (i === figureClose + 1 && isEmphasisedOnly(children)) continue;

    const text = inlineText(children);
    if (tokens[closeIndex + 1]?.type === "table_open" && TABLE_CAPTION_RE.test(text)) continue;
    if (text.trim() === "") continue;

    const line = t.map ? t.map[0] + 1 : inline.map ? inline.map[0] + 1 : lastLine;
    blocks.push({ text, line });
  }
  return blocks;
}
