/** Splits a Markdown file into YAML front matter and body, keeping line numbers for messages. */
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Node } from "yaml";
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

export function parseSource(file: string, text: string, problems: ProblemList): SourceFile | undefined {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? "")) {
    return { file, data: {}, body: lines.join("\n"), bodyLine: 1, lineOf: () => 1 };
  }
  const end = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
  if (end < 0) {
    problems.add({
      file, line: 1,
      message: "front matter starter med --- men slutter aldrig",
      fix: "Tilføj en linje med --- efter det sidste felt",
    });
    return undefined;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(lines.slice(1, end).join("\n"), { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const line = lineCounter.linePos(error.pos[0]).line + 1;
    problems.add({
      file, line,
      message: `front matter er ikke gyldig YAML (${yamlReason(error.code)})`,
      fix: "Tjek kolon, indrykning og anførselstegn på linjen; tekst med kolon skal stå i anførselstegn",
    });
    return undefined;
  }
  const data = doc.toJS() ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    problems.add({ file, line: 2, message: "front matter skal bestå af felter (navn: værdi)", fix: "Skriv ét felt pr. linje, fx titel: Min publikation" });
    return undefined;
  }
  const lineOf = (path: (string | number)[]): number => {
    let node: unknown = doc.contents;
    let offset = 0;
    for (const key of path) {
      if (!isMap(node) && !(node && typeof node === "object" && "items" in node)) break;
      const items = (node as { items: unknown[] }).items;
      const item = typeof key === "number" ? items[key] : items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      if (!item) break;
      const keyNode = isPair(item) ? (item.key as Node) : (item as Node);
      offset = keyNode?.range?.[0] ?? offset;
      node = isPair(item) ? item.value : item;
    }
    return lineCounter.linePos(offset).line + 1; // +1 for the opening fence
  };
  return { file, data: data as Record<string, unknown>, body: lines.slice(end + 1).join("\n"), bodyLine: end + 2, lineOf };
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
