/**
 * The site's static files, the design's assets and the fonts, copied as they are: by Eleventy's
 * passthrough copy in the dev server, and by the HTML stage in a build (which renders in memory,
 * where Eleventy copies nothing), together with the image variants the model made. Sources are
 * relative to the Udgiv checkout (or absolute), targets relative to the output folder.
 */
import { copyFile, cp, mkdir } from "node:fs/promises";
import path from "node:path";
import { fontFiles } from "../fonts/index.ts";
import { IMAGE_URL_PATH } from "../images/index.ts";
import type { Site } from "../model/index.ts";

export function staticFiles(): { source: string; target: string }[] {
  return [{ source: "layouts/assets", target: "assets" }, ...fontFiles()];
}

/** The static files, and the image variants of the model (from the image cache), into the output. */
export async function copyStaticFiles(root: string, outDir: string, site: Site): Promise<void> {
  for (const { source, target } of staticFiles()) {
    const to = path.join(outDir, target);
    await mkdir(path.dirname(to), { recursive: true });
    await cp(path.resolve(root, source), to, { recursive: true });
  }
  const images = path.join(outDir, IMAGE_URL_PATH);
  await mkdir(images, { recursive: true });
  await Promise.all(site.imageFiles.map((file) => copyFile(file, path.join(images, path.basename(file)))));
}
