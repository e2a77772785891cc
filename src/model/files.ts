/**
 * The only way the model reads content/. Every path an editor writes (a chapter file, an image,
 * a cover) is resolved with realpath and must stay inside the content folder, so a symlink or a
 * `../../..` cannot publish a file from elsewhere on the machine; and only regular files are
 * opened (a FIFO or a device would block a read forever, or never end). Text must be UTF-8: a
 * file saved as Latin-1 is refused with the line of its first bad byte, instead of being
 * published with U+FFFD in place of æ, ø and å.
 */
import { isUtf8 } from "node:buffer";
import { realpathSync } from "node:fs";
import { lstat, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";

/** Why a path cannot be read, as Danish text for the editor (what is wrong, how to fix it). */
export interface Refusal {
  message: string;
  fix: string;
}

export type Resolved = { file: string; size: number } | { refused: Refusal; missing?: boolean };

export class ContentFiles {
  /** The content folder after following symlinks: every file read must lie below it. */
  readonly root: string;

  constructor(contentDir: string) {
    this.root = realpathOrSelf(contentDir);
  }

  /** True when `file` (already a real path) lies inside the content folder. */
  contains(file: string): boolean {
    const relative = path.relative(this.root, file);
    return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
  }

  /**
   * The real path of a regular file inside content/, or why it cannot be read. `shown` is the
   * name as the editor wrote it (for the message).
   */
  async resolve(file: string, shown: string): Promise<Resolved> {
    let link;
    try {
      link = await lstat(file);
    } catch {
      return {
        refused: {
          message: `${shown} findes ikke`,
          fix: "Tjek stavningen (store og små bogstaver tæller), eller opret filen",
        },
        missing: true,
      };
    }
    let real: string;
    try {
      real = await realpath(file);
    } catch {
      return {
        refused: {
          message: `${shown} er en genvej (symbolsk link) til en fil, der ikke findes`,
          fix: "Slet genvejen, og læg selve filen i content/",
        },
        missing: true,
      };
    }
    if (!this.contains(real)) {
      return {
        refused: {
          message: link.isSymbolicLink()
            ? `${shown} er en genvej (symbolsk link) til en fil uden for content/`
            : `${shown} ligger uden for content/`,
          fix: "Kun filer i content/ kan udgives. Kopiér filen ind i content/, gerne i samme mappe som teksten, og skriv kun filnavnet",
        },
      };
    }
    const target = link.isSymbolicLink() ? await stat(real) : link;
    if (!target.isFile()) {
      return {
        refused: {
          message: target.isDirectory()
            ? `${shown} er en mappe, ikke en fil`
            : `${shown} er ikke en almindelig fil (men fx en pipe eller en enhed)`,
          fix: "Læg en almindelig fil med det navn i content/",
        },
      };
    }
    return { file: real, size: target.size };
  }

  /** A text file inside content/, decoded as UTF-8, or why not. */
  async readText(file: string, shown: string): Promise<{ text: string } | { refused: Refusal; line?: number }> {
    const resolved = await this.resolve(file, shown);
    if ("refused" in resolved) return resolved;
    let bytes: Buffer;
    try {
      bytes = await readFile(resolved.file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "ukendt fejl";
      return { refused: { message: `filen kan ikke læses (${code})`, fix: "Tjek filens rettigheder" } };
    }
    try {
      return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
    } catch {
      return {
        line: firstInvalidUtf8Line(bytes),
        refused: {
          message:
            "filen er ikke gemt som UTF-8 (linjen har et tegn, fx æ, ø eller å, i en anden tegnkodning som Latin-1 eller Windows-1252)",
          fix: "Åbn filen i din editor, og gem den igen med tegnkodningen UTF-8 (»Gem som« → Kodning: UTF-8)",
        },
      };
    }
  }
}

/** 1-based line of the first byte sequence that is not UTF-8. A newline byte never occurs inside a UTF-8 sequence, so lines can be checked one by one. */
export function firstInvalidUtf8Line(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (!isUtf8(bytes.subarray(start, i))) return line;
      line++;
      start = i + 1;
    }
  }
  return 1;
}

function realpathOrSelf(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}
