/**
 * Runs pa11y (axe-core and HTML_CodeSniffer, WCAG 2.1 AA) on pages served over loopback HTTP,
 * in one Chromium from src/browser.ts, a bounded number of pages at a time.
 *
 * pa11y's Node API is used directly rather than pa11y-ci's queue: each audit gets its own tab,
 * options object and result (pa11y-ci shares one config object between concurrent runs, the cause
 * of the "Protocol error (Target.closeTarget)" failures measured here, and keys results by the URL
 * the page ends on); a page that fails to load or to run is an explicit failure, never a pass;
 * and the tab can be prepared first (requests leaving the machine blocked, readiness waited for)
 * and audited a second time in the dark colour scheme.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "puppeteer-core";
import { SharedBrowser } from "../browser.ts";
import type { AuditPage } from "./pages.ts";
import { criterionOf } from "./wcag.ts";

const require = createRequire(import.meta.url);
type Pa11y = (url: string, options: Record<string, unknown>) => Promise<Pa11yResult>;
/** Loaded on first use: a build with every page's audit cached never needs it. */
const pa11y: Pa11y = (url, options) => (require("pa11y") as Pa11y)(url, options);

export interface AuditConfig {
  standard: "WCAG2AA";
  runners: string[];
  viewport: { width: number; height: number };
  /** Also check colour contrast with `prefers-color-scheme: dark` (the site has a dark theme). */
  darkScheme: boolean;
  /** axe's "needs review" results are not definite failures: reported at most as warnings. */
  levelCapWhenNeedsReview: "warning";
  timeoutMs: number;
  concurrency: number;
}

export const DEFAULT_CONFIG: AuditConfig = {
  standard: "WCAG2AA",
  runners: ["axe", "htmlcs"],
  viewport: { width: 1280, height: 1024 },
  darkScheme: true,
  levelCapWhenNeedsReview: "warning",
  timeoutMs: 30_000,
  concurrency: 2, // two cores: two tabs keep both busy without starving the server and Node
};

export interface Issue {
  type: "error" | "warning" | "notice";
  runner: string; // axe | htmlcs
  code: string;
  criterion?: string; // WCAG success criterion, e.g. 1.4.3
  message: string;
  selector: string;
  context: string; // a snippet of the element's HTML
  scheme?: "dark";
}

export interface PageAudit {
  url: string;
  title: string;
  issues: Issue[];
  ms: number;
}

export type AuditOutcome = { ok: true; audit: PageAudit } | { ok: false; error: string };

interface Pa11yIssue {
  code: string;
  type: string;
  message: string;
  context: string | null;
  selector: string;
  runner: string;
}

interface Pa11yResult {
  documentTitle: string;
  pageUrl: string;
  issues: Pa11yIssue[];
}

/**
 * Audits pages against `baseUrl` (the loopback server, path prefix included) in one Chromium:
 * the build's (which the build closes), or one of its own, launched on first use and kept for
 * later batches until close().
 */
export class Auditor {
  private readonly browsers: SharedBrowser;
  private readonly ownBrowser: boolean;

  constructor(
    readonly baseUrl: string,
    readonly config: AuditConfig,
    shared?: SharedBrowser,
  ) {
    this.browsers = shared ?? new SharedBrowser();
    this.ownBrowser = !shared;
  }

  /** Calls `onResult` as each page finishes, so results can be cached as they come. */
  async run(pages: AuditPage[], onResult: (page: AuditPage, outcome: AuditOutcome) => Promise<void>): Promise<void> {
    const queue = [...pages];
    const worker = async () => {
      for (let page = queue.shift(); page; page = queue.shift()) {
        const url = new URL(page.url.replace(/^\//, ""), this.baseUrl).href;
        let outcome = await this.auditWithBrowser(url, page);
        if (!outcome.ok) outcome = await this.auditWithBrowser(url, page); // one retry: a crashed tab is not a verdict
        await onResult(page, outcome);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.config.concurrency, pages.length) }, worker));
  }

  private async auditWithBrowser(url: string, page: AuditPage): Promise<AuditOutcome> {
    let browser: Browser;
    try {
      browser = await this.browsers.get();
    } catch (error) {
      return { ok: false, error: `Chromium kunne ikke starte: ${(error as Error).message.split("\n")[0]}` };
    }
    return auditOne(browser, url, page, this.config);
  }

  async close(): Promise<void> {
    if (this.ownBrowser) await this.browsers.close();
  }
}

async function auditOne(browser: Browser, url: string, target: AuditPage, config: AuditConfig): Promise<AuditOutcome> {
  const start = performance.now();
  let tab: Page | undefined;
  try {
    tab = await browser.newPage();
    await tab.setViewport(config.viewport);
    await stayOnMachine(tab, new URL(url).host);
    const response = await tab.goto(url, { waitUntil: "load", timeout: config.timeoutMs });
    if (!response?.ok()) return { ok: false, error: `siden svarede ${response?.status() ?? "ikke"}` };
    const extra: Issue[] = [];
    if (target.readyWhen) extra.push(...(await waitUntilReady(tab, target.readyWhen)));
    const result = await pa11y(url, {
      browser,
      page: tab,
      ignoreUrl: true,
      runners: config.runners,
      standard: config.standard,
      includeWarnings: true,
      includeNotices: true,
      levelCapWhenNeedsReview: config.levelCapWhenNeedsReview,
      timeout: config.timeoutMs,
    });
    if (!tab.url().startsWith(new URL(url).origin))
      return { ok: false, error: `siden skiftede til ${tab.url()} under kontrollen` };
    const issues = await hiddenAsWarnings(tab, result.issues.map(toIssue));
    if (config.darkScheme) issues.push(...(await darkSchemeContrast(tab)));
    return {
      ok: true,
      audit: {
        url: target.url,
        title: result.documentTitle,
        issues: [...extra, ...issues],
        ms: Math.round(performance.now() - start),
      },
    };
  } catch (error) {
    return { ok: false, error: (error as Error).message.split("\n")[0] };
  } finally {
    await tab?.close().catch(() => {});
  }
}

/**
 * The audit must not depend on the network: Chromium resolves no host but the loopback server
 * (OFFLINE_ARGS). A navigation away from the site (the /was redirect) is answered 204 No Content,
 * so the page being audited stays put. Only documents are intercepted: intercepting every request
 * stalls the search page's Pagefind worker.
 */
async function stayOnMachine(tab: Page, host: string): Promise<void> {
  const client = await tab.createCDPSession();
  client.on("Fetch.requestPaused", (event: { requestId: string; request: { url: string } }) => {
    const local = new URL(event.request.url).host === host;
    const reply = local
      ? client.send("Fetch.continueRequest", { requestId: event.requestId })
      : client.send("Fetch.fulfillRequest", { requestId: event.requestId, responseCode: 204, body: "" });
    reply.catch(() => {}); // the tab may be closing
  });
  await client.send("Fetch.enable", {
    patterns: [{ urlPattern: "*", resourceType: "Document", requestStage: "Request" }],
  });
}

/** Waits for the page's run-time content (search results); reports, rather than hides, when it never shows. */
async function waitUntilReady(tab: Page, selector: string): Promise<Issue[]> {
  try {
    await tab.waitForSelector(selector, { timeout: 10_000 });
    await tab.waitForNetworkIdle({ idleTime: 200, timeout: 5_000 }).catch(() => {});
    return [];
  } catch {
    return [
      {
        type: "warning",
        runner: "udgiv",
        code: "udgiv-ikke-klar",
        message: `The page's results (${selector}) did not appear within 10 s; it was audited without them`,
        selector,
        context: "",
      },
    ];
  }
}

/**
 * HTML_CodeSniffer also checks elements no one is shown (hidden, display: none), such as a search
 * page's empty "more results" button before there are more results. Such an element is not in the
 * accessibility tree, so its "error" is reported as a warning; axe already leaves hidden elements out.
 */
async function hiddenAsWarnings(tab: Page, issues: Issue[]): Promise<Issue[]> {
  const suspects = issues.filter((i) => i.runner === "htmlcs" && i.type === "error" && i.selector);
  if (suspects.length === 0) return issues;
  const hidden = await tab.evaluate(
    (selectors: string[]) =>
      selectors.map((selector) => {
        const element = document.querySelector(selector);
        return element !== null && !element.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions);
      }),
    suspects.map((i) => i.selector),
  );
  const hiddenSet = new Set(suspects.filter((_, n) => hidden[n]));
  return issues.map((i) =>
    hiddenSet.has(i)
      ? { ...i, type: "warning" as const, message: `(Hidden element, not shown to anyone) ${i.message}` }
      : i,
  );
}

function toIssue(issue: Pa11yIssue): Issue {
  return {
    type: issue.type === "error" || issue.type === "warning" ? issue.type : "notice",
    runner: issue.runner,
    code: issue.code,
    criterion: criterionOf(issue.runner, issue.code),
    message: issue.message,
    selector: issue.selector,
    context: issue.context ?? "",
  };
}

/** axe's colour rules once more with `prefers-color-scheme: dark` (axe is usually on the page already, put there by pa11y). */
async function darkSchemeContrast(tab: Page): Promise<Issue[]> {
  await tab.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
  // Without the axe runner, axe is put on the page as pa11y does it: evaluated, so the page's CSP does not apply.
  if (!(await tab.evaluate(() => "axe" in window)))
    await tab.evaluate(readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  const violations = await tab.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            c: Document,
            o: object,
          ): Promise<{
            violations: { id: string; help: string; helpUrl: string; nodes: { target: unknown[]; html: string }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: "rule", values: ["color-contrast", "link-in-text-block"] },
    });
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => ({
        code: v.id,
        message: `${v.help} (${v.helpUrl})`,
        selector: n.target.map(String).join(" "),
        context: n.html,
      })),
    );
  });
  return violations.map((v) => ({
    type: "error" as const,
    runner: "axe",
    code: v.code,
    criterion: criterionOf("axe", v.code),
    message: `Dark colour scheme: ${v.message}`,
    selector: v.selector,
    context: v.context.slice(0, 250),
    scheme: "dark" as const,
  }));
}
