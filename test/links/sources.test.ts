/**
 * Who is told about a broken link: the Markdown file (with line) when the link is in the content,
 * else the layout that renders the page — an include when it holds the link literally.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { problemsFor } from "../../src/links/stage.ts";
import type { BrokenInOutput } from "../../src/links/site.ts";
import { SiteSources } from "../../src/links/sources.ts";
import { loadSite } from "../../src/model/index.ts";
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
    const site = await loadSite({ contentDir, imageCacheDir: path.join(testCacheDir(), "images") });
    sources = await SiteSources.create(site, ROOT);
  });

  it("knows every page's layout from the layouts' front matter, paginated ones included", () => {
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
