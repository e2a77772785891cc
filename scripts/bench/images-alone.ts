/**
 * Times image processing on its own: every image file of a corpus through the build's own
 * processImage (eleventy-img: AVIF, WebP and PNG in three widths) into an empty cache, all at
 * once as the model does. The build does this inside its model stage; this separates the share.
 * Usage: tsx scripts/bench/images-alone.ts <content dir> <empty cache dir> [--distinct]
 * --distinct encodes each distinct file content once (variant names are content hashes, so the
 * cache then serves every copy): the quick way to make an --image-cache for a large corpus.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { processImage } from "../../src/images/index.ts";
import { listFiles } from "./corpus.ts";

const [contentDir, cacheDir] = process.argv.slice(2, 4).map((p) => path.resolve(p));
const all = listFiles(path.join(contentDir, "publikationer")).filter((f) => /\.(png|jpe?g|webp|svg)$/i.test(f));
const byContent = new Map(all.map((f) => [createHash("sha256").update(readFileSync(f)).digest("hex"), f]));
const images = process.argv.includes("--distinct") ? [...byContent.values()] : all;
const start = performance.now();
await Promise.all(
  images.map((file) => processImage(file, "Benchmark", { cacheDir, repoRoot: path.dirname(contentDir) })),
);
console.log(JSON.stringify({ ms: Math.round(performance.now() - start), images: images.length }));
