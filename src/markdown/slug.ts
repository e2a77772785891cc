/** Readable, stable ASCII slugs for URLs and heading ids; Danish letters transliterated (æ→ae, ø→oe, å→aa). */
const transliterations: Record<string, string> = { æ: "ae", ø: "oe", å: "aa", ß: "ss" };

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[æøåß]/g, (ch) => transliterations[ch] ?? ch)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // é → e, ü → u
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
