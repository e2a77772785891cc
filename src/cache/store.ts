/**
 * One folder of cache entries, `<cacheDir>/<name>/`. An entry is one or more files with the same
 * stem, `<label>-<key>` (label: a publication's slug, or none), e.g. `rapport-<key>.pdf` and
 * `rapport-<key>.json`. Every write is atomic (a temporary file, then a rename), because parallel
 * builds may share the cache; every read marks the entry as used, and prune() removes what no build
 * needs any more: all but the newest entries of a label, and whatever went unused for a month.
 */
import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { cacheKey, type KeyParts } from "./key.ts";

export interface Entry {
  key: string;
  /** Groups the versions of one thing (a publication's slug), so older ones can be dropped. */
  label?: string;
}

export interface StoreOptions {
  /** Entries kept per label, newest first (builds may alternate, e.g. with and without a path prefix). */
  keepPerLabel?: number;
  /** Entries no build has read or written for this long are removed. */
  maxAgeMs?: number;
}

const DAY_MS = 24 * 3600 * 1000;
const STEM = /^(?:(.+)-)?([0-9a-f]{32})(\..+)$/;

export class CacheStore {
  readonly dir: string;
  private readonly keepPerLabel: number;
  private readonly maxAgeMs: number;

  /** `cacheDir` is the build's cache folder; the store is its sub-folder `name`. */
  constructor(
    private readonly cacheDir: string,
    name: string,
    options: StoreOptions = {},
  ) {
    this.dir = path.join(cacheDir, name);
    this.keepPerLabel = options.keepPerLabel ?? 3;
    this.maxAgeMs = options.maxAgeMs ?? 30 * DAY_MS;
  }

  /** cacheKey(), with paths inside the build's cache folder (image variants) made relative to it. */
  key(parts: KeyParts, refuse: string[] = []): string {
    return cacheKey(parts, { cacheDir: this.cacheDir, refuse });
  }

  /** The file of an entry with the given extension (".pdf", ".epub.ok"). */
  file(entry: Entry, ext: string): string {
    return path.join(this.dir, `${entry.label ? `${entry.label}-` : ""}${entry.key}${ext}`);
  }

  has(entry: Entry, ...exts: string[]): boolean {
    return exts.every((ext) => existsSync(this.file(entry, ext)));
  }

  async readJson<T>(entry: Entry, ext = ".json"): Promise<T | undefined> {
    try {
      const value = JSON.parse(await readFile(this.file(entry, ext), "utf8")) as T;
      await this.touch(entry, ext);
      return value;
    } catch {
      return undefined; // missing or unreadable: made again
    }
  }

  /** Copies an entry's file out (into the output folder), marking it used. */
  async copyOut(entry: Entry, ext: string, target: string): Promise<void> {
    await copyFile(this.file(entry, ext), target);
    await this.touch(entry, ext);
  }

  async write(entry: Entry, ext: string, data: string | Uint8Array): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await atomicWrite(this.file(entry, ext), data);
  }

  /** Copies a finished file in, atomically. */
  async copyIn(entry: Entry, ext: string, source: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = this.file(entry, ext);
    const temp = temporaryName(file);
    await copyFile(source, temp);
    await rename(temp, file);
  }

  /** Removes the entries no build needs: all but the newest `keepPerLabel` per label, and any unused for `maxAgeMs`. */
  async prune(): Promise<void> {
    if (!existsSync(this.dir)) return;
    const stems = new Map<string, { label?: string; files: string[]; used: number }>();
    const cutoff = Date.now() - this.maxAgeMs;
    for (const name of await readdir(this.dir)) {
      const file = path.join(this.dir, name);
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) continue;
      const match = name.endsWith(".tmp") ? null : STEM.exec(name);
      if (!match) {
        // A temporary file a killed build left (a running build's is young), or an entry of an older naming scheme.
        if (info.mtimeMs < (name.endsWith(".tmp") ? Date.now() - DAY_MS : cutoff)) await rm(file, { force: true });
        continue;
      }
      const stem = `${match[1] ?? ""}-${match[2]}`;
      const entry = stems.get(stem) ?? { label: match[1], files: [], used: 0 };
      entry.files.push(file);
      entry.used = Math.max(entry.used, info.mtimeMs);
      stems.set(stem, entry);
    }
    const byLabel = new Map<string, { files: string[]; used: number }[]>();
    const stale: string[] = [];
    for (const entry of stems.values()) {
      if (entry.used < cutoff) stale.push(...entry.files);
      else if (entry.label !== undefined) byLabel.set(entry.label, [...(byLabel.get(entry.label) ?? []), entry]);
    }
    for (const entries of byLabel.values()) {
      stale.push(
        ...entries
          .sort((a, b) => b.used - a.used)
          .slice(this.keepPerLabel)
          .flatMap((e) => e.files),
      );
    }
    await Promise.all(stale.map((file) => rm(file, { force: true })));
  }

  private async touch(entry: Entry, ext: string): Promise<void> {
    const now = new Date();
    await utimes(this.file(entry, ext), now, now).catch(() => {}); // another build may have pruned it meanwhile
  }
}

/** Writes a file in one rename, so a reader (another build, another stage) sees the old or the new content, never half. */
export async function atomicWrite(file: string, data: string | Uint8Array): Promise<void> {
  const temp = temporaryName(file);
  await writeFile(temp, data);
  await rename(temp, file);
}

function temporaryName(file: string): string {
  return `${file}.${process.pid}.tmp`;
}
