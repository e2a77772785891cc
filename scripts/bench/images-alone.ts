/**
 * Times image processing on its own: every image file of a corpus through the build's own
 * processImage (eleventy-img: AVIF, WebP and PNG in three widths) into an empty cache, all at
 * once as the model does. The build does this inside its model stage; this separates the share.
 * Usage: tsx scripts/bench/images-alone.ts <content dir> <empty cache dir>
 */
import path from "node:path";
import { processImage } from "../../src/images/index.ts";
import { listFiles } from "./corpus.ts";

const [contentDir, cacheDir] = process.argv.slice(2).map((p) => path.resolve(p));
const images = listFiles(path.join(contentDir, "publikationer")).filter((f) => /\.(png|jpe?g|webp|svg)$/i.test(f));
const start = performance.now();
await Promise.all(images.map((file) => processImage(file, "Benchmark", { cacheDir, repoRoot: path.dirname(contentDir) })));
console.log(JSON.stringify({ ms: Math.round(performance.now() - start), images: images.length }));
