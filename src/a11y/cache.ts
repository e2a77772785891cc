/**
 * The audit cache: one JSON file per page under <cacheDir>/a11y/, keyed by a hash of the page's
 * HTML, every stylesheet and script it loads (and what those import), the files it reads at run
 * time (the search index), and the gate's configuration and tool versions. A change to the shared
 * CSS or layout changes every page's key, so everything is audited again.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { Parser } from "htmlparser2";
import { chromiumPath } from "../browser.ts";
import type { AuditConfig, PageAudit } from "./audit.ts";
import type { AuditPage } from "./pages.ts";

/** Bump when the gate changes how it audits or what it stores. */
const GATE_VERSION = 3;
/** Entries no build has used for this long are removed. */
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;

export class AuditCache {
  private readonly fileHashes = new Map<string, Promise<string>>();
  readonly configHash: string;

  constructor(readonly dir: string, readonly outDir: string, readonly pathPrefix: string, config: AuditConfig) {
    this.configHash = hash(JSON.stringify({ GATE_VERSION, config: { ...config, concurrency: undefined, timeoutMs: undefined }, tools: toolVersions() }));
  }

  /** The cache key of a page as it is in the output folder now. */
  async keyOf(page: AuditPage): Promise<string> {
    const html = await readFile(path.join(this.outDir, page.file));
    const assets = assetsOf(html.toString("utf8"), page.file, this.pathPrefix);
    const parts = [this.configHash, page.url, hash(html)];
    for (const asset of [...new Set([...assets, ...page.dependsOn])].sort()) parts.push(asset, await this.hashOf(asset));
    return hash(parts.join("\n"));
  }

  async read(key: string): Promise<PageAudit | undefined> {
    const file = this.fileOf(key);
    try {
      const audit = JSON.parse(await readFile(file, "utf8")) as PageAudit;
      const now = new Date();
      await utimes(file, now, now).catch(() => {}); // mark as used, for pruning
      return audit;
    } catch {
      return undefined;
    }
  }

  /** Written atomically: concurrent builds may share the cache. */
  async write(key: string, audit: PageAudit): Promise<void> {
    const file = this.fileOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(audit));
    await rename(temp, file);
  }

  /** Removes entries unused for a month, so the cache does not grow without bound. */
  async prune(): Promise<void> {
    if (!existsSync(this.dir)) return;
    const cutoff = Date.now() - MAX_AGE_MS;
    for (const name of await readdir(this.dir)) {
      const file = path.join(this.dir, name);
      const info = await stat(file).catch(() => undefined);
      if (info?.isFile() && info.mtimeMs < cutoff) await rm(file, { force: true });
    }
  }

  private fileOf(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }

  /** Hash of an output file, or of every file under an output folder (path ends in "/"). */
  private hashOf(relative: string): Promise<string> {
    let result = this.fileHashes.get(relative);
    if (!result) {
      result = relative.endsWith("/") ? this.hashFolder(relative) : this.hashFile(relative);
      this.fileHashes.set(relative, result);
    }
    return result;
  }

  private async hashFile(relative: string): Promise<string> {
    const file = path.join(this.outDir, relative);
    const bytes = await readFile(file).catch(() => undefined);
    if (!bytes) return "missing";
    if (!relative.endsWith(".css")) return hash(bytes);
    // Stylesheets may @import others: they count too.
    const imports = cssImports(bytes.toString("utf8"), relative, this.pathPrefix);
    const nested = await Promise.all(imports.map((i) => this.hashOf(i)));
    return hash([hash(bytes), ...nested].join("\n"));
  }

  private async hashFolder(relative: string): Promise<string> {
    const dir = path.join(this.outDir, relative);
    if (!existsSync(dir)) return "missing";
    const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(this.outDir, path.join(e.parentPath, e.name)))
      .sort();
    const hashes = await Promise.all(files.map(async (f) => `${f}:${hash(await readFile(path.join(this.outDir, f)))}`));
    return hash(hashes.join("\n"));
  }
}

/** Local stylesheets and scripts a page loads, as paths relative to the output folder. */
export function assetsOf(html: string, pageFile: string, pathPrefix: string): string[] {
  // A tokenizer, no document tree: every page is keyed on every build, so this is on the hot path.
  const urls: string[] = [];
  const parser = new Parser({
    onopentag(name, attributes) {
      const rel = (attributes.rel ?? "").toLowerCase().split(/\s+/);
      if (name === "link" && attributes.href && (rel.includes("stylesheet") || rel.includes("modulepreload") || rel.includes("preload"))) urls.push(attributes.href);
      if (name === "script" && attributes.src) urls.push(attributes.src);
    },
  });
  parser.end(html);
  return urls.map((u) => localPath(u, pageFile, pathPrefix)).filter((p): p is string => Boolean(p));
}

function cssImports(css: string, cssFile: string, pathPrefix: string): string[] {
  const found = [...css.matchAll(/@import\s+(?:url\()?\s*["']?([^"')\s;]+)/g)].map((m) => m[1]);
  return found.map((u) => localPath(u, cssFile, pathPrefix)).filter((p): p is string => Boolean(p));
}

/** "/udgiv/assets/style.css" (or "../assets/style.css") → "assets/style.css"; undefined for other sites. */
function localPath(url: string, fromFile: string, pathPrefix: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) return undefined;
  const clean = url.split(/[?#]/)[0];
  const prefix = `/${pathPrefix.replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/");
  if (clean.startsWith("/")) return clean.startsWith(prefix) ? clean.slice(prefix.length) : clean.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), clean));
}

function hash(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex").slice(0, 32);
}

/** pa11y, axe-core, HTML_CodeSniffer and Chromium versions: a new tool version may find new issues. */
function toolVersions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const version = (name: string) => {
    try {
      return (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      return "unknown";
    }
  };
  return { pa11y: version("pa11y"), axe: version("axe-core"), htmlcs: version("@pa11y/html_codesniffer"), chromium: chromiumVersion() };
}

let chromium: string | undefined;

function chromiumVersion(): string {
  if (chromium) return chromium;
  try {
    chromium = execFileSync(chromiumPath(), ["--version"], { encoding: "utf8", timeout: 10_000, stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    chromium = "unknown"; // no Chromium: the audit itself reports it
  }
  return chromium;
}
