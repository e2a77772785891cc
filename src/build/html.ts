/** The HTML stage: Eleventy renders the model through layouts/ into the staging folder. */
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import type { BuildContext, Stage } from "./index.ts";

export const htmlStage: Stage = {
  name: "html",
  async run(ctx: BuildContext) {
    const { root, contentDir, cacheDir, pathPrefix } = ctx.options;
    // eleventy.config.ts reads these; the model it asks for is the one already loaded (memoised).
    process.env.UDGIV_CONTENT = contentDir;
    process.env.UDGIV_CACHE = cacheDir;
    const eleventy = new Eleventy(path.join(root, "layouts"), ctx.outDir, {
      configPath: path.join(root, "eleventy.config.ts"),
      quietMode: true,
      pathPrefix,
    });
    const [, templates] = (await eleventy.write()) as unknown as [unknown, { inputPath: string; outputPath: string | false }[]];
    for (const { inputPath, outputPath } of templates) {
      // Eleventy's input paths are relative to the working folder.
      if (outputPath) ctx.pageTemplates.set(path.relative(ctx.outDir, outputPath), path.relative(root, path.resolve(inputPath)));
    }
    ctx.stats.pages = ctx.site.publications.length + ctx.site.news.length;
  },
};
