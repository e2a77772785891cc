/** Eleventy plugin: copies the image variants the model uses from the cache into the output. */
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { IMAGE_URL_PATH } from "./index.ts";

export default function imagesPlugin(eleventyConfig: UserConfig, options: { files: () => Promise<string[]> }): void {
  eleventyConfig.on("eleventy.after", async ({ dir }: { dir: { output: string } }) => {
    const target = path.join(dir.output, IMAGE_URL_PATH);
    await mkdir(target, { recursive: true });
    const files = await options.files();
    await Promise.all(files.map((file) => copyFile(file, path.join(target, path.basename(file)))));
  });
}
