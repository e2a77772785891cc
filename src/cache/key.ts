/**
 * The one way a cache key is made: a hash of the stage's name, the version of its code (./code.ts),
 * the versions of the tools outside node_modules it runs (Chromium), and its inputs: the part of the
 * model or the output it reads, as JSON. Inputs hold content-relative paths and content hashes only,
 * never where the checkout, the content or the cache happens to be on this machine, so two clones
 * in different folders make the same keys (and the same bytes, where a key seeds an output).
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { CODE_ROOT } from "./code.ts";

export interface KeyParts {
  /** The cache's name: entries of different caches never share a key. */
  stage: string;
  /** codeVersion() of the modules that make the entry. */
  code: string;
  /** Tools that are not npm packages (npm packages are part of the code version), name → version. */
  tools?: Record<string, string>;
  /** What the entry is made from, JSON-able. An absolute path in it is a programming error. */
  inputs?: unknown;
}

export interface KeyFolders {
  /**
   * The build's cache folder: a path inside it (an image variant, whose name is the image tool's
   * content hash) goes into the key relative to it.
   */
  cacheDir?: string;
  /** Folders a key must not name at all (besides the checkout): content and output folders. */
  refuse?: string[];
}

/**
 * 32 hex digits. A string in the inputs that names a file by its absolute path is made relative
 * to the cache folder when inside it, and refused (a programming error) when inside the checkout
 * or a refused folder.
 */
export function cacheKey(parts: KeyParts, folders: KeyFolders = {}): string {
  const cacheDir = folders.cacheDir && path.resolve(folders.cacheDir);
  const refused = [CODE_ROOT, ...(folders.refuse ?? [])]
    .map((dir) => path.resolve(dir))
    .filter((dir) => dir !== path.parse(dir).root);
  const inside = (value: string, dir: string) => value === dir || value.startsWith(dir + path.sep);
  const json = JSON.stringify(
    { stage: parts.stage, code: parts.code, tools: sorted(parts.tools ?? {}), inputs: parts.inputs ?? null },
    (_key, value: unknown) => {
      if (typeof value !== "string" || !path.isAbsolute(value)) return value;
      if (cacheDir && inside(value, cacheDir))
        return `<cache>/${path.relative(cacheDir, value).split(path.sep).join("/")}`;
      if (refused.some((dir) => inside(value, dir))) {
        throw new Error(
          `cache key input holds an absolute path (${value}): use a content-relative path or a content hash`,
        );
      }
      return value;
    },
  );
  return createHash("sha256").update(json).digest("hex").slice(0, 32);
}

/** A content hash for inputs: what a file or text holds, not where it is. */
export function contentHash(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex").slice(0, 32);
}

function sorted(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}
