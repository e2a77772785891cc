/**
 * A small loopback HTTP server for a built site (sirv), used by the accessibility gate, the PDF
 * printer and the browser tests: pages load over http://127.0.0.1, as a reader's browser would.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import sirv from "sirv";
import { normalisePrefix } from "./urls/index.ts";

export interface StaticServer {
  /** Base URL including the path prefix, ending in "/", e.g. http://127.0.0.1:40123/udgiv/ */
  url: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  pathPrefix?: string;
  /** Documents served from memory, by path below the prefix ("/publikationer/x/print/"): the PDF stage's print documents (HTML, or CSS for a path ending in .css). */
  documents?: Map<string, string>;
}

/**
 * Why a request path is refused with 400 Bad Request, or undefined when it may be served. A static
 * server maps the path to a file, so anything that could step outside the folder or confuse that
 * mapping is refused before it is decoded: malformed percent-encoding (decodeURIComponent would
 * throw), an encoded slash or backslash (%2f, %5c), a NUL byte, a backslash, `.` and `..` segments.
 */
export function badRequestPath(url: string): string | undefined {
  const raw = url.split(/[?#]/)[0];
  if (!raw.startsWith("/")) return "the path does not start with /";
  if (/%(2f|5c)/i.test(raw)) return "encoded slash or backslash";
  if (raw.includes("\\")) return "backslash";
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return "malformed percent-encoding";
  }
  if (decoded.includes("\0")) return "NUL byte";
  if (decoded.split("/").some((segment) => segment === ".." || segment === ".")) return "dot segment";
  return undefined;
}

/** Answers 400 (and true) when the request's path is refused by badRequestPath. */
export function refuseBadPath(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  if (!badRequestPath(req.url ?? "/")) return false;
  res.statusCode = 400;
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  res.end("Bad Request");
  return true;
}

export async function serveFolder(dir: string, options: ServeOptions = {}): Promise<StaticServer> {
  const prefix = normalisePrefix(options.pathPrefix ?? "/");
  const handler = sirv(dir, { dev: true, etag: false, extensions: ["html"] });
  const server = http.createServer((req, res) => {
    if (refuseBadPath(req, res)) return;
    const url = req.url ?? "/";
    if (!url.startsWith(prefix)) {
      res.statusCode = 404;
      res.end("Not found");
      return;
    }
    req.url = "/" + url.slice(prefix.length);
    const document = options.documents?.get(req.url.split("?")[0]);
    if (document !== undefined) {
      res.setHeader(
        "Content-Type",
        req.url.split("?")[0].endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8",
      );
      res.end(document);
      return;
    }
    handler(req, res, () => {
      res.statusCode = 404;
      res.end("Not found");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    // close() alone waits for every keep-alive connection to end, and a browser that outlives the
    // server (the build's shared Chromium) may hold one for minutes.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
