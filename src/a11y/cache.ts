/**
 * The audit cache: one JSON file per page under <cacheDir>/a11y/, keyed (src/cache) by the page's
 * URL and HTML, every stylesheet and script it loads (and what those import), the files it reads at
 * run time (the search index), the gate's configuration, the version of the code that audits
 * (src/a11y/audit.ts and all it loads: pa11y, axe-core, HTML_CodeSniffer as installed) and
 * Chromium's version. A change to the shared CSS or layout changes every page's key, so everything
 * is audited again.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Parser } from "htmlparser2";
import { chromiumVersion } from "../browser.ts";
import { CacheStore, codeVersion, contentHash } from "../cache/index.ts";
import { listOutputFiles, withoutPrefix } from "../urls/index.ts";
import type { AuditConfig, PageAudit } from "./audit.ts";
import type { AuditPage } from "./pages.ts";

export class AuditCache {
  private readonly fileHashes = new Map<string, Promise<string>>();
  private readonly store: CacheStore;
  private readonly code = codeVersion({ modules: ["src/a11y/audit.ts"] });
  private readonly config: AuditConfig;

  constructor(
    cacheDir: string,
    readonly outDir: string,
    readonly pathPrefix: string,
    config: AuditConfig,
  ) {
    this.store = new CacheStore(cacheDir, "a11y");
    // How many pages run at once and how long one may take do not change a result.
    this.config = { ...config, concurrency: 0, timeoutMs: 0 };
  }

  /** The cache key of a page as it is in the output folder now. */
  async keyOf(page: AuditPage): Promise<string> {
    const html = await readFile(path.join(this.outDir, page.file));
    const assets = assetsOf(html.toString("utf8"), page.file, this.pathPrefix);
    const loads: [string, string][] = [];
    for (const asset of [...new Set([...assets, ...page.dependsOn])].sort())
      loads.push([asset, await this.hashOf(asset)]);
    const tools = { chromium: await chromiumVersion() };
    return this.store.key({
      stage: "gate",
      code: this.code,
      tools,
      inputs: { config: this.config, url: page.url, readyWhen: page.readyWhen ?? null, html: contentHash(html), loads },
    });
  }

  read(key: string): Promise<PageAudit | undefined> {
    return this.store.readJson<PageAudit>({ key });
  }

  write(key: string, audit: PageAudit): Promise<void> {
    return this.store.write({ key }, ".json", JSON.stringify(audit));
  }

  /** Removes entries unused for a month, so the cache does not grow without bound. */
  prune(): Promise<void> {
    return this.store.prune();
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
    if (!relative.endsWith(".css")) return contentHash(bytes);
    // Stylesheets may @import others: they count too.
    const imports = cssImports(bytes.toString("utf8"), relative, this.pathPrefix);
    const nested = await Promise.all(imports.map((i) => this.hashOf(i)));
    return contentHash([contentHash(bytes), ...nested].join("\n"));
  }

  private async hashFolder(relative: string): Promise<string> {
    const dir = path.join(this.outDir, relative);
    if (!existsSync(dir)) return "missing";
    const files = (await listOutputFiles(dir)).map((f) => path.posix.join(relative, f));
    const hashes = await Promise.all(
      files.map(async (f) => `${f}:${contentHash(await readFile(path.join(this.outDir, f)))}`),
    );
    return contentHash(hashes.join("\n"));
  }
}

/** Local stylesheets and scripts a page loads, as paths relative to the output folder. */
export function assetsOf(html: string, pageFile: string, pathPrefix: string): string[] {
  // A tokenizer, no document tree: every page is keyed on every build, so this is on the hot path.
  const urls: string[] = [];
  const parser = new Parser({
    onopentag(name, attributes) {
      const rel = (attributes.rel ?? "").toLowerCase().split(/\s+/);
      if (
        name === "link" &&
        attributes.href &&
        (rel.includes("stylesheet") || rel.includes("modulepreload") || rel.includes("preload"))
      )
        urls.push(attributes.href);
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
  if (clean.startsWith("/")) return (withoutPrefix(clean, pathPrefix) ?? clean).slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), clean));
}
