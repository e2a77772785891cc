/** Every page of the sample site passes axe-core's WCAG 2.1 AA rules in Debian's Chromium, light and dark. */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../src/browser.ts";
import { serveFolder, type StaticServer } from "../../src/serve-static.ts";
import { sampleSite } from "../helpers.ts";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
let browser: Browser;
let server: StaticServer;
let pages: string[];

beforeAll(async () => {
  const site = sampleSite();
  pages = readdirSync(site, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".html") && !f.startsWith("was/"))
    .map((f) => f.replace(/index\.html$/, ""));
  server = await serveFolder(site);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function violations(url: string, scheme: "light" | "dark", width = 1280): Promise<string[]> {
  const page = await browser.newPage();
  try {
    // The pages' Content-Security-Policy forbids inline scripts, and so the injected axe-core.
    await page.setBypassCSP(true);
    await page.setViewport({ width, height: 900 });
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
    await page.goto(server.url + url, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => {
      // @ts-expect-error axe is injected above
      const r = await window.axe.run(document, {
        runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
      });
      return r.violations.map(
        (v: { id: string; nodes: { target: string[] }[] }) =>
          `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
      );
    });
    return result.map((v: string) => `${url} (${scheme}, ${width}px) ${v}`);
  } finally {
    await page.close();
  }
}

describe("axe-core WCAG 2.1 AA", () => {
  it("finds no violation on any page in the light scheme", async () => {
    const found: string[] = [];
    for (const url of pages) found.push(...(await violations(url, "light")));
    expect(found).toEqual([]);
  });

  it("finds no violation in the dark scheme and on a 320 px wide phone", async () => {
    const sample = [
      "",
      "publikationer/tilgaengelighed-i-praksis/",
      "publikationer/tilgaengelighed-i-praksis/tabeller/",
      "nyheder/",
      "publikationer/digital-by-default/",
    ];
    const found: string[] = [];
    for (const url of sample) found.push(...(await violations(url, "dark")), ...(await violations(url, "light", 320)));
    expect(found).toEqual([]);
  });

  it("reflows at 320 CSS px (400 % zoom) without horizontal scrolling of the page", async () => {
    for (const url of [
      "",
      "publikationer/tilgaengelighed-i-praksis/tabeller/",
      "publikationer/velfaerdsstatistik-2026/hovedtal/",
    ]) {
      const page = await browser.newPage();
      await page.setViewport({ width: 320, height: 640 });
      await page.goto(server.url + url, { waitUntil: "load" });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, url).toBeLessThanOrEqual(0);
      await page.close();
    }
  });

  it("shows a visible focus indicator and lets the skip link move focus to main", async () => {
    const page = await browser.newPage();
    await page.goto(server.url + "publikationer/tilgaengelighed-i-praksis/", { waitUntil: "load" });
    await page.keyboard.press("Tab");
    const skip = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { text: el.textContent, outline: style.outlineStyle, top: el.getBoundingClientRect().top };
    });
    expect(skip.text).toBe("Gå til indhold");
    expect(skip.outline).toBe("solid");
    expect(skip.top).toBeGreaterThanOrEqual(0);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("indhold");
    await page.close();
  });
});
