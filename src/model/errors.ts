/**
 * Editor-facing problems. Every mistake an editor can make is collected as a ContentProblem
 * and reported together, as `file:line: field: what is wrong. How to fix it.` (in Danish),
 * never as a stack trace.
 */

export interface ContentProblem {
  file: string; // relative to the repository, e.g. content/publikationer/x/index.md
  line?: number;
  field?: string;
  message: string; // what is wrong
  fix: string; // how to fix it
}

export function formatProblem(p: ContentProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  const field = p.field ? ` ${p.field}:` : "";
  return `${where}:${field} ${p.message}. ${p.fix}`;
}

export function formatProblems(problems: ContentProblem[]): string {
  const n = problems.length;
  const head = n === 1 ? "Der er 1 fejl i indholdet:" : `Der er ${n} fejl i indholdet:`;
  const lines = [...problems]
    .sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0))
    .map((p) => "  " + formatProblem(p));
  return [head, ...lines, "", "Ret fejlene og byg igen. Intet er udgivet."].join("\n");
}

/** Thrown when content has problems; carries all of them. Never shown with a stack. */
export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(formatProblems(problems));
    this.name = "ContentError";
  }
}

/** Collects problems while the model is built, so one build reports all of them. */
export class ProblemList {
  readonly items: ContentProblem[] = [];
  add(p: ContentProblem): void {
    this.items.push(p);
  }
  get empty(): boolean {
    return this.items.length === 0;
  }
  throwIfAny(): void {
    if (!this.empty) throw new ContentError(this.items);
  }
}
