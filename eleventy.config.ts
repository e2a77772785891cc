/**
 * Eleventy configuration: wires the Udgiv plugins together and holds no logic of its own.
 * Paths come from the environment so the build pipeline and the tests can point the same
 * configuration at other content (UDGIV_CONTENT) and caches (UDGIV_CACHE).
 */
import path from "node:path";
import { HtmlBasePlugin } from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import modelPlugin from "./src/model/plugin.ts";
import { getSite } from "./src/model/index.ts";
import i18nPlugin from "./src/i18n/plugin.ts";
import imagesPlugin from "./src/images/plugin.ts";
import feedsPlugin from "./src/feeds/plugin.ts";
import securityPlugin from "./src/security/plugin.ts";
import { fontPassthrough } from "./src/fonts/index.ts";

export default function (eleventyConfig: UserConfig) {
  const contentDir = path.resolve(process.env.UDGIV_CONTENT ?? "content");
  const cacheDir = path.resolve(process.env.UDGIV_CACHE ?? ".cache");
  const model = { contentDir, imageCacheDir: path.join(cacheDir, "images") };

  eleventyConfig.addPlugin(modelPlugin, model);
  eleventyConfig.addPlugin(i18nPlugin);
  eleventyConfig.addPlugin(imagesPlugin, { files: async () => (await getSite(model)).imageFiles });
  eleventyConfig.addPlugin(HtmlBasePlugin);
  eleventyConfig.addPlugin(feedsPlugin);
  eleventyConfig.addPlugin(securityPlugin);
  eleventyConfig.addPassthroughCopy({ "layouts/assets": "assets" });
  eleventyConfig.addPassthroughCopy(fontPassthrough()); // the font files and licences, from their npm packages
  eleventyConfig.setQuietMode(true);

  return {
    templateFormats: ["njk"],
    htmlTemplateEngine: "njk",
    dir: { input: "layouts", includes: "_includes", data: "_data" },
  };
}
