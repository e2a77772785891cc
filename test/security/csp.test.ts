/**
 * The published site holds to a strict Content-Security-Policy: no page has inline scripts, styles or
 * event handlers; the policy is sent as a `_headers` file and as a `<meta>` in every page; and
 * Chromium, loading pages with both, reports no violation (while it does block an injected inline
 * script, which shows the check can fail).
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import * as cheerio from "cheerio";
import * as pagefind from "pagefind";
import type { Browser, Page } from "puppeteer-core";
import sirv from "sirv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../src/browser.ts";
import { sampleSite } from "../helpers.ts";

const EXPECTED_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

/** Print documents are input for the PDF printer, which removes them; only a build that skipped it keeps them. */
const pdfSkipped = (process.env.UDGIV_SAMPLE_SKIP ?? "").split(",").includes("pdf");

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".html"))
    .filter((f) => !(pdfSkipped && /\/print\/index\.html$/.test(f)))
    .sort();
}

/** `_headers` (Netlify / Cloudflare Pages format): path lines followed by indented `Name: value` lines. */
function parseHeadersFile(text: string): Map<string, Record<string, string>> {
  const rules = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      current = {};
      rules.set(line.trim(), current);
    } else if (current) {
      const at = line.indexOf(":");
      current[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
  }
  return rules;
}

const headers = () => parseHeadersFile(readFileSync(path.join(sampleSite(), "_headers"), "utf8")).get("/*")!;

describe("no inline code in the built site", () => {
  it("has no inline script, <style>, style= or on…= attribute, or javascript: URL in any page", () => {
    const site = sampleSite();
    const found: string[] = [];
    const files = htmlFiles(site);
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) {
      const $ = cheerio.load(readFileSync(path.join(site, file), "utf8"));
      $("script:not([src])").each((_, el) => {
        const type = $(el).attr("type") ?? "";
        if ($(el).text().trim() && type !== "application/ld+json") found.push(`${file}: inline <script>`);
      });
      $("style").each(() => void found.push(`${file}: <style>`));
      $("*").each((_, el) => {
        for (const [name, value] of Object.entries((el as unknown as { attribs: Record<string, string> }).attribs)) {
          if (name === "style") found.push(`${file}: style= on <${(el as unknown as { name: string }).name}>`);
          if (name.startsWith("on")) found.push(`${file}: ${name}=`);
          if (/^\s*javascript:/i.test(value)) found.push(`${file}: javascript: in ${name}=`);
        }
      });
    }
    expect(found).toEqual([]);
  });
});

describe("the policy", () => {
  it("is in _headers for every path, with nosniff and a referrer policy", () => {
    const rule = headers();
    expect(rule, "a /* rule").toBeDefined();
    const csp = rule["Content-Security-Policy"].split(";").map((d) => d.trim());
    for (const directive of EXPECTED_DIRECTIVES) expect(csp).toContain(directive);
    expect(csp.join(" ")).not.toMatch(/unsafe-inline|'unsafe-eval'|\*/);
    expect(rule["X-Content-Type-Options"]).toBe("nosniff");
    expect(rule["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("is in a <meta http-equiv> at the top of every page's head, without frame-ancestors", () => {
    const site = sampleSite();
    const policy = headers()["Content-Security-Policy"];
    const expected = policy
      .split(";")
      .map((d) => d.trim())
      .filter((d) => !d.startsWith("frame-ancestors"))
      .join("; ");
    const pages = htmlFiles(site).filter((f) => !f.startsWith("was/"));
    for (const file of pages) {
      const $ = cheerio.load(readFileSync(path.join(site, file), "utf8"));
      const meta = $('head meta[http-equiv="Content-Security-Policy"]');
      expect(meta.length, file).toBe(1);
      expect(meta.attr("content"), file).toBe(expected);
      // before anything it governs: only <meta charset> may come first
      expect($("head").children().first().is("meta[charset]"), file).toBe(true);
      expect($("head").children().eq(1).is(meta), file).toBe(true);
    }
  });
});

describe("in Chromium, with the policy as header and meta", () => {
  let browser: Browser;
  let server: http.Server;
  let origin: string;
  let site: string;

  beforeAll(async () => {
    // A copy of the sample site with probe pages that run Pagefind's own script API and default UI
    // under the policy, over an index of their own (whatever the search stage builds).
    site = path.join(mkdtempSync(path.join(os.tmpdir(), "udgiv-csp-")), "_site");
    cpSync(sampleSite(), site, { recursive: true });
    const { index } = await pagefind.createIndex({});
    await index!.addDirectory({ path: site });
    await index!.writeFiles({ outputPath: path.join(site, "csp-probe/pagefind") });
    await pagefind.close();
    writeProbes(site);
    const rule = headers();
    // Serve the site as a host reading _headers would.
    const files = sirv(site, {
      dev: true,
      etag: false,
      extensions: ["html"],
      setHeaders: (res) => {
        for (const [name, value] of Object.entries(rule)) res.setHeader(name, value);
      },
    });
    server = http.createServer((req, res) =>
      files(req, res, () => {
        res.statusCode = 404;
        res.end();
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    if (site) rmSync(path.dirname(site), { recursive: true, force: true });
  });

  /** Opens a page and collects every CSP violation it reports (DOM events and console messages). */
  async function visit(
    url: string,
    then?: (page: Page) => Promise<void>,
    before?: (page: Page) => void,
  ): Promise<{ violations: string[]; page: Page }> {
    const page = await browser.newPage();
    before?.(page);
    const violations: string[] = [];
    await page.exposeFunction("reportCspViolation", (v: string) => void violations.push(v));
    await page.evaluateOnNewDocument(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        (window as unknown as { reportCspViolation(v: string): void }).reportCspViolation(
          `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
        );
      });
    });
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => void violations.push(`error: ${(error as Error).message}`));
    const response = await page.goto(origin + url, { waitUntil: "networkidle0" });
    expect(response?.headers()["content-security-policy"], "the header is sent").toContain("default-src 'self'");
    if (then) await then(page);
    await new Promise((resolve) => setTimeout(resolve, 100)); // let queued violation events arrive
    return { violations: violations.map((v) => `${url}: ${v}`), page };
  }

  it("reports no violation on the page types of the site, and the stylesheet applies", async () => {
    const urls = [
      "/",
      "/publikationer/",
      "/publikationer/tilgaengelighed-i-praksis/",
      "/publikationer/tilgaengelighed-i-praksis/tabeller/",
      "/publikationer/velfaerdsstatistik-2026/hovedtal/",
      "/nyheder/opdateret-vejledning-om-tilgaengelighed/",
      "/huse/styrelsen/",
      "/emner/tilgaengelighed/",
      "/om/",
      "/404.html",
    ];
    const found: string[] = [];
    for (const url of urls) {
      const { violations, page } = await visit(url);
      found.push(...violations);
      const styled = await page.evaluate(() => getComputedStyle(document.querySelector(".skip-link")!).position);
      expect(styled, `${url}: style.css is applied`).not.toBe("static");
      await page.close();
    }
    expect(found).toEqual([]);
  });

  it("runs the site's search page, Pagefind's WebAssembly included, without a violation", async () => {
    const wasm: string[] = [];
    const { violations, page } = await visit(
      "/soeg/?q=tilg%C3%A6ngelighed",
      async (p) => {
        await new Promise((resolve) => setTimeout(resolve, 1000)); // the search loads its index and wasm lazily
        await p.waitForNetworkIdle({ idleTime: 300, timeout: 10_000 }).catch(() => undefined);
      },
      (p) =>
        p.on(
          "requestfinished",
          (request) => void (/\/pagefind\/.*wasm/.test(request.url()) && wasm.push(request.url())),
        ),
    );
    await page.close();
    expect(violations).toEqual([]);
    expect(wasm.length, "the search page ran a search for ?q=").toBeGreaterThan(0);
  });

  it("lets Pagefind compile its WebAssembly and search ('wasm-unsafe-eval', worker from 'self')", async () => {
    const { violations, page } = await visit("/csp-probe/api.html", async (p) => {
      await p.waitForFunction(() => document.getElementById("out")?.dataset.done === "1", { timeout: 20_000 });
    });
    const out = await page.$eval("#out", (el) => el.textContent ?? "");
    await page.close();
    expect(violations).toEqual([]);
    expect(Number(out.split(" ")[0]), out).toBeGreaterThan(0);
    expect(out).toMatch(/\/publikationer\/|\/nyheder\//);
  });

  it("lets Pagefind's default UI show results", async () => {
    const { violations, page } = await visit("/csp-probe/ui.html", async (p) => {
      await p.type("#search input", "tilgængelighed");
      await p.waitForSelector(".pagefind-ui__result", { timeout: 20_000 });
    });
    await page.close();
    expect(violations).toEqual([]);
  });

  it("blocks an injected inline script and reports it (the check can fail)", async () => {
    const { violations, page } = await visit("/", async (p) => {
      await p.evaluate(() => {
        const script = document.createElement("script");
        script.textContent = "window.injected = true";
        document.body.append(script);
        document.body.setAttribute("style", "color: red");
      });
    });
    const ran = await page.evaluate(() => (window as unknown as { injected?: boolean }).injected === true);
    await page.close();
    expect(ran).toBe(false);
    expect(
      violations.some((v) => /script-src/.test(v)),
      violations.join("\n"),
    ).toBe(true);
    expect(
      violations.some((v) => /style-src/.test(v)),
      violations.join("\n"),
    ).toBe(true);
  });
});

/** Probe pages with the site's policy in a meta, running Pagefind from files only (no inline code). */
function writeProbes(site: string): void {
  const policy = cheerio
    .load(readFileSync(path.join(site, "index.html"), "utf8"))('meta[http-equiv="Content-Security-Policy"]')
    .attr("content")!;
  const page = (body: string) =>
    `<!doctype html><html lang="da"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${policy}">` +
    `<title>CSP-prøve</title><link rel="stylesheet" href="/csp-probe/pagefind/pagefind-ui.css"></head><body>${body}</body></html>`;
  const dir = path.join(site, "csp-probe");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, "api.html"),
    page('<p id="out">venter</p><script type="module" src="/csp-probe/api.js"></script>'),
  );
  writeFileSync(
    path.join(dir, "api.js"),
    [
      'const pagefind = await import("/csp-probe/pagefind/pagefind.js");',
      "await pagefind.init();",
      'const search = await pagefind.search("tilgængelighed");',
      "const first = search.results[0] ? await search.results[0].data() : undefined;",
      'const out = document.getElementById("out");',
      'out.textContent = `${search.results.length} ${first?.url ?? ""}`;',
      'out.dataset.done = "1";',
    ].join("\n"),
  );
  writeFileSync(
    path.join(dir, "ui.html"),
    page(
      '<div id="search"></div><script src="/csp-probe/pagefind/pagefind-ui.js"></script><script src="/csp-probe/ui.js"></script>',
    ),
  );
  writeFileSync(
    path.join(dir, "ui.js"),
    'window.addEventListener("DOMContentLoaded", () => new PagefindUI({ element: "#search" }));\n',
  );
}
