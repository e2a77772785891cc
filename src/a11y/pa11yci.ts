/**
 * A pa11y-ci configuration with the gate's own settings, written beside the reports
 * (reports/a11y/.pa11yci.json), so anyone can audit the published site the way the build audits
 * its staging copy: `npx pa11y-ci --config reports/a11y/.pa11yci.json`. Same standard, runners,
 * viewport, timeout and Chromium (Debian's, with the build's flags); every page of the build at
 * its public address, the search page with a query and its results shown.
 *
 * What pa11y-ci cannot do, and the gate does (README, "The accessibility gate"): the cache per
 * page, naming the Markdown file or layout behind an error, the second contrast pass in the dark
 * colour scheme, the editors' ignored rules with their reasons, and a tab per page (pa11y-ci shares
 * one options object between concurrent runs, so this file runs one page at a time).
 */
import { CHROMIUM_ARGS, chromiumPath } from "../browser.ts";
import { publicUrl } from "../feeds/index.ts";
import type { AuditConfig } from "./audit.ts";
import type { AuditPage } from "./pages.ts";

export const PA11YCI_FILE = ".pa11yci.json";

type Pa11yCiUrl = string | { url: string; actions: string[] };

export interface Pa11yCiConfig {
  defaults: {
    standard: string;
    runners: string[];
    viewport: { width: number; height: number };
    timeout: number;
    levelCapWhenNeedsReview: string;
    concurrency: number;
    chromeLaunchConfig: { executablePath: string; args: string[] };
  };
  urls: Pa11yCiUrl[];
}

export function pa11yCiConfig(
  pages: AuditPage[],
  config: AuditConfig,
  site: { baseUrl: string; pathPrefix: string },
): Pa11yCiConfig {
  return {
    defaults: {
      standard: config.standard,
      runners: config.runners,
      viewport: config.viewport,
      timeout: config.timeoutMs,
      levelCapWhenNeedsReview: config.levelCapWhenNeedsReview,
      concurrency: 1,
      chromeLaunchConfig: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    },
    urls: pages.map((page) => {
      const url = publicUrl(page.url, site.baseUrl, site.pathPrefix);
      return page.readyWhen ? { url, actions: [`wait for element ${page.readyWhen} to be visible`] } : url;
    }),
  };
}
