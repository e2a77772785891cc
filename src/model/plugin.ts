/**
 * Eleventy plugin: exposes the model (and its views) as the global data `udgiv`.
 * In watch/serve mode a content error is printed and the last good model kept, so the
 * dev server never crashes on an editor's mistake.
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import { ContentError } from "./errors.ts";
import { forgetSites, getSite, type LoadOptions } from "./index.ts";
import { siteViews, type SiteViews } from "./views.ts";

export interface ModelPluginOptions extends LoadOptions {
  /** The dev server: on a content error, print it and keep the last good model. */
  keepLastGood: boolean;
}

export default function modelPlugin(eleventyConfig: UserConfig, options: ModelPluginOptions): void {
  let lastGood: SiteViews | undefined;
  eleventyConfig.addWatchTarget(options.contentDir);
  eleventyConfig.on("eleventy.beforeWatch", () => forgetSites());
  eleventyConfig.addGlobalData("udgiv", async () => {
    try {
      lastGood = siteViews(await getSite({ contentDir: options.contentDir, imageCacheDir: options.imageCacheDir }));
      return lastGood;
    } catch (error) {
      if (error instanceof ContentError && options.keepLastGood) {
        console.error(`\n${error.message}\n`);
        if (lastGood) return lastGood;
      }
      throw error;
    }
  });
}
