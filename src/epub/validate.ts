/**
 * EPUBCheck (Debian's epubcheck 4.2.6, EPUB 3.2 rules) over several books in one JVM: the CLI
 * takes one book per call and most of its ~5 s is JVM start, so EpubCheckAll.java (run from
 * source) calls its checker once per book and writes one JSON report each.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
export const EPUBCHECK_JAR = process.env.EPUBCHECK_JAR ?? "/usr/share/java/epubcheck.jar";

export interface EpubCheckMessage {
  severity: "FATAL" | "ERROR" | "WARNING";
  id: string;
  message: string;
  /** Entry inside the book (e.g. EPUB/chapters/x.xhtml) and line, when EPUBCheck names one. */
  path?: string;
  line?: number;
}

export interface EpubCheckReport {
  file: string;
  messages: EpubCheckMessage[];
}

export function epubcheckAvailable(): boolean {
  return existsSync(EPUBCHECK_JAR);
}

/** Fatal errors, errors and warnings per book (an empty list: the book is valid). */
export async function epubcheck(files: string[]): Promise<EpubCheckReport[]> {
  if (files.length === 0) return [];
  const reports = mkdtempSync(path.join(os.tmpdir(), "udgiv-epubcheck-"));
  try {
    const runner = path.join(import.meta.dirname, "EpubCheckAll.java");
    try {
      await run("java", ["-Xss1024k", "-cp", EPUBCHECK_JAR, runner, reports, ...files], { maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      if (!existsSync(path.join(reports, `${files.length - 1}.json`))) throw error; // java itself failed, not a book
    }
    return files.map((file, i) => ({ file, messages: readReport(path.join(reports, `${i}.json`)) }));
  } finally {
    rmSync(reports, { recursive: true, force: true });
  }
}

function readReport(file: string): EpubCheckMessage[] {
  const json = JSON.parse(readFileSync(file, "utf8")) as {
    messages: { ID: string; severity: string; message: string; locations: { path?: string; line?: number }[] }[];
  };
  return json.messages
    .filter((m) => m.severity === "FATAL" || m.severity === "ERROR" || m.severity === "WARNING")
    .flatMap((m) => {
      const base = { severity: m.severity as EpubCheckMessage["severity"], id: m.ID, message: m.message };
      return m.locations.length ? m.locations.map((l) => ({ ...base, path: l.path, line: l.line })) : [base];
    });
}
