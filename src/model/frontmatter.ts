/** Splits a Markdown file into YAML front matter and body, keeping line numbers for messages. */
import {
  isCollection,
  isMap,
  isPair,
  isScalar,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
  type YAMLError,
} from "yaml";
import type { ProblemList } from "./errors.ts";

export interface SourceFile {
  file: string; // repository-relative path, for messages
  data: Record<string, unknown>;
  body: string;
  /** 1-based line number of the body's first line in the file. */
  bodyLine: number;
  /** Line of a front-matter field such as ["forside", "alt"]; the nearest existing parent otherwise. */
  lineOf(path: (string | number)[]): number;
}

const FENCE = /^---[ \t]*$/;
/** The opening fence may name YAML, as gray-matter (Eleventy's front-matter reader) allows: `---yaml`. */
const OPENING_FENCE = /^---[ \t]*(ya?ml)?[ \t]*$/i;
/** `---js`, `---json`, `---toml` …: front matter in another language, which gray-matter would also accept (and run). */
const LANGUAGE_FENCE = /^---[ \t]*([A-Za-z][\w-]*)[ \t]*$/;

export function parseSource(file: string, text: string, problems: ProblemList): SourceFile | undefined {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const language = LANGUAGE_FENCE.exec(lines[0] ?? "")?.[1];
  if (language && !OPENING_FENCE.test(lines[0])) {
    const javascript = /^(js|javascript|node|mjs|cjs)$/i.test(language);
    problems.add({
      file,
      line: 1,
      message: javascript
        ? "JavaScript i front matter understøttes ikke"
        : `front matter i ${language} understøttes ikke, kun YAML`,
      fix: "Skriv felterne som YAML mellem to linjer med kun --- (uden sprog efter), fx titel: Min side",
    });
    return undefined;
  }
  if (!OPENING_FENCE.test(lines[0] ?? "")) {
    return { file, data: {}, body: lines.join("\n"), bodyLine: 1, lineOf: () => 1 };
  }
  const end = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
  if (end < 0) {
    problems.add({
      file,
      line: 1,
      message: "front matter starter med --- men slutter aldrig",
      fix: "Tilføj en linje med --- efter det sidste felt",
    });
    return undefined;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(lines.slice(1, end).join("\n"), { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    problems.add({ file, ...describeYamlError(doc, doc.errors[0], lineCounter) });
    return undefined;
  }
  const data = doc.toJS() ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    problems.add({
      file,
      line: 2,
      message: "front matter skal bestå af felter (navn: værdi)",
      fix: "Skriv ét felt pr. linje, fx titel: Min publikation",
    });
    return undefined;
  }
  const lineOf = (path: (string | number)[]): number => {
    let node: unknown = doc.contents;
    let offset = 0;
    for (const key of path) {
      if (!isMap(node) && !(node && typeof node === "object" && "items" in node)) break;
      const items = (node as { items: unknown[] }).items;
      const item =
        typeof key === "number" ? items[key] : items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      if (!item) break;
      const keyNode = isPair(item) ? (item.key as Node) : (item as Node);
      offset = keyNode?.range?.[0] ?? offset;
      node = isPair(item) ? item.value : item;
    }
    return lineCounter.linePos(offset).line + 1; // +1 for the opening fence
  };
  return {
    file,
    data: data as Record<string, unknown>,
    body: lines.slice(end + 1).join("\n"),
    bodyLine: end + 2,
    lineOf,
  };
}

/**
 * A YAML error where the editor made it. yaml reports an unclosed quote or bracket where it gave
 * up (the end of the front matter); the quoted text or list that never ends starts at the mistake.
 */
function describeYamlError(
  doc: Document,
  error: YAMLError,
  lineCounter: LineCounter,
): { line: number; message: string; fix: string } {
  const pos = error.pos[0];
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + 1; // +1 for the opening fence
  let open: Node | undefined;
  visit(doc, {
    Node(_key, node) {
      const range = node.range;
      if (!range || range[0] > pos || pos > range[2]) return;
      const quoted = isScalar(node) && (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE");
      if (quoted || (isCollection(node) && node.flow)) open = node;
    },
  });
  if (open && (error.code === "MISSING_CHAR" || error.code === "BAD_INDENT")) {
    const start = open.range![0];
    if (isScalar(open)) {
      const quote = open.type === "QUOTE_DOUBLE" ? '"' : "'";
      return {
        line: lineAt(start),
        message: `front matter er ikke gyldig YAML (anførselstegnet ${quote} åbnes her, men lukkes aldrig)`,
        fix: `Afslut teksten med ${quote} på samme linje, fx titel: ${quote}Om os${quote}`,
      };
    }
    const [opening, closing] = isMap(open) ? ["{", "}"] : ["[", "]"];
    return {
      line: lineAt(start),
      message: `front matter er ikke gyldig YAML (${opening} åbnes her, men lukkes aldrig med ${closing})`,
      fix: `Afslut listen med ${closing} på samme linje, fx emner: [statistik, velfærd]`,
    };
  }
  return {
    line: lineAt(pos),
    message: `front matter er ikke gyldig YAML (${yamlReason(error.code)})`,
    fix: "Tjek kolon, indrykning og anførselstegn på linjen; tekst med kolon skal stå i anførselstegn",
  };
}

function yamlReason(code: string): string {
  const reasons: Record<string, string> = {
    DUPLICATE_KEY: "et felt står to gange",
    BAD_INDENT: "forkert indrykning",
    MISSING_CHAR: "der mangler et tegn",
    BLOCK_AS_IMPLICIT_KEY: "en linje mangler kolon eller er indrykket forkert",
    MULTILINE_IMPLICIT_KEY: "en linje mangler kolon eller er indrykket forkert",
    UNEXPECTED_TOKEN: "uventet tegn",
  };
  return reasons[code] ?? code.toLowerCase().replace(/_/g, " ");
}
