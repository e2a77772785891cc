/** Eleventy plugin: copies the image variants the model uses from the cache into the output. */
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { IMAGE_URL_PATH } from "./index.ts";

export default function imagesPlugin(eleventyConfig: UserConfig, options: { files: () => Promise<string[]> }): void {
  // `directories` (not the legacy `dir`) holds the output folder actually used by this run.
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    const target = path.join(directories.output, IMAGE_URL_PATH);
    await mkdir(target, { recursive: true });
    const files = await options.files();
    await Promise.all(files.map((file) => copyFile(file, path.join(target, path.basename(file)))));
  });
}
