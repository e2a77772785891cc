/**
 * The sample site passes the gate (the global setup builds it with every stage): every page has
 * an audit result, the search page was audited with results shown, and the draft statement and
 * the reports were written.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { SEARCH_PAGE_FILE, withSearchState, type AuditPage } from "../../src/a11y/pages.ts";
import type { BuildContext } from "../../src/pipeline/index.ts";
import { getSite } from "../../src/model/index.ts";
import { readOutput, ROOT, sampleSite, testCacheDir } from "../helpers.ts";

const gateRan = !(process.env.UDGIV_SAMPLE_SKIP ?? "").split(",").includes("gate");

describe.runIf(gateRan)("the sample site and the gate", () => {
  const site = sampleSite();
  const report = () =>
    JSON.parse(readFileSync(path.join(path.dirname(site), "reports", "a11y", "report.json"), "utf8")) as {
      passed: boolean;
      pages: { url: string; source: string; failure?: string; errors: unknown[]; warnings: { code: string }[] }[];
    };

  it("passes, and says so in the build log", () => {
    expect(report().passed).toBe(true);
    expect(inject("sampleBuildLog")).toMatch(/Tilgængelighed: \d+ sider kontrolleret .*0 fejl/);
  });

  it("has an audit result for every page of the site", () => {
    const pages = readdirSync(site, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".html"))
      .map((f) => "/" + f.replace(/index\.html$/, ""));
    const audited = report().pages.map((p) => p.url.split("?")[0]);
    expect(audited.sort()).toEqual(pages.sort());
    expect(report().pages.filter((p) => p.failure)).toEqual([]);
  });

  it("audited the search page with a query, its results shown", () => {
    const search = report().pages.find((p) => p.url.startsWith("/soeg/"))!;
    expect(search.url).toMatch(/^\/soeg\/\?q=./);
    expect(search.warnings.filter((w) => w.code === "udgiv-ikke-klar")).toEqual([]);
    expect(search.source).toBe("layouts/soeg.njk");
  });

  it("re-audits the search page when Pagefind's code changes, not when the index's data does", async () => {
    const ctx = {
      outDir: site,
      site: await getSite({
        contentDir: path.join(ROOT, "content"),
        imageCacheDir: path.join(testCacheDir(), "images"),
      }),
      options: { skip: new Set() },
    } as unknown as BuildContext;
    const page: AuditPage = {
      file: SEARCH_PAGE_FILE,
      url: "/soeg/",
      source: "layouts/soeg.njk",
      isContent: false,
      ignored: [],
      dependsOn: [],
    };
    const search = await withSearchState(ctx, page);
    expect(search.dependsOn).toContain("pagefind/bundles.json");
    for (const lang of ["da", "en"]) {
      expect(search.dependsOn).toContain(`pagefind/${lang}/pagefind.js`);
      expect(search.dependsOn).toContain(`pagefind/${lang}/wasm.${lang}.pagefind`);
    }
    expect(search.dependsOn.filter((f) => /\.pf_|pagefind-entry/.test(f))).toEqual([]);
  });

  it("maps every content page to its Markdown file", () => {
    const chapter = report().pages.find((p) => p.url === "/publikationer/tilgaengelighed-i-praksis/tabeller/")!;
    expect(chapter.source).toBe("content/publikationer/tilgaengelighed-i-praksis/04-tabeller.md");
  });

  it("publishes the draft accessibility statement, and the footer and /was lead to the WAS statement", () => {
    const statement = readOutput(site, "/tilgaengelighedserklaering/");
    expect(statement).toContain("<h2>Håndhævelsesprocedure</h2>");
    expect(statement).toContain("axe-core");
    const home = readOutput(site, "/");
    expect(home).toMatch(/<a href="https:\/\/www\.was\.digst\.dk\/udgiv-example-dk">Tilgængelighedserklæring<\/a>/);
    expect(readOutput(site, "/was/")).toContain('url=https://www.was.digst.dk/udgiv-example-dk"');
  });
});
