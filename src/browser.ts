/**
 * The one place that finds and launches Chromium: Debian's /usr/bin/chromium (or CHROME_PATH),
 * never a downloaded browser. Flags: --no-sandbox (root), no background networking (the machine
 * has no internet, and Chromium's many attempts would be refused), /dev/shm left alone.
 */
import { execFile } from "node:child_process";
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
  const candidates = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(
    Boolean,
  ) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      "Chromium blev ikke fundet. Installér den med: sudo apt-get install -y chromium (eller sæt CHROME_PATH)",
    );
  }
  return found;
}

let version: Promise<string> | undefined;

/** "Chromium 139.0.7258.154 built on Debian …": part of the cache keys of what Chromium makes (PDFs, audits). */
export function chromiumVersion(): Promise<string> {
  version ??= new Promise((resolve) => {
    let executable: string;
    try {
      executable = chromiumPath();
    } catch {
      return resolve("unknown"); // no Chromium: launching it reports that
    }
    execFile(executable, ["--version"], { encoding: "utf8", timeout: 10_000 }, (error, stdout) =>
      resolve(error ? "unknown" : stdout.trim()),
    );
  });
  return version;
}

/**
 * Launch options for puppeteer (and for pa11y, which takes the same shape). `pipe`: DevTools over
 * a pipe instead of a port, so Chromium ends when this process does, even when it is killed
 * (over a port, a killed build's Chromium runs on).
 */
export function launchOptions(extra: LaunchOptions = {}): LaunchOptions {
  return { executablePath: chromiumPath(), headless: true, pipe: true, args: CHROMIUM_ARGS, ...extra };
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

/** No host but the loopback server resolves: builds never reach the network, even by a stray URL. */
export const OFFLINE_ARGS = [...CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"];

/**
 * One offline Chromium for the stages of a build that need one (the PDF printer, the gate):
 * launched on first use, launched again if it crashed, closed when the build ends. A warm build
 * that prints one PDF and then audits one page starts Chromium once, not twice.
 */
export class SharedBrowser {
  private current?: Promise<Browser>;

  /** The running Chromium (by one caller at a time when it must be relaunched; others wait for it). */
  async get(): Promise<Browser> {
    const pending = this.current;
    if (pending) {
      const browser = await pending.catch(() => undefined);
      if (browser?.connected) return browser;
      if (this.current !== pending) return this.get();
    }
    this.current = launchBrowser({ args: OFFLINE_ARGS });
    return this.current;
  }

  async close(): Promise<void> {
    const browser = await this.current?.catch(() => undefined);
    this.current = undefined;
    await browser?.close().catch(() => {});
  }
}
