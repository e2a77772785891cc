/** The HTML stage: Eleventy renders the model through layouts/ into the staging folder. */
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { udgivConfig } from "../../eleventy.config.ts";
import type { BuildContext, Stage } from "./index.ts";

export const htmlStage: Stage = {
  name: "html",
  async run(ctx: BuildContext) {
    const { root, contentDir, cacheDir, pathPrefix } = ctx.options;
    // The settings go in through Eleventy's programmatic configuration (no configuration file is
    // read); the model the plugins ask for is the one already loaded (memoised).
    const eleventy = new Eleventy(path.join(root, "layouts"), ctx.outDir, {
      configPath: "", // empty: read no configuration file
      config: udgivConfig({ contentDir, cacheDir }),
      quietMode: true,
      pathPrefix,
    });
    const [, templates] = (await eleventy.write()) as unknown as [
      unknown,
      { inputPath: string; outputPath: string | false }[],
    ];
    for (const { inputPath, outputPath } of templates) {
      // Eleventy's input paths are relative to the working folder.
      if (outputPath)
        ctx.pageTemplates.set(path.relative(ctx.outDir, outputPath), path.relative(root, path.resolve(inputPath)));
    }
    ctx.stats.pages = ctx.site.publications.length + ctx.site.news.length;
  },
};
