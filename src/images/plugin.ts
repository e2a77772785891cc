/**
 * Eleventy plugin: copies the image variants the model uses from the cache into the output, when
 * Eleventy writes files (the dev server, Eleventy's own command line). A build renders in memory
 * and copies them with the static files (src/pipeline/static.ts).
 */
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { IMAGE_URL_PATH } from "./index.ts";

export default function imagesPlugin(eleventyConfig: UserConfig, options: { files: () => Promise<string[]> }): void {
  // `directories` (not the legacy `dir`) holds the output folder actually used by this run.
  eleventyConfig.on("eleventy.after", async (event: { directories: { output: string }; outputMode: string }) => {
    if (event.outputMode !== "fs") return;
    const { directories } = event;
    const target = path.join(directories.output, IMAGE_URL_PATH);
    await mkdir(target, { recursive: true });
    const files = await options.files();
    await Promise.all(files.map((file) => copyFile(file, path.join(target, path.basename(file)))));
  });
}
