/**
 * Raw HTML in Markdown is held to an allow-list of simple markup: nothing that runs code, loads
 * other documents, sends forms or styles inline (the site's Content-Security-Policy blocks inline
 * styles, so they would silently not work). Nothing is stripped: a disallowed tag, attribute or URL
 * is reported to the editor, who decides what to write instead.
 *
 * The HTML is parsed with parse5, which implements the HTML standard's parsing algorithm as browsers
 * do: comments end where a browser ends them (`--!>`, `<!-->`), `<![CDATA[`, `<?x>` and `</ x>` are
 * bogus comments that end at the first `>`, entities are decoded and names lower-cased, so
 * obfuscations such as `jav&#x61;script:` or `ONCLICK=` are seen as a browser would see them.
 * What is checked is the tree the parser builds, element by element: that tree (not the editor's
 * text) is what the site publishes, re-serialised (./fragment.ts).
 */
import { defaultTreeAdapter, html as html5, parseFragment, type DefaultTreeAdapterMap } from "parse5";

type Node = DefaultTreeAdapterMap["node"];
export type Element = DefaultTreeAdapterMap["element"];

export interface UnsafeHtml {
  /** What the HTML contains, as the object of "HTML-koden indeholder …, som ikke er tilladt". */
  reason: string;
  /** How to fix it (Danish, for the editor). */
  fix: string;
}

// prettier-ignore
export const ALLOWED_TAGS = new Set([
  // text blocks
  "p", "div", "span", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
  "address", "section", "aside", "details", "summary", "figure", "figcaption",
  // lists and tables
  "ul", "ol", "li", "dl", "dt", "dd",
  "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
  // phrasing
  "a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark",
  "q", "s", "samp", "small", "strong", "sub", "sup", "time", "u", "var", "wbr", "ruby", "rt", "rp",
]);

const GLOBAL_ATTRIBUTES = new Set(["class", "id", "lang", "dir", "title", "role", "translate", "hidden"]);

const TAG_ATTRIBUTES: Record<string, string[]> = {
  a: ["href", "hreflang", "rel", "type"],
  blockquote: ["cite"],
  q: ["cite"],
  del: ["cite", "datetime"],
  ins: ["cite", "datetime"],
  time: ["datetime"],
  data: ["value"],
  th: ["colspan", "rowspan", "headers", "scope", "abbr"],
  td: ["colspan", "rowspan", "headers"],
  col: ["span"],
  colgroup: ["span"],
  ol: ["start", "reversed", "type"],
  li: ["value"],
  details: ["open"],
};

const URL_ATTRIBUTES = new Set(["href", "cite"]);
const ALLOWED_SCHEMES = new Set(["http", "https", "mailto", "tel"]);

/** Tags that get their own advice, because Markdown (or the site) already does the job. */
const TAG_ADVICE: Record<string, string> = {
  script: "JavaScript i indholdet er ikke tilladt. Bed en udvikler om at tilføje funktionen til Udgiv",
  style: "Sitets sikkerhedspolitik (CSP) blokerer CSS i indholdet. Bed en udvikler om en klasse i sitets stylesheet",
  img: "Indsæt billedet med Markdown: ![Hvad billedet viser](billede.jpg); så får det alt-tekst og de rigtige størrelser",
  picture: "Indsæt billedet med Markdown: ![Hvad billedet viser](billede.jpg)",
  h1: "Titlen kommer fra front matter eller kapitlets første linje; skriv mellemrubrikker med ## eller ###",
  iframe: "Indlejrede sider er ikke tilladt. Link i stedet til siden med [linktekst](https://…)",
  form: "Formularer er ikke tilladt i indholdet. Link i stedet til en formular på en anden side",
};

const DEFAULT_TAG_ADVICE =
  "Skriv indholdet i Markdown. Skal tegnet < stå i teksten, så skriv &lt; eller sæt teksten i `backticks`";

/**
 * The first disallowed thing in a piece of raw HTML on its own, or undefined when it is all allowed.
 * (The model checks each piece where it stands in the rendered page: see ./fragment.ts.)
 */
export function findUnsafeHtml(html: string): UnsafeHtml | undefined {
  for (const element of elementsOf(parseHtmlFragment(html))) {
    const problem = checkElement(element);
    if (problem) return problem;
  }
  return undefined;
}

/** Parses HTML as the content of a `<div>` in a page's body, where the model's HTML ends up. */
export function parseHtmlFragment(
  html: string,
  options: { sourceCodeLocationInfo?: boolean } = {},
): DefaultTreeAdapterMap["documentFragment"] {
  const context = defaultTreeAdapter.createElement("div", html5.NS.HTML, []);
  return parseFragment(context, html, options);
}

/** Every node below `root` in document order, the contents of `<template>` included. */
export function* nodesOf(root: DefaultTreeAdapterMap["parentNode"]): Generator<Node> {
  for (const child of root.childNodes) {
    yield child;
    if ("childNodes" in child) yield* nodesOf(child);
    if (child.nodeName === "template") yield* nodesOf((child as DefaultTreeAdapterMap["template"]).content);
  }
}

export function* elementsOf(root: DefaultTreeAdapterMap["parentNode"]): Generator<Element> {
  for (const node of nodesOf(root)) if ("tagName" in node) yield node;
}

/** An attribute's name as written: `xlink:href` on an SVG element, `href` otherwise. */
export const attributeName = (attribute: { name: string; prefix?: string }): string =>
  attribute.prefix ? `${attribute.prefix}:${attribute.name}` : attribute.name;

/** Whether an element (tag and attributes) is on the allow-list for editors' raw HTML. */
export function checkElement(element: Element): UnsafeHtml | undefined {
  const tag = element.tagName;
  if (element.namespaceURI !== html5.NS.HTML || !ALLOWED_TAGS.has(tag)) {
    return { reason: `et <${tag}>-element`, fix: TAG_ADVICE[tag] ?? DEFAULT_TAG_ADVICE };
  }
  for (const attribute of element.attrs) {
    const problem = checkAttribute(tag, attributeName(attribute), attribute.value);
    if (problem) return problem;
  }
  return undefined;
}

function checkAttribute(tag: string, name: string, value: string): UnsafeHtml | undefined {
  if (name.startsWith("on")) {
    return {
      reason: "en hændelse (on…-attribut) med JavaScript",
      fix: `Fjern attributten ${name}= fra <${tag}>; JavaScript i indholdet er ikke tilladt`,
    };
  }
  if (name === "style") {
    return {
      reason: "en style=-attribut",
      fix: `Sitets sikkerhedspolitik (CSP) blokerer inline-styles, så de virker ikke. Fjern style= fra <${tag}>; brug Markdown, eller bed en udvikler om en klasse i sitets stylesheet`,
    };
  }
  const allowed =
    GLOBAL_ATTRIBUTES.has(name) ||
    name.startsWith("aria-") ||
    name.startsWith("data-") ||
    TAG_ATTRIBUTES[tag]?.includes(name);
  if (!allowed) {
    return { reason: `attributten ${name}= på <${tag}>`, fix: "Fjern attributten" };
  }
  if (URL_ATTRIBUTES.has(name)) {
    const scheme = urlScheme(value);
    if (scheme && !ALLOWED_SCHEMES.has(scheme)) {
      return {
        reason: scheme === "javascript" ? "et javascript:-link" : `en adresse med ${scheme}:`,
        fix: "Link kun til sider (https://…, en adresse på sitet), e-mail (mailto:) eller telefon (tel:)",
      };
    }
  }
  return undefined;
}

/** The scheme a browser would see: it ignores ASCII whitespace and control characters in URLs. */
export function urlScheme(url: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):/i.exec(asBrowserReadsUrl(url))?.[1].toLowerCase();
}

/** A URL as a browser reads it: without ASCII whitespace and control characters (`java\tscript:` is `javascript:`). */
export function asBrowserReadsUrl(url: string): string {
  // eslint-disable-next-line no-control-regex -- browsers drop control characters from a URL: matching them is the point
  return url.replace(/[\u0000-\u0020\u007f]/g, "");
}
