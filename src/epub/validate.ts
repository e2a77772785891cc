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
import { removeAbandoned } from "../cache/index.ts";
import type { ImageAsset, Publication } from "../model/index.ts";

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

/** Report folders are named after the process that owns them, so a later run can remove those of a killed build. */
const REPORTS_PREFIX = "udgiv-epubcheck-";

/**
 * Fatal errors, errors and warnings per book (an empty list: the book is valid). The JVM gets a
 * stdin pipe that this process never writes to: when this process dies, even by SIGKILL, the pipe
 * closes and EpubCheckAll exits instead of running on without a parent.
 */
export async function epubcheck(files: string[]): Promise<EpubCheckReport[]> {
  await removeAbandoned(os.tmpdir(), new RegExp(`^${REPORTS_PREFIX}(\\d+)-`));
  if (files.length === 0) return [];
  const reports = mkdtempSync(path.join(os.tmpdir(), `${REPORTS_PREFIX}${process.pid}-`));
  try {
    const runner = path.join(import.meta.dirname, "EpubCheckAll.java");
    try {
      await run("java", ["-Xss1024k", "-cp", EPUBCHECK_JAR, runner, reports, ...files], {
        maxBuffer: 16 * 1024 * 1024,
      });
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

/**
 * Danish for the EPUBCheck findings an editor's content can cause (the ids are EPUBCheck 4.2's).
 * The original English text follows in the message, for anyone who searches for it.
 */
const DANISH: Record<string, string> = {
  "RSC-005": "filen følger ikke reglerne for EPUB: et element, en egenskab eller en værdi er ikke tilladt her",
  "RSC-006": "filen henviser til noget på nettet; i en EPUB skal billeder, skrifttyper og lignende ligge i bogen",
  "RSC-007": "filen henviser til en fil, der ikke er med i bogen",
  "RSC-007w": "filen henviser til en fil, der ikke er med i bogen",
  "RSC-008": "filen henviser til en fil, der ikke står i bogens indholdsliste",
  "RSC-010": "filen henviser til en filtype, som en EPUB ikke kan vise",
  "RSC-011": "filen linker til en fil, der ikke er en del af bogens læserækkefølge",
  "RSC-012": "filen linker til et anker (#…), der ikke findes",
  "RSC-014": "filen bruger et anker (#…) i en henvisning til en fil, hvor ankre ikke giver mening",
  "RSC-016": "filen kan ikke læses (den er ikke gyldig XML)",
  "RSC-017": "filen er næsten gyldig, men har en fejl",
  "RSC-020": "filen har en adresse, der ikke er gyldig",
  "RSC-032": "filen bruger en filtype, der kræver et alternativ, som bogen ikke har",
  "HTM-025": "filen linker med en adresse-type, som en EPUB ikke kender",
  "OPF-014": "filen bruger noget (fx script, SVG eller indhold fra nettet), som bogens indholdsliste ikke nævner",
  "MED-001": "billedet har et format, som EPUB ikke tillader",
  "PKG-021": "billedfilen er beskadiget",
  "PKG-022": "billedfilen har en forkert filendelse",
};

/**
 * A finding as `content file: Danish message (EPUBCheck ID in entry, line: original)`, naming the
 * editor's file the book entry came from: the chapter's Markdown file, the image file itself for an
 * image (an SVG, say) with the chapter that uses it, and index.md for the rest of the book.
 */
export function describeFinding(publication: Publication, m: EpubCheckMessage): string {
  const entry = m.path ?? "";
  const chapter = publication.chapters.find((c) => entry.endsWith(`/chapters/${c.slug}.xhtml`));
  const image = imageSource(publication, entry);
  const source =
    chapter?.sourcePath ??
    (image ? `${image.source}${image.usedIn ? ` (brugt i ${image.usedIn})` : ""}` : publication.sourcePath);
  const where = m.path ? ` i ${m.path}${m.line ? `, linje ${m.line}` : ""}` : "";
  const essential = m.message.replace(/; expected .*$/s, ""); // schema errors list every allowed name after this
  const original = essential.length > 240 ? `${essential.slice(0, 240)}…` : essential;
  const danish = DANISH[m.id];
  return danish
    ? `${source}: ${danish} (EPUBCheck ${m.id}${where}: ${original})`
    : `${source}: ${original} (EPUBCheck ${m.id}${where})`;
}

/** The source file of an image entry of the book (EPUB/images/<variant>), and the chapter using it. */
function imageSource(publication: Publication, entry: string): { source: string; usedIn?: string } | undefined {
  if (!entry.includes("/images/")) return undefined;
  const name = path.basename(entry);
  const matches = (asset: ImageAsset | undefined) => asset !== undefined && path.basename(asset.fallbackFile) === name;
  if (matches(publication.cover)) return { source: publication.cover!.source, usedIn: publication.sourcePath };
  for (const chapter of publication.chapters) {
    const asset = chapter.images.find(matches);
    if (asset) return { source: asset.source, usedIn: chapter.sourcePath };
  }
  return undefined; // a picture in the foreword: index.md is the right file to name
}
