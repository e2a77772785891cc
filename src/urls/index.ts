/**
 * Addresses, in one place. A site-relative URL ("/publikationer/x/") is what the model, Eleventy
 * and the output files know; the path prefix ("/udgiv/", when the site is served from a
 * sub-folder) is normalised once, in the build options, and added only where a link is written;
 * a public URL is the base URL's origin + prefix + site-relative URL.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";

/** A path prefix as "/" or "/sub/folder/": leading and trailing slash, nothing doubled. */
export function normalisePrefix(pathPrefix: string): string {
  const trimmed = pathPrefix.replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

/** A site-relative URL as linked from the site: "/a/" → "/udgiv/a/". */
export function withPrefix(url: string, pathPrefix: string): string {
  return normalisePrefix(pathPrefix) + url.replace(/^\/+/, "");
}

/** A URL path of the site without its prefix, or undefined when it is outside the prefix. */
export function withoutPrefix(urlPath: string, pathPrefix: string): string | undefined {
  const prefix = normalisePrefix(pathPrefix);
  if (!urlPath.startsWith(prefix)) return undefined;
  return "/" + urlPath.slice(prefix.length);
}

/** Site-relative links (href="/…") in HTML written after Eleventy's base plugin ran, prefixed. */
export function prefixLinks(html: string, pathPrefix: string): string {
  const prefix = normalisePrefix(pathPrefix);
  return prefix === "/" ? html : html.replace(/href="\/(?!\/)/g, `href="${prefix}`);
}

/** The absolute URL of a site-relative URL ("/publikationer/x/"); absolute URLs are returned as they are. */
export function publicUrl(url: string, baseUrl: string, pathPrefix = "/"): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  return new URL(baseUrl).origin + withPrefix(url, pathPrefix);
}

/** The absolute address the site is served from: base URL plus path prefix (unless the base URL has it already). */
export function siteRoot(baseUrl: string, pathPrefix: string): string {
  const prefix = normalisePrefix(pathPrefix).replace(/\/$/, "");
  return baseUrl.endsWith(prefix) ? baseUrl : baseUrl + prefix;
}

/** The page URL an output file is served at: "x/index.html" → "/x/", "404.html" → "/404.html". */
export function urlOfOutputFile(file: string): string {
  return (
    "/" +
    file
      .split("\\")
      .join("/")
      .replace(/(^|\/)index\.html$/, "$1")
  );
}

/** The output file a site path is served from, among `files` (posix paths relative to the output folder). */
export function outputFileFor(sitePath: string, files: Set<string>): string | undefined {
  const rel = decode(sitePath).replace(/^\/+/, "");
  const candidates = rel === "" || rel.endsWith("/") ? [`${rel}index.html`] : [rel, `${rel}/index.html`, `${rel}.html`];
  return candidates.find((c) => files.has(c));
}

/** decodeURIComponent that leaves malformed %-sequences as they are. */
export function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Every file of an output folder (or of a folder inside it), as posix paths relative to `dir`,
 * sorted: the one walk of the output that the checks and cache keys share.
 */
export async function listOutputFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}
