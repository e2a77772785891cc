/**
 * Where a link points, seen from the document that holds it: outside the site (never fetched),
 * or a path on the site plus an optional #fragment. Honours the path prefix of a site served
 * from a sub-folder, and treats absolute URLs on the site's own base URL as internal.
 */

export type Target =
  | { kind: "external" }
  | { kind: "internal"; /** URL path as requested, prefix included */ path: string; fragment: string };

export interface SiteAddress {
  /** "/" or "/sub/" */
  prefix: string;
  /** Absolute base URL of the published site (site.json baseUrl), no trailing slash. */
  baseUrl: string;
}

import { decode } from "../urls/index.ts";

const BASE = "http://udgiv.invalid";

/** `documentPath` is the URL path of the document holding the link, prefix included. */
export function resolveLink(value: string, documentPath: string, site: SiteAddress): Target {
  const raw = value.trim();
  if (!raw || raw.startsWith("//")) return { kind: "external" };
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw)) return resolveAbsolute(raw, site);
  let url: URL;
  try {
    url = new URL(raw, BASE + documentPath);
  } catch {
    return { kind: "internal", path: raw, fragment: "" };
  }
  return { kind: "internal", path: url.pathname, fragment: decode(url.hash.slice(1)) };
}

/** An absolute URL on the site's own address is checked like a root-relative one; the prefix may or may not be part of baseUrl. */
function resolveAbsolute(raw: string, site: SiteAddress): Target {
  if (!/^https?:/i.test(raw)) return { kind: "external" };
  let url: URL;
  let base: URL;
  try {
    url = new URL(raw);
    base = new URL(site.baseUrl + "/");
  } catch {
    return { kind: "external" };
  }
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return { kind: "external" };
  const rest = "/" + url.pathname.slice(base.pathname.length);
  const path = rest.startsWith(site.prefix) ? rest : site.prefix + rest.slice(1);
  return { kind: "internal", path, fragment: decode(url.hash.slice(1)) };
}
