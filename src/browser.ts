/**
 * The one place that finds and launches Chromium: Debian's /usr/bin/chromium (or CHROME_PATH),
 * never a downloaded browser. Flags: --no-sandbox (root), no background networking (the machine
 * has no internet, and Chromium's many attempts would be refused), /dev/shm left alone.
 */
import { existsSync } from "node:fs";
import type { Browser, LaunchOptions } from "puppeteer-core";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--font-render-hinting=none",
];

export function chromiumPath(): string {
  const candidates = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error("Chromium blev ikke fundet. Installér den med: sudo apt-get install -y chromium (eller sæt CHROME_PATH)");
  }
  return found;
}

/** Launch options for puppeteer (and for pa11y, which takes the same shape). */
export function launchOptions(extra: LaunchOptions = {}): LaunchOptions {
  return { executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS, ...extra };
}

/**
 * Launches Chromium with puppeteer's own throw-away profile, removed when the browser closes.
 * (A profile folder of our own made close() wait about 1.6 s for Chromium to flush it; with
 * puppeteer's temporary profile close() takes about 0.1 s, and every build closes Chromium.)
 */
export async function launchBrowser(extra: LaunchOptions = {}): Promise<Browser> {
  const { default: puppeteer } = await import("puppeteer-core"); // 0.3 s to load: only builds that print or audit pay it
  return puppeteer.launch(launchOptions(extra));
}
