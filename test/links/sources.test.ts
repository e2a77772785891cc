/**
 * Who is told about a broken link: the Markdown file (with line) when the link is in the content,
 * else the layout that renders the page — an include when it holds the link literally.
 */
import { cpSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkContentLinks } from "../../src/links/index.ts";
import { problemsFor } from "../../src/links/stage.ts";
import type { BrokenInOutput } from "../../src/links/site.ts";
import { SiteSources } from "../../src/links/sources.ts";
import { loadSite } from "../../src/model/index.ts";
import { renderPages } from "../../src/pipeline/index.ts";
import { fixtureContent, ROOT, testCacheDir } from "../helpers.ts";

const broken = (
  document: string,
  documentUrl: string,
  value: string,
  extra: Partial<BrokenInOutput> = {},
): BrokenInOutput => ({
  kind: "page",
  value,
  target: value,
  fragment: "",
  where: "a href",
  suggestions: [],
  document,
  documentUrl,
  ...extra,
});

describe("where a broken link is reported", () => {
  let sources: SiteSources;

  beforeAll(async () => {
    const contentDir = fixtureContent({
      "sider/om.md": "---\ntitel: Om\n---\nFørste linje.\n\nSe [noget](/noget/).\n",
    });
    const cacheDir = testCacheDir();
    const site = await loadSite({ contentDir, imageCacheDir: path.join(cacheDir, "images") });
    const routes = await renderPages({ root: ROOT, contentDir, cacheDir, pathPrefix: "/", outDir: "/nowhere" });
    sources = await SiteSources.create(site, ROOT, routes);
  });

  it("knows every page's layout from Eleventy's routes, paginated ones included", () => {
    expect(sources.pages.get("/huse/styrelsen/")?.layout).toBe("layouts/huse/hus.njk");
    expect(sources.pages.get("/publikationer/lille-publikation/indledning/")?.layout).toBe(
      "layouts/publikationer/kapitel.njk",
    );
    expect(sources.pages.get("/publikationer/lille-publikation/")?.layout).toBe(
      "layouts/publikationer/publikation.njk",
    );
    expect(sources.pages.get("/soeg/")?.layout).toBe("layouts/soeg.njk");
    expect(sources.pages.get("/om/")?.content?.source).toBe("content/sider/om.md");
  });

  it("names the Markdown file and line for a link from the content", async () => {
    const [problem] = await problemsFor([broken("om/index.html", "/om/", "/noget/")], sources, "/");
    expect(problem).toMatchObject({ file: "content/sider/om.md", line: 6 });
    expect(problem.message).toBe('linket "/noget/" peger på en side, der ikke findes (/noget/)');
  });

  it("names the page's layout for a link the content does not hold, once for many pages", async () => {
    const problems = await problemsFor(
      [
        broken("huse/styrelsen/index.html", "/huse/styrelsen/", "/x-y/"),
        broken("huse/kontoret/index.html", "/huse/kontoret/", "/x-y/"),
      ],
      sources,
      "/",
    );
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toBe("layouts/huse/hus.njk");
    expect(problems[0].message).toContain("(på 2 sider, fx /huse/styrelsen/)");
  });

  it("names the include and line that hold the link literally", async () => {
    const [problem] = await problemsFor([broken("om/index.html", "/om/", "/publikationer/")], sources, "/");
    expect(problem.file).toBe("layouts/_includes/base.njk");
    expect(problem.line).toBeGreaterThan(1);
  });

  it("tells a link repeated in the print document or the EPUB only once, at its source", async () => {
    const problems = await problemsFor(
      [
        broken("om/index.html", "/om/", "/noget/"),
        broken(
          "publikationer/lille-publikation/print/index.html",
          "/publikationer/lille-publikation/print/",
          "https://test.example.dk/noget/",
          { target: "/noget/" },
        ),
        broken(
          "publikationer/lille-publikation/lille-publikation.epub!EPUB/x.xhtml",
          "/publikationer/lille-publikation/lille-publikation.epub",
          "https://test.example.dk/noget/",
          { target: "/noget/" },
        ),
      ],
      sources,
      "/",
    );
    expect(problems.map((p) => p.file)).toEqual(["content/sider/om.md"]);
  });
});

describe("the routes npm run check knows", () => {
  it("come from Eleventy, so a page whose permalink a layout computes with a filter is known", async () => {
    // A copy of the layouts with one more, whose permalink goes through Nunjucks filters.
    const root = mkdtempSync(path.join(os.tmpdir(), "udgiv-routes-"));
    cpSync(path.join(ROOT, "layouts"), path.join(root, "layouts"), { recursive: true });
    writeFileSync(
      path.join(root, "layouts", "saerlig.njk"),
      "---\npermalink: \"/{{ 'Særlig Side' | slug }}/{{ 'STYRELSEN' | lower }}/\"\n---\n<p>Særlig</p>\n",
    );
    const contentDir = fixtureContent({
      "sider/om.md":
        "---\ntitel: Om\n---\nSe [den særlige side](/saerlig-side/styrelsen/) og [en anden](/saerlig-side/ingen/).\n",
    });
    const cacheDir = testCacheDir();
    const site = await loadSite({ contentDir, imageCacheDir: path.join(cacheDir, "images") });
    const routes = await renderPages({ root, contentDir, cacheDir, pathPrefix: "/", outDir: path.join(root, "_site") });
    expect(routes.find((r) => r.file === "saerlig-side/styrelsen/index.html")?.template).toBe("layouts/saerlig.njk");
    const { problems } = await checkContentLinks(site, root, routes);
    expect(problems.map((p) => p.message)).toEqual([
      'linket "/saerlig-side/ingen/" peger på en side, der ikke findes (/saerlig-side/ingen/)',
    ]);
    expect(existsSync(path.join(root, "_site"))).toBe(false); // rendered in memory: nothing written
  });
});
