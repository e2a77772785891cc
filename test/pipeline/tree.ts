/** Snapshots of folder trees (hash and mtime per file), to compare builds and prove folders untouched. */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export interface FileState {
  sha256: string;
  mtimeMs: number;
  size: number;
}

export function snapshot(dir: string): Map<string, FileState> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
  return new Map(
    files.map((rel) => {
      const file = path.join(dir, rel);
      const stat = statSync(file);
      return [
        rel,
        {
          sha256: createHash("sha256").update(readFileSync(file)).digest("hex"),
          mtimeMs: stat.mtimeMs,
          size: stat.size,
        },
      ];
    }),
  );
}

/** Files that differ in content between two snapshots (missing on one side counts), sorted. */
export function differences(a: Map<string, FileState>, b: Map<string, FileState>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((n) => a.get(n)?.sha256 !== b.get(n)?.sha256).sort();
}

/** Readable summary of a tree by kind of file: "html 18, epub 1, pdf 1, …". */
export function kinds(tree: Map<string, FileState>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of tree.keys()) {
    const ext = path.extname(name).slice(1) || path.basename(name);
    counts[ext] = (counts[ext] ?? 0) + 1;
  }
  return counts;
}
