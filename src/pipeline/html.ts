/**
 * The HTML stage: Eleventy renders the model through layouts/ in memory (its JSON output), and
 * the site's static files and image variants are copied into the staging folder, where the
 * exports read them. The pages stage (./pages.ts) writes the rendered pages, once, when the
 * exports' download facts are known. `npm run check` renders the same way, for the routes.
 */
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { udgivConfig } from "../../eleventy.config.ts";
import type { BuildContext, Stage } from "./index.ts";
import type { RenderedPage } from "./results.ts";
import { copyStaticFiles } from "../assets/index.ts";

interface EleventyOutput {
  url: string;
  inputPath: string;
  outputPath: string | false;
  content: string;
}

export interface RenderOptions {
  root: string;
  contentDir: string;
  cacheDir: string;
  pathPrefix: string;
  /** Where the pages would be written: the output paths are relative to it. Nothing is written. */
  outDir: string;
}

export const htmlStage: Stage<"html"> = {
  name: "html",
  async run(ctx: BuildContext) {
    const [pages] = await Promise.all([
      renderPages({ ...ctx.options, outDir: ctx.outDir }),
      copyStaticFiles(ctx.options.root, ctx.outDir, ctx.site),
    ]);
    const counts = { pages: ctx.site.publications.length + ctx.site.news.length, outputs: pages.length };
    return { pages, counts };
  },
};

/** Every output of the layouts (pages, feeds, sitemap …), rendered in memory, in output-file order. */
export async function renderPages(options: RenderOptions): Promise<RenderedPage[]> {
  const { root, contentDir, cacheDir, pathPrefix, outDir } = options;
  // The settings go in through Eleventy's programmatic configuration (no configuration file is
  // read); the model the plugins ask for is the one already loaded (memoised).
  const eleventy = new Eleventy(path.join(root, "layouts"), outDir, {
    configPath: "", // empty: read no configuration file
    config: udgivConfig({ contentDir, cacheDir }),
    quietMode: true,
    pathPrefix,
  });
  const outputs = (await eleventy.toJSON()) as unknown as EleventyOutput[];
  return outputs
    .filter((output): output is EleventyOutput & { outputPath: string } => Boolean(output.outputPath))
    .map((output): RenderedPage => ({
      file: path.relative(outDir, output.outputPath).split(path.sep).join("/"),
      url: output.url,
      // Eleventy's input paths are relative to the working folder.
      template: path.relative(root, path.resolve(output.inputPath)).split(path.sep).join("/"),
      content: output.content,
    }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
