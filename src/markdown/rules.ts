/** Core rules that turn plain Markdown conventions into figures and captioned tables. */
import type { MarkdownIt, StateCore, Token } from "markdown-it";

/**
 * An image alone in a paragraph, optionally followed on the next line by an italic caption,
 * becomes `<figure>` (with `<figcaption>` when there is a caption):
 *
 *     ![Alt text](chart.png)
 *     *Figur 1: What the chart shows.*
 */
export function figures(md: MarkdownIt): void {
  md.core.ruler.push("udgiv_figures", (state: StateCore) => {
    const tokens = state.tokens;
    for (let i = 0; i + 2 < tokens.length; i++) {
      const [open, inline, close] = [tokens[i], tokens[i + 1], tokens[i + 2]];
      if (open.type !== "paragraph_open" || inline.type !== "inline" || close.type !== "paragraph_close") continue;
      const children = inline.children ?? [];
      if (children[0]?.type !== "image") continue;
      const captioned =
        children.length > 3 &&
        children[1].type === "softbreak" &&
        children[2].type === "em_open" &&
        children[children.length - 1].type === "em_close";
      if (children.length !== 1 && !captioned) continue;
      open.tag = close.tag = "figure";
      open.attrSet("class", "figur");
      if (captioned) {
        const caption = children.slice(3, -1);
        inline.children = [
          children[0],
          htmlInline(state, "<figcaption>"),
          ...caption,
          htmlInline(state, "</figcaption>"),
        ];
      }
    }
  });
}

/**
 * A paragraph starting with "Tabel:" (or "Table:") right before a table becomes its `<caption>`.
 * Every table is wrapped in a focusable, labelled region so it can scroll sideways at 400 % zoom.
 */
export function tableCaptions(md: MarkdownIt, options: { label: string }): void {
  const prefix = /^(Tabel|Table):\s*/;
  md.core.ruler.push("udgiv_table_captions", (state: StateCore) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].type !== "table_open") continue;
      const table = tokens[i];
      const [open, inline, close] = [tokens[i - 3], tokens[i - 2], tokens[i - 1]];
      const text = inline?.type === "inline" ? inline.content : "";
      if (open?.type === "paragraph_open" && close?.type === "paragraph_close" && prefix.test(text)) {
        const children = [...(inline.children ?? [])];
        if (children[0]?.type === "text") {
          children[0] = Object.assign(new state.Token("text", "", 0), {
            content: children[0].content.replace(prefix, ""),
          });
        }
        table.meta = { caption: plainText(children) };
        const captionOpen = htmlBlock(state, "<caption>");
        const captionInline = Object.assign(new state.Token("inline", "", 0), { children, content: inline.content });
        const captionClose = htmlBlock(state, "</caption>\n");
        tokens.splice(i - 3, 3);
        i -= 3;
        tokens.splice(i + 1, 0, captionOpen, captionInline, captionClose);
      }
    }
  });
  md.renderer.rules.table_open = (tokens, idx, opts, _env, self) => {
    const caption = (tokens[idx].meta as { caption?: string } | null)?.caption ?? options.label;
    return `<div class="tabel" role="region" tabindex="0" aria-label="${md.utils.escapeHtml(caption)}">\n${self.renderToken(tokens, idx, opts)}`;
  };
  md.renderer.rules.table_close = (tokens, idx, opts, _env, self) => `${self.renderToken(tokens, idx, opts)}</div>\n`;
}

function plainText(children: Token[]): string {
  return children
    .filter((c) => c.type === "text" || c.type === "code_inline")
    .map((c) => c.content)
    .join("")
    .trim();
}

/** Markup these rules write themselves: marked so the model does not take it for an editor's raw HTML. */
export const GENERATED = { generated: true };

function htmlInline(state: StateCore, content: string): Token {
  return Object.assign(new state.Token("html_inline", "", 0), { content, meta: GENERATED });
}

function htmlBlock(state: StateCore, content: string): Token {
  return Object.assign(new state.Token("html_block", "", 0), { content, meta: GENERATED });
}
