/**
 * Results of pure per-document work (parsing a page for links, say) remembered between builds by
 * the document's content hash, in one JSON file: reading that back is far cheaper than parsing
 * every page of the site again when one chapter changed. Entries a build did not ask for are
 * dropped when it saves, so the file holds one site's worth. The version is a cacheKey() of the
 * code that computes the results; another version starts empty.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { atomicWrite } from "./store.ts";

export class ContentMemo<T> {
  private readonly used = new Map<string, T>();

  private constructor(
    private readonly file: string,
    private readonly version: string,
    private readonly stored: Map<string, T>,
  ) {}

  static async open<T>(file: string, version: string): Promise<ContentMemo<T>> {
    try {
      const saved = JSON.parse(await readFile(file, "utf8")) as { version: string; entries: [string, T][] };
      if (saved.version === version) return new ContentMemo(file, version, new Map(saved.entries));
    } catch {
      // no memo yet, or an unreadable one: start empty
    }
    return new ContentMemo(file, version, new Map());
  }

  /** The remembered result for this content, or `compute()`'s. */
  get(content: string | Uint8Array, compute: () => T): T {
    const key = createHash("sha256").update(content).digest("base64url");
    const result = this.used.get(key) ?? this.stored.get(key) ?? compute();
    this.used.set(key, result);
    return result;
  }

  /** Written atomically: another build may be reading it. */
  async save(): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await atomicWrite(this.file, JSON.stringify({ version: this.version, entries: [...this.used] }));
  }
}
