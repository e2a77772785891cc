/**
 * The search page in Debian's Chromium against the built sample site: queries (inflected Danish,
 * English pages stemmed in English), filters, no hits, the live region, the address bar, the
 * keyboard, axe-core WCAG 2.1 AA in the results state (light and dark), and the page without JavaScript.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../src/browser.ts";
import { serveFolder, type StaticServer } from "../../src/serve-static.ts";
import { sampleSite } from "../helpers.ts";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  server = await serveFolder(sampleSite());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Shown {
  status: string;
  titles: string[];
  links: string[];
  metas: string[];
}

async function openPage(query = "", options: { javaScript?: boolean; scheme?: "light" | "dark" } = {}): Promise<Page> {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(options.javaScript ?? true);
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: options.scheme ?? "light" }]);
  await page.goto(`${server.url}soeg/${query}`, { waitUntil: "load" });
  return page;
}

/** Waits until the live region says something other than `previous`, then reads what is shown. */
async function shown(page: Page, previous = ""): Promise<Shown> {
  await page.waitForFunction(
    (before) => {
      const text = document.querySelector("[role=status]")?.textContent ?? "";
      return text !== "" && text !== before;
    },
    { timeout: 20_000 },
    previous,
  );
  return page.evaluate(() => ({
    status: document.querySelector("[role=status]")!.textContent!,
    titles: [...document.querySelectorAll(".soeg-resultat h3")].map((h) => h.textContent!),
    links: [...document.querySelectorAll(".soeg-resultat h3 a")].map(
      (a) => new URL((a as HTMLAnchorElement).href).pathname,
    ),
    metas: [...document.querySelectorAll(".soeg-resultat__meta")].map((p) => p.textContent!),
  }));
}

async function status(page: Page): Promise<string> {
  return page.$eval("[role=status]", (el) => el.textContent ?? "");
}

describe("search page", () => {
  it("runs the query in the URL on load and finds a chapter by an inflected Danish form", async () => {
    // "tabellernes" (the tables', definite plural genitive) is nowhere in the text; the stem "tabel" is.
    const page = await openPage("?q=tabellernes");
    const result = await shown(page);
    expect(result.titles[0]).toBe("Tabeller");
    expect(result.links[0]).toBe("/publikationer/tilgaengelighed-i-praksis/tabeller/");
    expect(result.metas[0]).toMatch(/^Kapitel i Tilgængelighed i praksis · Styrelsen · 14\. september 2026$/);
    expect(await page.$eval(".soeg-resultat__uddrag", (p) => p.innerHTML)).toMatch(/<mark>Tabeller<\/mark>/);
    // Sub-results: the chapter's headings that hold the word, linking to their anchors.
    const sections = await page.$$eval(".soeg-resultat:first-child .soeg-resultat__afsnit a", (as) =>
      as.map((a) => a.getAttribute("href")),
    );
    expect(sections.length).toBeGreaterThan(0);
    for (const href of sections)
      expect(href).toMatch(/^\/publikationer\/tilgaengelighed-i-praksis\/tabeller\/#[a-z0-9-]+$/);
    await page.close();
  });

  it("announces the number of results in a live region as the user types, and keeps the URL in step", async () => {
    const page = await openPage();
    expect(await status(page)).toBe("");
    await page.waitForSelector("[data-soeg-tilstand=klar]");
    await page.type("#soeg-q", "overskrifter");
    const result = await shown(page);
    const total =
      (await page.$$eval(".soeg-resultat", (li) => li.length)) +
      Number(
        (await page.$eval("[data-soeg-flere]", (b) => ((b as HTMLElement).hidden ? "" : (b.textContent ?? "")))).match(
          /\d+/,
        )?.[0] ?? 0,
      );
    expect(result.status).toBe(`${total} resultater for »overskrifter«.`);
    expect(result.titles).toContain("Overskrifter og struktur");
    expect(new URL(page.url()).search).toBe("?q=overskrifter");
    await page.close();
  });

  it("finds English pages from the Danish search page, stemmed in English", async () => {
    // "measuring" is not in the chapter "How we will measure progress"; the English stem "measur" is.
    const page = await openPage("?q=measuring");
    const result = await shown(page);
    expect(result.titles).toContain("How we will measure progress");
    expect(result.metas.join("\n")).toContain("på engelsk");
    expect(await page.$eval(".soeg-resultat h3", (h) => h.getAttribute("lang"))).toBe("en");
    await page.close();
  });

  it("narrows the results with a filter, says so, and puts the filter in the URL", async () => {
    const page = await openPage("?q=tilgængelighed");
    const before = await shown(page);
    const total = Number(before.status.match(/\d+/)![0]);
    expect(before.metas.some((m) => !m.startsWith("Nyhed"))).toBe(true);
    await page.click("[data-soeg-filtre-boks] summary");
    const fieldsets = await page.$$eval(".soeg__filtergruppe", (fs) =>
      fs.map((f) => f.querySelector("legend")!.textContent),
    );
    expect(fieldsets.slice(0, 5)).toEqual(["Indhold", "Hus", "Emne", "År", "Sprog"]);
    const typeCounts = () =>
      page.$$eval("input[name=type]", (boxes) =>
        boxes.map((b) => `${(b as HTMLInputElement).value} ${(b as HTMLInputElement).labels![0].textContent}`),
      );
    const countsBefore = await typeCounts();
    expect(countsBefore.find((c) => c.startsWith("Nyhed"))).toMatch(/^Nyhed Nyhed \([1-9]\d*\)$/);
    await page.click("input[name=type][value=Nyhed]");
    const after = await shown(page, before.status);
    // Values in a group combine with "or": their counts still say what ticking them would add.
    expect(await typeCounts()).toEqual(countsBefore);
    const narrowed = Number(after.status.match(/\d+/)![0]);
    expect(narrowed).toBeGreaterThan(0);
    expect(narrowed).toBeLessThan(total);
    expect(after.status).toBe(`${narrowed} resultater for »tilgængelighed« med de valgte afgrænsninger.`);
    expect(after.metas.every((m) => m.startsWith("Nyhed"))).toBe(true);
    expect(new URL(page.url()).searchParams.getAll("type")).toEqual(["Nyhed"]);
    // The same URL restores the same search.
    const shared = await browser.newPage();
    await shared.goto(page.url());
    expect((await shown(shared)).status).toBe(after.status);
    expect(await shared.$eval("input[name=type][value=Nyhed]", (b) => (b as HTMLInputElement).checked)).toBe(true);
    await shared.close();
    await page.close();
  });

  it("filters by language across the bundles", async () => {
    const page = await openPage("?q=digital&sprog=Engelsk");
    const result = await shown(page);
    expect(result.titles.length).toBeGreaterThan(0);
    expect(result.metas.every((m) => m.endsWith("på engelsk"))).toBe(true);
    await page.close();
  });

  it("says plainly when a query has no hits", async () => {
    const page = await openPage("?q=xylofonorkester");
    const result = await shown(page);
    expect(result.status).toBe("Ingen resultater for »xylofonorkester«.");
    expect(result.titles).toEqual([]);
    expect(
      await page.$eval(
        "[data-soeg-ingen]",
        (el) => !(el as HTMLElement).hidden && el.querySelector("a[href='/publikationer/']") !== null,
      ),
    ).toBe(true);
    expect(await page.$eval("[data-soeg-resultatboks]", (el) => (el as HTMLElement).hidden)).toBe(true);
    await page.close();
  });

  it("works from the keyboard: search, open the filters, tick one, show more results", async () => {
    const page = await openPage();
    await page.waitForSelector("[data-soeg-tilstand=klar]");
    await page.focus("#soeg-q");
    await page.keyboard.type("tabel");
    await page.keyboard.press("Enter");
    const first = await shown(page);
    expect(first.titles.length).toBe(10);
    const active = () => page.evaluate(() => (document.activeElement as HTMLElement).outerHTML.slice(0, 80));
    await page.keyboard.press("Tab"); // the Søg button
    await page.keyboard.press("Tab"); // the filters' summary
    expect(await active()).toMatch(/^<summary>/);
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect(await active()).toMatch(/type="checkbox"/);
    await page.keyboard.press("Space");
    const filtered = await shown(page, first.status);
    expect(filtered.status).toMatch(/med de valgte afgrænsninger/);
    // Back to the whole result list; then "show more" moves focus to the first new result.
    await page.click("[data-soeg-nulstil]");
    await page.waitForFunction(() => document.querySelectorAll("input[type=checkbox]:checked").length === 0);
    const all = await shown(page, filtered.status);
    expect(Number(all.status.match(/\d+/)![0])).toBeGreaterThan(10);
    await page.focus("[data-soeg-flere]");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelectorAll(".soeg-resultat").length > 10);
    expect(
      await page.evaluate(() => document.activeElement === document.querySelectorAll(".soeg-resultat h3 a")[10]),
    ).toBe(true);
    await page.close();
  });

  it("passes axe-core WCAG 2.1 AA with results and filters shown, in light and dark", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const page = await browser.newPage();
      await page.setBypassCSP(true); // the page's CSP forbids the injected axe-core
      await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
      await page.goto(`${server.url}soeg/?q=strategi&type=Kapitel`);
      await shown(page);
      expect(await page.$eval("[data-soeg-filtre-boks]", (d) => (d as HTMLDetailsElement).open)).toBe(true); // a filter is chosen
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        // @ts-expect-error axe is injected above
        const result = await window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] });
        return result.violations.map(
          (v: { id: string; nodes: { target: string[] }[] }) =>
            `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
        );
      });
      expect(violations, scheme).toEqual([]);
      await page.close();
    }
  });

  it("says that search needs JavaScript, and links to all publications, when JavaScript is off", async () => {
    const page = await openPage("?q=strategi", { javaScript: false });
    const message = await page.$eval("[data-soeg-nojs]", (el) => ({
      visible: (el as HTMLElement).offsetParent !== null,
      text: el.textContent!,
      links: [...el.querySelectorAll("a")].map((a) => a.getAttribute("href")),
    }));
    expect(message.visible).toBe(true);
    expect(message.text).toContain("Søgningen kræver JavaScript");
    expect(message.links).toContain("/publikationer/");
    expect(await page.$eval("[data-soeg-form]", (el) => (el as HTMLElement).offsetParent === null)).toBe(true);
    await page.close();
  });
});
