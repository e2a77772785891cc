/**
 * Eleventy configuration: wires the Udgiv plugins together and holds no logic of its own.
 * The build (src/pipeline/html.ts) and the dev server (scripts/serve.ts) hand their settings in
 * through Eleventy's programmatic configuration — `new Eleventy(input, output, { config:
 * udgivConfig(settings) })` — never through the environment.
 */
import path from "node:path";
import { HtmlBasePlugin } from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { modelPlugin } from "./src/model/index.ts";
import { getSite } from "./src/model/index.ts";
import { i18nPlugin } from "./src/i18n/index.ts";
import { imagesPlugin } from "./src/images/index.ts";
import { feedsPlugin } from "./src/feeds/index.ts";
import { securityPlugin } from "./src/security/index.ts";
import { staticFiles } from "./src/assets/index.ts";

export interface EleventySettings {
  contentDir: string;
  cacheDir: string;
  /** The dev server: a content error is printed and the last good pages kept, instead of failing. */
  watching?: boolean;
}

export function udgivConfig(settings: EleventySettings): (eleventyConfig: UserConfig) => void {
  return (eleventyConfig) => {
    const model = {
      contentDir: path.resolve(settings.contentDir),
      imageCacheDir: path.join(path.resolve(settings.cacheDir), "images"),
    };

    eleventyConfig.addPlugin(modelPlugin, { ...model, keepLastGood: settings.watching ?? false });
    eleventyConfig.addPlugin(i18nPlugin);
    eleventyConfig.addPlugin(imagesPlugin, { files: async () => (await getSite(model)).imageFiles });
    eleventyConfig.addPlugin(HtmlBasePlugin);
    eleventyConfig.addPlugin(feedsPlugin);
    eleventyConfig.addPlugin(securityPlugin);
    // The dev server's copy of the static files (a build renders in memory and copies them itself).
    for (const { source, target } of staticFiles())
      eleventyConfig.addPassthroughCopy({
        [path.relative(process.cwd(), path.resolve(import.meta.dirname, source))]: target,
      });
    eleventyConfig.setQuietMode(true);
    // Only Nunjucks templates; includes and data in layouts/_includes and layouts/_data (the input is layouts/).
    eleventyConfig.setTemplateFormats(["njk"]);
    eleventyConfig.setIncludesDirectory("_includes");
    eleventyConfig.setDataDirectory("_data");
  };
}

/** Eleventy's own command line (`npx @11ty/eleventy --config=eleventy.config.ts --input=layouts`): content/ and .cache/. */
export default udgivConfig({ contentDir: "content", cacheDir: ".cache" });
