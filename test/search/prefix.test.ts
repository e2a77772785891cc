/** Search on a site served from a sub-folder (--path-prefix /udgiv/): the index loads and every link carries the prefix. */
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../src/browser.ts";
import { serveFolder, type StaticServer } from "../../src/serve-static.ts";
import { fixtureContent, runBuild, type BuildRun } from "../helpers.ts";

let build: BuildRun;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  build = await runBuild({
    contentDir: fixtureContent(),
    skip: ["epub", "pdf", "gate"],
    extra: ["--path-prefix", "/udgiv/"],
  });
  if (build.code !== 0) throw new Error(`The fixture did not build:\n${build.stdout}\n${build.stderr}`);
  server = await serveFolder(build.outDir, { pathPrefix: "/udgiv/" });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("search under a path prefix", () => {
  it("finds the chapter and links to it, and to its heading, under the prefix", async () => {
    const page = await browser.newPage();
    const notFound: string[] = [];
    page.on("response", (r) => {
      if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) notFound.push(r.url());
    });
    await page.goto(`${server.url}soeg/?q=%C3%B8konomi`);
    await page.waitForSelector("[data-soeg-tilstand=resultater]", { timeout: 20_000 });
    const links = await page.$$eval(".soeg-resultat a", (as) => as.map((a) => a.getAttribute("href")));
    expect(links).toContain("/udgiv/publikationer/lille-publikation/indledning/");
    expect(links).toContain("/udgiv/publikationer/lille-publikation/indledning/#foerste-afsnit");
    expect(links.every((href) => href!.startsWith("/udgiv/"))).toBe(true);
    await Promise.all([page.waitForNavigation(), page.click(".soeg-resultat h3 a")]);
    expect(new URL(page.url()).pathname).toMatch(/^\/udgiv\/publikationer\/lille-publikation\//);
    expect(notFound).toEqual([]);
    await page.close();
  });
});
