/**
 * A language split into several Pagefind bundles (src/search/index.ts, MAX_BUNDLE_PAGES): the sample
 * site re-indexed with a small limit holds every page once, and its search page finds exactly what
 * the one-bundle index finds, loading nothing that is not there.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../src/browser.ts";
import { indexablePages, splitBundle, writeSearchIndex, type IndexedPage } from "../../src/search/index.ts";
import { listOutputFiles } from "../../src/urls/index.ts";
import { serveFolder, type StaticServer } from "../../src/serve-static.ts";
import { sampleSite } from "../helpers.ts";

const MAX = 10;
let splitDir: string;
let pages: IndexedPage[];
let browser: Browser;
let whole: StaticServer;
let split: StaticServer;

function fragmentUrls(bundle: string): string[] {
  const dir = path.join(bundle, "fragment");
  return readdirSync(dir).map(
    (name) =>
      JSON.parse(
        gunzipSync(readFileSync(path.join(dir, name)))
          .subarray(12)
          .toString("utf8"),
      ).url,
  );
}

beforeAll(async () => {
  splitDir = path.join(mkdtempSync(path.join(os.tmpdir(), "udgiv-split-")), "_site");
  cpSync(sampleSite(), splitDir, { recursive: true });
  const files = await listOutputFiles(splitDir);
  pages = indexablePages(files.map((file) => ({ file, content: readFileSync(path.join(splitDir, file), "utf8") })));
  await writeSearchIndex(splitDir, pages, MAX);
  [whole, split] = await Promise.all([serveFolder(sampleSite()), serveFolder(splitDir)]);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([whole?.close(), split?.close()]);
});

describe("bundles split by size", () => {
  it("deals a language's pages out in turn into parts of at most the limit", () => {
    const five = ["a", "b", "c", "d", "e"].map((name) => ({ url: `/${name}/`, content: name, lang: "da" }));
    expect(splitBundle("da", five, 5)).toEqual([{ dir: "da", lang: "da", pages: five }]);
    const parts = splitBundle("da", five, 2);
    expect(parts.map((p) => [p.dir, p.pages.map((page) => page.content).join("")])).toEqual([
      ["da-1", "ad"],
      ["da-2", "be"],
      ["da-3", "c"],
    ]);
  });

  it("lists the bundles for the search page and holds every page exactly once", () => {
    const { bundles } = JSON.parse(readFileSync(path.join(splitDir, "pagefind", "bundles.json"), "utf8")) as {
      bundles: { dir: string; lang: string }[];
    };
    const daPages = pages.filter((p) => p.lang === "da").length;
    expect(bundles.filter((b) => b.lang === "da").map((b) => b.dir)).toEqual(
      Array.from({ length: Math.ceil(daPages / MAX) }, (_, i) => `da-${i + 1}`),
    );
    const urls = bundles.flatMap((b) => fragmentUrls(path.join(splitDir, "pagefind", b.dir)));
    expect(urls.sort()).toEqual(pages.map((p) => p.url).sort());
    for (const { dir } of bundles)
      expect(fragmentUrls(path.join(splitDir, "pagefind", dir)).length).toBeLessThanOrEqual(MAX);
  });

  it("finds the same pages and filter counts as one bundle, without a failed request", async () => {
    const failed: string[] = [];
    const search = async (server: StaticServer, query: string) => {
      const page = await browser.newPage();
      // The browser asks for /favicon.ico of its own accord; the site has none, split or not.
      page.on(
        "response",
        (r) => r.status() >= 400 && !r.url().endsWith("/favicon.ico") && failed.push(`${r.status()} ${r.url()}`),
      );
      page.on("requestfailed", (r) => failed.push(`failed ${r.url()}`));
      page.on("pageerror", (e) => failed.push(`error ${e}`));
      await page.goto(`${server.url}soeg/${query}`, { waitUntil: "load" });
      await page.waitForSelector(
        "[data-soeg-tilstand=resultater], [data-soeg-tilstand=ingen], [data-soeg-tilstand=fejl]",
        { timeout: 20_000 },
      );
      // Every result, not only the first page of them.
      while (await page.$eval("[data-soeg-flere]", (b) => !(b as HTMLButtonElement).hidden)) {
        const count = await page.$$eval(".soeg-resultat", (items) => items.length);
        await page.click("[data-soeg-flere]");
        await page.waitForFunction((n) => document.querySelectorAll(".soeg-resultat").length > n, {}, count);
      }
      const seen = await page.evaluate(() => ({
        status: document.querySelector("[role=status]")!.textContent,
        links: [...document.querySelectorAll(".soeg-resultat h3 a")]
          .map((a) => new URL((a as HTMLAnchorElement).href).pathname)
          .sort(),
        counts: [...document.querySelectorAll("[data-soeg-filtre] input")].map(
          (b) => `${(b as HTMLInputElement).value} ${(b as HTMLInputElement).labels![0].textContent}`,
        ),
      }));
      await page.close();
      return seen;
    };
    for (const query of ["?q=tabellernes", "?q=tilgængelighed", "?q=measuring", "?q=digital&sprog=Engelsk"]) {
      const one = await search(whole, query);
      expect(one.links.length).toBeGreaterThan(0);
      expect(await search(split, query)).toEqual(one);
    }
    expect(failed).toEqual([]);
  });
});
