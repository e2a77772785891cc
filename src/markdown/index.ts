/**
 * markdown-it set up for publications: stable heading ids (Danish letters transliterated),
 * accessible footnotes, tables with captions and header scope, figures with captions,
 * typographic quotes in the page's language. Parsing and rendering are split so the model
 * can validate the tokens and process images (async) before rendering.
 */
import MarkdownIt, { type MarkdownIt as MarkdownItInstance, type StateCore, type Token } from "markdown-it";
import anchor from "markdown-it-anchor";
import footnote from "markdown-it-footnote";
import type { Heading, Language } from "../model/index.ts";
import { strings, t } from "../i18n/index.ts";
import { slugify } from "./slug.ts";
import { figures, tableCaptions } from "./rules.ts";

export { slugify } from "./slug.ts";

export interface MarkdownImage {
  src: string;
  /** Alt text as written; "" when missing. */
  alt: string;
  /** Written deliberately as ![""](file): an empty alt text on purpose. */
  decorative: boolean;
  line: number; // 1-based, within the parsed source
}

export interface RawHtml {
  html: string;
  line: number;
}

/** A link in Markdown syntax to a scheme the site does not allow (javascript:, file:, //host …). */
export interface DisallowedLink {
  href: string;
  line: number;
}

/** `[^x]` with no `[^x]: …` definition: markdown-it-footnote leaves it as literal text. */
export interface UndefinedFootnote {
  label: string;
  line: number;
}

export interface MarkdownEnv {
  [key: string | symbol]: unknown;
  /** Filled in while parsing (lines relative to the parsed source). */
  disallowedLinks?: DisallowedLink[];
  undefinedFootnotes?: UndefinedFootnote[];
  /** Prefix for footnote ids so several documents can share one page (the print document). */
  docId?: string;
  /** Rendered markup per image src, filled in by the model before rendering. */
  imageHtml?: Map<string, string>;
  /** Rewrites link targets (e.g. `02-kapitel.md` to the chapter's URL). */
  rewriteLink?: (href: string) => string;
  /**
   * When set, every raw-HTML piece is rendered between `<!--MARK:i-->` and `<!--MARK:i/-->`, `i` its
   * index in `ParsedMarkdown.rawHtml`, so its place in the parsed page can be found (src/security/fragment.ts).
   */
  rawHtmlMark?: string;
}

export interface ParsedMarkdown {
  tokens: Token[];
  env: MarkdownEnv;
  lang: Language;
  /** The first level-1 heading, when the document starts with one (it is removed from the tokens). */
  title?: { text: string; line: number };
  level1Lines: number[];
  headings: Heading[];
  images: MarkdownImage[];
  links: { href: string; text: string; line: number }[];
  rawHtml: RawHtml[];
  disallowedLinks: DisallowedLink[];
  undefinedFootnotes: UndefinedFootnote[];
}

/**
 * Schemes a link may use (the same as raw HTML's allow-list, src/security/raw-html.ts); besides
 * them, paths on the site (`/om/`, `02-kapitel.md`, `#afsnit`). Not `//host` (another site
 * without saying how), not javascript:, data:, file:, vbscript: or anything else.
 */
export const ALLOWED_LINK_SCHEMES = ["https", "http", "mailto", "tel"];

/** Why a link target is not allowed (Danish, e.g. "bruger javascript:"), or undefined when it is fine. */
export function disallowedLinkReason(href: string): string | undefined {
  const target = href.trim();
  if (/^[\\/][\\/]/.test(target)) return "er en adresse uden https: foran (//…)";
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(target)?.[1].toLowerCase();
  if (scheme && !ALLOWED_LINK_SCHEMES.includes(scheme)) return `bruger ${scheme}:`;
  return undefined;
}

const instances = new Map<Language, MarkdownItInstance>();

export function createMarkdown(lang: Language): MarkdownItInstance {
  const cached = instances.get(lang);
  if (cached) return cached;
  const md = new MarkdownIt({
    html: true, // raw HTML is allowed, then checked against an allow-list by the model
    linkify: true,
    typographer: true,
    quotes: strings(lang).quotes,
  });
  md.use(anchor, { slugify, tabIndex: false });
  md.use(footnote);
  // markdown-it turns a link it does not trust into plain text, silently; here every link becomes
  // a token, so that contentFindings can report the disallowed ones (and neutralise them).
  md.validateLink = () => true;
  md.core.ruler.before("text_join", "udgiv_content_findings", contentFindings);
  md.use(figures);
  md.use(tableCaptions, { label: t(lang, "table") });
  accessibleFootnotes(md, lang);
  tableHeaderScope(md);
  imagesFromEnv(md);
  rewrittenLinks(md);
  markedRawHtml(md);
  instances.set(lang, md);
  return md;
}

/** Parses a document and collects what the model validates. Line numbers are offset by `firstLine - 1`. */
export function parseMarkdown(
  source: string,
  options: { lang: Language; firstLine?: number; stripTitle?: boolean; docId?: string },
): ParsedMarkdown {
  const md = createMarkdown(options.lang);
  const env: MarkdownEnv = { docId: options.docId };
  const offset = (options.firstLine ?? 1) - 1;
  const tokens = md.parse(source, env);
  const lineOf = (token: Token | undefined): number => (token?.map ? token.map[0] + 1 + offset : offset + 1);

  const parsed: ParsedMarkdown = {
    tokens,
    env,
    lang: options.lang,
    level1Lines: [],
    headings: [],
    images: [],
    links: [],
    rawHtml: [],
    disallowedLinks: (env.disallowedLinks ?? []).map((l) => ({ ...l, line: l.line + offset })),
    undefinedFootnotes: (env.undefinedFootnotes ?? []).map((f) => ({ ...f, line: f.line + offset })),
  };
  let blockLine = offset + 1;
  tokens.forEach((token, i) => {
    if (token.map) blockLine = lineOf(token);
    if (token.type === "heading_open") {
      const level = Number(token.tag.slice(1));
      const text = inlineText(tokens[i + 1]);
      if (level === 1) parsed.level1Lines.push(lineOf(token));
      else if (level <= 3) parsed.headings.push({ level, id: String(token.attrGet("id") ?? slugify(text)), text });
    }
    if (token.type === "html_block") addRawHtml(parsed, token, lineOf(token));
    for (const child of token.children ?? []) {
      if (child.type === "image") {
        const alt = child.content;
        parsed.images.push({
          src: String(child.attrGet("src") ?? ""),
          alt: alt === '""' ? "" : alt,
          decorative: alt === '""',
          line: blockLine,
        });
      } else if (child.type === "link_open") {
        parsed.links.push({ href: String(child.attrGet("href") ?? ""), text: "", line: blockLine });
      } else if (child.type === "html_inline") {
        addRawHtml(parsed, child, blockLine);
      }
    }
    if (token.type === "inline") fillLinkTexts(token, parsed.links);
  });

  if (options.stripTitle && tokens[0]?.type === "heading_open" && tokens[0].tag === "h1") {
    parsed.title = { text: inlineText(tokens[1]), line: lineOf(tokens[0]) };
    tokens.splice(0, 3);
  }
  return parsed;
}

/** Records an editor's raw-HTML token, and its index on the token for `rawHtmlMark` (not the rules' own markup). */
function addRawHtml(parsed: ParsedMarkdown, token: Token, line: number): void {
  if ((token.meta as { generated?: boolean } | null)?.generated) return;
  token.meta = { ...(token.meta as object | null), rawHtml: parsed.rawHtml.length };
  parsed.rawHtml.push({ html: token.content, line });
}

/**
 * Renders parsed tokens; `env.imageHtml` supplies responsive image markup. The renderer joins
 * the HTML from thousands of pieces, many of them views into the Markdown source (see `detached`);
 * the model keeps the HTML for the whole build, so it keeps one flat copy instead.
 */
export function renderMarkdown(parsed: ParsedMarkdown, env: Partial<MarkdownEnv> = {}): string {
  Object.assign(parsed.env, env);
  return detached(
    createMarkdown(parsed.lang).renderer.render(parsed.tokens, createMarkdown(parsed.lang).options, parsed.env),
  );
}

/** The plain text of an inline token (headings and titles), as a string of its own (see `detached`). */
function inlineText(token: Token | undefined): string {
  if (!token?.children) return detached(token?.content ?? "");
  return detached(
    token.children
      .filter((c) => c.type === "text" || c.type === "code_inline")
      .map((c) => c.content)
      .join("")
      .trim(),
  );
}

/**
 * A copy that shares no memory with the string it was cut from. V8 keeps a substring as a view
 * into its parent, so a heading's text, kept in the model, would keep its file's whole Markdown
 * source alive for the length of the build (about 100 MiB at 1,000 publications).
 */
export function detached(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8");
}

/** Link texts for the links just pushed from this inline token, in order. */
function fillLinkTexts(inline: Token, links: ParsedMarkdown["links"]): void {
  const children = inline.children ?? [];
  const opened = children.filter((c) => c.type === "link_open").length;
  const targets = links.slice(links.length - opened);
  let current = -1;
  let depth = 0;
  for (const child of children) {
    if (child.type === "link_open") {
      current++;
      depth++;
      continue;
    }
    if (child.type === "link_close") {
      depth--;
      continue;
    }
    if (depth > 0 && targets[current]) {
      if (child.type === "text" || child.type === "code_inline") targets[current].text += child.content;
      if (child.type === "image") targets[current].text += child.content; // an image's alt names the link
    }
  }
  for (const target of targets) target.text = target.text.trim();
}

/**
 * Finds, while parsing, what markdown-it would otherwise pass over in silence: links to schemes
 * the site does not allow (their href becomes "#", so nothing unsafe is ever rendered even if a
 * caller ignores the finding), and footnote references without a definition. Runs before
 * text_join, while an escaped `\[^x]` is still a token of its own (and so not a reference).
 */
function contentFindings(state: StateCore): void {
  const env = state.env as MarkdownEnv;
  const links: DisallowedLink[] = (env.disallowedLinks = []);
  const footnotes: UndefinedFootnote[] = (env.undefinedFootnotes = []);
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    let line = (block.map?.[0] ?? 0) + 1;
    for (const child of block.children) {
      if (child.type === "softbreak" || child.type === "hardbreak") line++;
      if (child.type === "link_open") {
        const href = String(child.attrGet("href") ?? "");
        if (disallowedLinkReason(href)) {
          links.push({ href, line });
          child.attrSet("href", "#");
        }
      }
      if (child.type === "text") {
        for (const match of child.content.matchAll(/\[\^([^\]\s]+)\]/g)) footnotes.push({ label: match[1], line });
      }
    }
  }
}

interface FootnoteMeta {
  id: number;
  subId: number;
}

function accessibleFootnotes(md: MarkdownItInstance, lang: Language): void {
  const rules = md.renderer.rules;
  const anchorName = rules.footnote_anchor_name!;
  const ids = (tokens: Token[], idx: number, options: MarkdownItInstance["options"], env: unknown) => {
    const meta = tokens[idx].meta as unknown as FootnoteMeta;
    const id = anchorName(tokens, idx, options, env as MarkdownEnv, md.renderer);
    return { id, n: meta.id + 1, sub: meta.subId > 0 ? `:${meta.subId}` : "" };
  };
  rules.footnote_block_open = (_tokens, _idx, _options, env) => {
    const docId = (env as MarkdownEnv | undefined)?.docId;
    const id = `noter${docId ? "-" + docId : ""}`;
    return `<section class="fodnoter" aria-labelledby="${id}">\n<h2 id="${id}">${t(lang, "footnotes")}</h2>\n<ol>\n`;
  };
  rules.footnote_block_close = () => "</ol>\n</section>\n";
  rules.footnote_ref = (tokens, idx, options, env) => {
    const { id, n, sub } = ids(tokens, idx, options, env);
    return `<sup class="fodnote-ref"><a href="#fn${id}" id="fnref${id}${sub}"><span class="visually-hidden">${t(lang, "footnoteRef")} </span>${n}</a></sup>`;
  };
  rules.footnote_anchor = (tokens, idx, options, env) => {
    const { id, n, sub } = ids(tokens, idx, options, env);
    return ` <a href="#fnref${id}${sub}" class="fodnote-tilbage" aria-label="${t(lang, "footnoteBack")} ${n}">↩</a>`;
  };
}

/** Header cells get scope="col"; column alignment becomes a class, since a strict CSP forbids inline styles. */
function tableHeaderScope(md: MarkdownItInstance): void {
  const alignAsClass = (token: Token) => {
    const align = /text-align:(\w+)/.exec(String(token.attrGet("style") ?? ""))?.[1];
    if (!align) return;
    token.attrs = (token.attrs ?? []).filter(([name]) => name !== "style");
    token.attrSet("class", `align-${align}`);
  };
  md.renderer.rules.th_open = (tokens, idx, options, _env, self) => {
    alignAsClass(tokens[idx]);
    tokens[idx].attrSet("scope", "col");
    return self.renderToken(tokens, idx, options);
  };
  md.renderer.rules.td_open = (tokens, idx, options, _env, self) => {
    alignAsClass(tokens[idx]);
    return self.renderToken(tokens, idx, options);
  };
}

function imagesFromEnv(md: MarkdownItInstance): void {
  const fallback = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const html = (env as MarkdownEnv | undefined)?.imageHtml?.get(String(tokens[idx].attrGet("src") ?? ""));
    return html ?? fallback(tokens, idx, options, env, self);
  };
}

function markedRawHtml(md: MarkdownItInstance): void {
  for (const type of ["html_block", "html_inline"] as const) {
    const plain = md.renderer.rules[type]!;
    md.renderer.rules[type] = (tokens, idx, options, env, self) => {
      const html = plain(tokens, idx, options, env, self);
      const mark = (env as MarkdownEnv | undefined)?.rawHtmlMark;
      const index = (tokens[idx].meta as { rawHtml?: number } | null)?.rawHtml;
      return mark && index !== undefined ? `<!--${mark}:${index}-->${html}<!--${mark}:${index}/-->` : html;
    };
  }
}

function rewrittenLinks(md: MarkdownItInstance): void {
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const href = tokens[idx].attrGet("href");
    const rewrite = (env as MarkdownEnv | undefined)?.rewriteLink;
    if (typeof href === "string" && rewrite) tokens[idx].attrSet("href", rewrite(href));
    return self.renderToken(tokens, idx, options);
  };
}
