/**
 * Responsive images through @11ty/eleventy-img (sharp): AVIF + WebP + the original format,
 * a few widths, width/height set. Variants are written once into a persistent cache folder
 * (file names are content hashes, so an unchanged image is never re-encoded) and the build
 * copies the variants a site uses into its output.
 */
import path from "node:path";
import { createRequire } from "node:module";
import type { ImageAsset } from "../model/types.ts";
import { findUnsafeSvgFile } from "../security/svg.ts";

const require = createRequire(import.meta.url);
// eleventy-img is CommonJS without bundled types; this is the slice of its API we use.
interface ImageEntry { url: string; outputPath: string; width: number; height: number; sourceType: string; format: string }
type Metadata = Record<string, ImageEntry[]>;
const eleventyImage = require("@11ty/eleventy-img") as {
  (src: string, options: Record<string, unknown>): Promise<Metadata>;
  generateHTML(metadata: Metadata, attributes: Record<string, string>): string;
};

export const IMAGE_URL_PATH = "/img/";
const WIDTHS = [480, 960, 1600];

export interface ProcessedImage {
  asset: ImageAsset;
  /** Every file written for this image (all formats and widths), absolute paths in the cache. */
  files: string[];
  /** `<picture>` markup; `sizes` and loading chosen by the caller. */
  html(options?: { sizes?: string; eager?: boolean }): string;
}

/** An image that must not be published (an SVG that could run code or load other files): see src/security/svg.ts. */
export class UnsafeImageError extends Error {
  constructor(readonly reason: string, readonly fix: string) {
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
