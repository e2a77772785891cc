/**
 * `npm run check`: a quick check of content/ for a pre-commit hook or an editor's save, without
 * building pages or exports: the content model (every front matter against its schema, images,
 * raw HTML), the links between content files (pages, chapters, #anchors, .md links), and the
 * accessibility lint of the Markdown. Prints the same Danish problem list as the build; exit 1.
 * Options: --content DIR  --cache DIR (image variants are cached there, as in the build)
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { lintSite } from "../src/a11y/index.ts";
import { checkContentLinks } from "../src/links/index.ts";
import { ContentError, formatProblems, loadSite, type ContentProblem, type Site } from "../src/model/index.ts";
import { renderPages } from "../src/pipeline/index.ts";

const { values } = parseArgs({ options: { content: { type: "string" }, cache: { type: "string" } } });
const root = path.resolve(import.meta.dirname, "..");
const contentDir = path.resolve(values.content ?? path.join(root, "content"));
const cacheDir = path.resolve(values.cache ?? path.join(root, ".cache"));

async function check(): Promise<{ problems: ContentProblem[]; summary: string }> {
  let site: Site;
  try {
    site = await loadSite({ contentDir, imageCacheDir: path.join(cacheDir, "images"), checkOnly: true });
  } catch (error) {
    if (error instanceof ContentError) return { problems: error.problems, summary: "" };
    throw error;
  }
  // Eleventy's routes: every page the layouts make, so a link to any of them is known to resolve.
  const routes = await renderPages({
    root,
    contentDir,
    cacheDir,
    pathPrefix: "/",
    outDir: path.join(cacheDir, "check"),
  });
  const links = await checkContentLinks(site, root, routes);
  const lintProblems = await lintSite(site);
  const documents =
    site.publications.reduce((n, p) => n + 1 + p.chapters.length, 0) + site.news.length + site.pages.length;
  const summary = `${documents} filer, ${links.links} interne links, tilgængelighedslint`;
  return { problems: [...links.problems, ...lintProblems], summary };
}

const start = performance.now();
try {
  const { problems, summary } = await check();
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  if (problems.length) {
    console.error(`\n${formatProblems(problems).replace("Ret fejlene og byg igen.", "Ret fejlene og tjek igen.")}\n`);
    process.exitCode = 1;
  } else {
    console.log(`Udgiv: indholdet er i orden (${summary}; ${seconds} s)`);
  }
} catch (error) {
  console.error("\nUdgiv stødte på en intern fejl. Det er ikke din skyld; send teksten herunder til en udvikler.\n");
  console.error(error);
  process.exitCode = 2;
}
