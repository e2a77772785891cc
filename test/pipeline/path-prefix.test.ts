/**
 * A site served from a sub-folder (GitHub Pages project sites): built with --path-prefix /udgiv/,
 * every root-relative URL in pages, stylesheets, feeds, the sitemap and robots.txt carries the
 * prefix, and in Chromium, served under /udgiv/ only, pages, assets, the search index, search
 * results and the export downloads load without a single failed request.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../src/browser.ts";
import { linksInCss, linksInHtml, linksInXml } from "../../src/links/html.ts";
import { serveFolder, type StaticServer } from "../../src/serve-static.ts";
import { fixtureContent, runBuild, type BuildRun } from "../helpers.ts";

const PREFIX = "/udgiv/";
const ORIGIN = "https://test.example.dk"; // baseUrl of the minimal fixture

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/** URLs of the site itself (root-relative, or absolute on its origin) that lack the prefix. */
function unprefixed(values: string[]): string[] {
  return values.filter((v) => {
    if (v.startsWith(ORIGIN)) return !v.startsWith(ORIGIN + PREFIX);
    return v.startsWith("/") && !v.startsWith("//") && !v.startsWith(PREFIX);
  });
}

describe("built with --path-prefix /udgiv/", () => {
  let build: BuildRun;
  let all: string[];

  beforeAll(async () => {
    build = await runBuild({ contentDir: fixtureContent(), skip: ["gate"], extra: ["--path-prefix", PREFIX] });
    all = build.code === 0 ? files(build.outDir) : [];
  });

  it("builds, and the links stage finds every internal link under the prefix", () => {
    expect(build.code, build.stderr).toBe(0);
  });

  it("every site URL in pages, stylesheets, feeds, sitemap and robots.txt starts with the prefix", () => {
    const offenders: string[] = [];
    const read = (f: string) => readFileSync(path.join(build.outDir, f), "utf8");
    for (const f of all.filter((f) => !f.startsWith("pagefind/"))) {
      let values: string[] = [];
      if (f.endsWith(".html")) values = linksInHtml(read(f)).map((l) => l.value);
      else if (/\.(xml|atom)$/.test(f)) values = linksInXml(read(f)).map((l) => l.value);
      else if (f.endsWith(".css")) values = linksInCss(read(f)).map((l) => l.value);
      else if (f === "robots.txt") values = [...read(f).matchAll(/^Sitemap:\s*(\S+)/gim)].map((m) => m[1]);
      for (const v of unprefixed(values)) offenders.push(`${f}: ${v}`);
    }
    expect(offenders).toEqual([]);
    expect(all).toEqual(expect.arrayContaining(["sitemap.xml", "robots.txt"]));
    expect(read("sitemap.xml")).toContain(`${ORIGIN}${PREFIX}publikationer/lille-publikation/`);
  });

  it("the download links point at the exports under the prefix", () => {
    const page = readFileSync(path.join(build.outDir, "publikationer/lille-publikation/index.html"), "utf8");
    const downloads = linksInHtml(page)
      .map((l) => l.value)
      .filter((v) => /\.(epub|pdf)$/.test(v));
    expect(downloads.sort()).toEqual([
      `${PREFIX}publikationer/lille-publikation/lille-publikation.epub`,
      `${PREFIX}publikationer/lille-publikation/lille-publikation.pdf`,
    ]);
  });

  describe("in Chromium, served only under /udgiv/", () => {
    let server: StaticServer;
    let browser: Browser;

    beforeAll(async () => {
      server = await serveFolder(build.outDir, { pathPrefix: PREFIX });
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    /** Loads a page and returns every request that failed or answered 4xx/5xx. */
    async function failedRequests(url: string, waitFor?: string): Promise<string[]> {
      const page = await browser.newPage();
      const failed: string[] = [];
      // Chromium asks for /favicon.ico by itself when a page names no icon; the pages do not request it.
      const ours = (url: string) => new URL(url).pathname !== "/favicon.ico";
      page.on("response", (r) => void (r.status() >= 400 && ours(r.url()) && failed.push(`${r.status()} ${r.url()}`)));
      page.on(
        "requestfailed",
        (r) => void (ours(r.url()) && failed.push(`failed ${r.url()} ${r.failure()?.errorText}`)),
      );
      try {
        await page.goto(url, { waitUntil: "networkidle0" });
        if (waitFor) await page.waitForSelector(waitFor, { timeout: 15_000 });
      } finally {
        await page.close();
      }
      return failed;
    }

    it("pages and their assets load with no failed request", async () => {
      for (const p of [
        "",
        "publikationer/",
        "publikationer/lille-publikation/",
        "publikationer/lille-publikation/indledning/",
        "nyheder/en-nyhed/",
        "om/",
        "huse/styrelsen/",
      ]) {
        expect(await failedRequests(server.url + p), p).toEqual([]);
      }
    });

    it("search loads its index under the prefix, and its results link under the prefix", async () => {
      const page = await browser.newPage();
      const failed: string[] = [];
      page.on("response", (r) => void (r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`)));
      try {
        await page.goto(`${server.url}soeg/?q=indledning`, { waitUntil: "networkidle0" });
        await page.waitForSelector("[data-soeg-resultater] a", { timeout: 20_000 });
        const hrefs = await page.$$eval("[data-soeg-resultater] a", (links) =>
          links.map((a) => a.getAttribute("href") ?? ""),
        );
        expect(hrefs.length).toBeGreaterThan(0);
        expect(hrefs.filter((h) => !h.startsWith(PREFIX))).toEqual([]);
      } finally {
        await page.close();
      }
      expect(failed).toEqual([]);
    });

    it("the exports download from their prefixed URLs", async () => {
      for (const file of ["lille-publikation.epub", "lille-publikation.pdf"]) {
        const response = await fetch(`${server.url}publikationer/lille-publikation/${file}`);
        expect(response.status, file).toBe(200);
        expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      }
    });
  });
});
