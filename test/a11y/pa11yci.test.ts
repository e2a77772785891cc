/**
 * The gate writes reports/a11y/.pa11yci.json: pa11y-ci's configuration with the gate's own
 * settings and every audited page at its public address. The file works: pa11y-ci (the declared
 * package, run as `npx pa11y-ci --config …` would run it) audits pages of the built site with it.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/a11y/audit.ts";
import type { Pa11yCiConfig } from "../../src/a11y/pa11yci.ts";
import { chromiumPath } from "../../src/browser.ts";
import { serveFolder } from "../../src/serve-static.ts";
import { fixtureContent, ROOT, runBuild, type BuildRun } from "../helpers.ts";

const run = promisify(execFile);
const ORIGIN = "https://test.example.dk"; // the fixture's baseUrl

let build: BuildRun;
let config: Pa11yCiConfig;
let reportUrls: string[];

beforeAll(async () => {
  build = await runBuild({
    contentDir: fixtureContent(),
    cacheDir: mkdtempSync(path.join(os.tmpdir(), "udgiv-pa11yci-")),
    skip: ["pdf", "epub"],
  });
  const reports = path.join(path.dirname(build.outDir), "reports", "a11y");
  config = JSON.parse(readFileSync(path.join(reports, ".pa11yci.json"), "utf8")) as Pa11yCiConfig;
  reportUrls = (
    JSON.parse(readFileSync(path.join(reports, "report.json"), "utf8")) as { pages: { url: string }[] }
  ).pages.map((p) => p.url);
});

const urlOf = (entry: Pa11yCiConfig["urls"][number]) => (typeof entry === "string" ? entry : entry.url);

describe(".pa11yci.json", () => {
  it("has the gate's standard, runners, viewport and timeout, one page at a time, in Debian's Chromium", () => {
    expect(build.code, build.stdout + build.stderr).toBe(0);
    expect(config.defaults).toEqual({
      standard: "WCAG2AA",
      runners: ["axe", "htmlcs"],
      viewport: DEFAULT_CONFIG.viewport,
      timeout: DEFAULT_CONFIG.timeoutMs,
      levelCapWhenNeedsReview: "warning",
      concurrency: 1,
      chromeLaunchConfig: { executablePath: chromiumPath(), args: expect.arrayContaining(["--no-sandbox"]) },
    });
  });

  it("lists every page the gate audited, at its public address; the search page waits for its results", () => {
    expect(config.urls.map(urlOf).sort()).toEqual(reportUrls.map((url) => ORIGIN + url).sort());
    const search = config.urls.find((entry) => urlOf(entry).startsWith(`${ORIGIN}/soeg/?q=`));
    expect(search).toMatchObject({ actions: [expect.stringMatching(/^wait for element .+ to be visible$/)] });
  });

  it("runs with pa11y-ci against a served copy of the site and finds no errors", async () => {
    const server = await serveFolder(build.outDir);
    try {
      const local = (url: string) => new URL(url.slice(ORIGIN.length + 1), server.url).href;
      const chosen = config.urls.filter(
        (entry) => ["/", "/om/"].includes(urlOf(entry).slice(ORIGIN.length)) || urlOf(entry).includes("/soeg/?q="),
      );
      expect(chosen).toHaveLength(3);
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), "udgiv-pa11yci-")), ".pa11yci.json");
      writeFileSync(
        file,
        JSON.stringify({
          ...config,
          urls: chosen.map((e) => (typeof e === "string" ? local(e) : { ...e, url: local(e.url) })),
        }),
      );
      const { stdout } = await run(path.join(ROOT, "node_modules/.bin/pa11y-ci"), ["--config", file, "--json"], {
        cwd: ROOT,
        maxBuffer: 16 * 1024 * 1024,
      });
      const result = JSON.parse(stdout) as { total: number; passes: number; errors: number };
      expect(result).toMatchObject({ total: 3, passes: 3, errors: 0 });
    } finally {
      await server.close();
    }
  });
});
