/** Danish, editor-facing descriptions of broken links: what is wrong, and how to fix it. */
import { editDistance } from "../edit-distance.ts";

export type BrokenKind = "page" | "file" | "anchor" | "prefix" | "markdown";

export interface Broken {
  kind: BrokenKind;
  /** The link as written in the output (or the Markdown). */
  value: string;
  /** Site-relative path it resolves to (no prefix). */
  target: string;
  fragment: string;
  /** "a href", "img src", … */
  where: string;
  /** Close alternatives to suggest: page URLs, ids, or chapter file names. */
  suggestions: string[];
  prefix?: string;
}

export function describe(b: Broken): { message: string; fix: string } {
  const what = /^(img|source|picture)\b/.test(b.where)
    ? "billedet"
    : /^(script|link|css)\b/.test(b.where)
      ? "filen"
      : "linket";
  const quoted = `"${b.value}"`;
  switch (b.kind) {
    case "page":
      return {
        message: `${what} ${quoted} peger på en side, der ikke findes (${b.target})`,
        fix: b.suggestions.length
          ? `Mente du ${b.suggestions[0]}? Ret adressen, eller fjern linket`
          : "Ret adressen, eller fjern linket",
      };
    case "file":
      return {
        message: `${what} ${quoted} peger på en fil, der ikke findes (${b.target})`,
        fix: "Ret filnavnet (store og små bogstaver tæller), eller læg filen det rigtige sted",
      };
    case "anchor":
      return {
        message: `${what} ${quoted} peger på afsnittet #${b.fragment}, som ikke findes på ${b.target}`,
        fix: b.suggestions.length
          ? `Ret ankeret efter #; siden har fx ${b.suggestions
              .slice(0, 5)
              .map((s) => `#${s}`)
              .join(", ")}`
          : "Ret ankeret efter #, så det svarer til en overskrift på siden, eller fjern det",
      };
    case "prefix":
      return {
        message: `${what} ${quoted} mangler stipræfikset ${b.prefix} og virker ikke, når sitet ligger i en undermappe`,
        fix: "Byg adressen med stipræfikset (ctx.options.pathPrefix), eller skriv den i et layout, så Eleventys HtmlBasePlugin tilføjer præfikset",
      };
    case "markdown":
      return {
        message: `${what} ${quoted} peger på en Markdown-fil, der ikke er et kapitel i samme publikation`,
        fix: b.suggestions.length
          ? `Ret filnavnet til et af publikationens kapitler (${b.suggestions.join(", ")}), eller skriv sidens adresse, fx /publikationer/…/`
          : "Skriv sidens adresse i stedet, fx /publikationer/navn/kapitel/ (.md-links virker kun mellem kapitler i samme publikation)",
      };
  }
}

/** Up to three candidates closest to `wanted` (edit distance), when reasonably close. */
export function closest(wanted: string, candidates: Iterable<string>, limit = 3): string[] {
  const max = Math.max(2, Math.floor(wanted.length / 3));
  return [...candidates]
    .map((c) => ({ c, d: distance(wanted, c) }))
    .filter((x) => x.d <= max)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, limit)
    .map((x) => x.c);
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > Math.max(a.length, b.length) / 2) return Infinity;
  return editDistance(a, b);
}
