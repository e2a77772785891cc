/**
 * Responsive images through @11ty/eleventy-img (sharp): AVIF + WebP + the original format,
 * a few widths, width/height set. Variants are written once into a persistent cache folder
 * (file names are content hashes, so an unchanged image is never re-encoded) and the build
 * copies the variants a site uses into its output.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import sharp from "sharp";
import type { ImageAsset } from "../model/index.ts";
import { findUnsafeSvgFile } from "../security/index.ts";

export { default as imagesPlugin } from "./plugin.ts";

const require = createRequire(import.meta.url);
// eleventy-img is CommonJS without bundled types; this is the slice of its API we use.
interface ImageEntry {
  url: string;
  outputPath: string;
  width: number;
  height: number;
  sourceType: string;
  format: string;
}
type Metadata = Record<string, ImageEntry[]>;
const eleventyImage = require("@11ty/eleventy-img") as {
  (src: string, options: Record<string, unknown>): Promise<Metadata>;
  generateHTML(metadata: Metadata, attributes: Record<string, string>): string;
};

export const IMAGE_URL_PATH = "/img/";

/**
 * Limits for an image file, checked from its header before anything is decoded. The site shows an
 * image at most 1,600 pixels wide (WIDTHS), so 40 megapixels (e.g. 8,000 × 5,000) is far more than
 * enough; a 12,000 × 12,000 photo would take 40 s and several GB of memory to encode.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const WIDTHS = [480, 960, 1600];

export interface ProcessedImage {
  asset: ImageAsset;
  /** Every file written for this image (all formats and widths), absolute paths in the cache. */
  files: string[];
  /** `<picture>` markup; `sizes` and loading chosen by the caller. */
  html(options?: { sizes?: string; eager?: boolean }): string;
}

export interface ImageHeader {
  format: string; // sharp's name: png, jpeg, webp, gif, svg, …
  width: number;
  height: number;
}

/** Format and size from the file's header (nothing is decoded). Throws when it is not an image sharp knows. */
export async function readImageHeader(file: string): Promise<ImageHeader> {
  const { format, width, height } = await sharp(file, { limitInputPixels: false }).metadata();
  if (!format || !width || !height) throw new Error(`${file}: no image dimensions`);
  return { format, width, height };
}

/**
 * Decodes the image (shrunk on load, so cheaply) and throws when it is truncated or corrupt:
 * the header alone is fine, and a cut-off JPEG would otherwise be published with its lower part
 * grey. A file that decoded once is remembered by its bytes' hash in `cacheDir`.
 */
export async function verifyImageDecodes(file: string, cacheDir: string): Promise<void> {
  const bytes = await readFile(file);
  const marker = path.join(cacheDir, "decoded", createHash("sha256").update(bytes).digest("hex").slice(0, 32));
  if (existsSync(marker)) return;
  await sharp(bytes, { failOn: "truncated", limitInputPixels: MAX_IMAGE_PIXELS })
    .resize(64, 64, { fit: "inside" })
    .raw()
    .toBuffer();
  await mkdir(path.dirname(marker), { recursive: true });
  await writeFile(marker, "");
}

/** An image that must not be published (an SVG that could run code or load other files): see src/security/svg.ts. */
export class UnsafeImageError extends Error {
  constructor(
    readonly reason: string,
    readonly fix: string,
  ) {
    super(reason);
  }

  /** The editor's message, naming the file. */
  describe(file: string): string {
    return `SVG-filen ${file} indeholder ${this.reason}, som ikke er tilladt`;
  }
}

/**
 * Process one image file. Every file that is not a raster image is read as SVG and refused
 * (UnsafeImageError) unless it only draws: eleventy-img publishes SVG byte for byte. `alt` may be "" only for an image the editor marked decorative.
 * Throws the underlying error when the file cannot be read as an image; the model turns that into a problem.
 */
export async function processImage(
  absoluteSource: string,
  alt: string,
  options: { cacheDir: string; repoRoot: string; eager?: boolean; statsOnly?: boolean },
): Promise<ProcessedImage> {
  const unsafe = await findUnsafeSvgFile(absoluteSource);
  if (unsafe) throw new UnsafeImageError(unsafe.reason, unsafe.fix);
  const metadata = await eleventyImage(absoluteSource, {
    widths: [...WIDTHS, "auto"].map(String) as unknown as number[],
    formats: ["avif", "webp", "auto"],
    outputDir: options.cacheDir,
    urlPath: IMAGE_URL_PATH,
    svgShortCircuit: false,
    // statsOnly reads the dimensions and writes nothing: enough for a content check.
    statsOnly: options.statsOnly ?? false,
  });
  const fallbackFormat = Object.keys(metadata).find((f) => f !== "avif" && f !== "webp") ?? "jpeg";
  const fallbacks = metadata[fallbackFormat];
  const modest = fallbacks.find((e) => e.width >= 960) ?? fallbacks[fallbacks.length - 1];
  const largest = fallbacks[fallbacks.length - 1];
  const html: ProcessedImage["html"] = ({ sizes = "(min-width: 50rem) 46rem, 100vw", eager = false } = {}) =>
    eleventyImage.generateHTML(metadata, { alt, sizes, loading: eager ? "eager" : "lazy", decoding: "async" });
  const asset: ImageAsset = {
    source: path.relative(options.repoRoot, absoluteSource),
    alt,
    fallbackFile: modest.outputPath,
    fallbackUrl: modest.url,
    width: largest.width,
    height: largest.height,
    mimeType: fallbackFormat === "png" ? "image/png" : fallbackFormat === "gif" ? "image/gif" : "image/jpeg",
    pictureHtml: html({ eager: options.eager }),
  };
  const files = Object.values(metadata).flatMap((entries) => entries.map((e) => e.outputPath));
  return { asset, files, html };
}
