/**
 * The site's static files: copied as they are, by Eleventy's passthrough copy in the dev server and
 * by the HTML stage in a build (Eleventy renders a build's pages in memory, where it copies nothing).
 * Sources are relative to the Udgiv checkout, targets to the output folder.
 */
import { cp, mkdir } from "node:fs/promises";
import path from "node:path";
import { fontFiles } from "../fonts/index.ts";

export function staticFiles(): { source: string; target: string }[] {
  return [{ source: "layouts/assets", target: "assets" }, ...fontFiles()];
}

export async function copyStaticFiles(root: string, outDir: string): Promise<void> {
  for (const { source, target } of staticFiles()) {
    const to = path.join(outDir, target);
    await mkdir(path.dirname(to), { recursive: true });
    await cp(path.resolve(root, source), to, { recursive: true });
  }
}
