/**
 * The EPUB container (OCF): a zip with `mimetype` first and stored, through fflate.
 * Byte-identical for the same entries: fixed order, fixed timestamps, no extra fields.
 */
import { zipSync, type Zippable } from "fflate";
import type { EpubEntry } from "./package.ts";

/**
 * fflate writes a zip entry's DOS time from the Date's *local* fields, so a Date built from local
 * fields (noon, clear of any daylight-saving gap) gives the same bytes in every time zone.
 */
export function zipTimestamp(isoDate: string): Date {
  const [year, month, day] = isoDate.slice(0, 10).split("-").map(Number);
  return new Date(year, month - 1, day, 12, 0, 0);
}

export function zipEpub(entries: EpubEntry[], isoDate: string): Uint8Array {
  if (entries[0]?.name !== "mimetype") throw new Error("An EPUB's first entry must be mimetype");
  const mtime = zipTimestamp(isoDate);
  const files: Zippable = {};
  // Insertion order is zip order (no entry name is an integer-like key, which objects would reorder).
  for (const entry of entries) {
    files[entry.name] = [entry.data, { level: entry.compress ? 6 : 0, mtime }];
  }
  return zipSync(files);
}
