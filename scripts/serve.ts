/**
 * `npm start`: the site on a local dev server with live reload while you write. Eleventy watches
 * layouts/ (its input) and content/ (added by the model plugin); a content error is printed in the
 * terminal as the usual Danish problem list and the last good pages stay up — the server never
 * stops on an editor's mistake. Pages only: exports, search and the gate run in `npm run build`.
 * Options: --content DIR  --cache DIR  --port 8080 (PORT)  --path-prefix /sub/ (UDGIV_PATH_PREFIX)  --host 127.0.0.1
 * Writes to <cache>/serve/, never to _site/ (which holds the last published build).
 * The server listens on 127.0.0.1 only (not the office network) unless --host says otherwise,
 * and answers a malformed or folder-escaping path with 400 instead of an unanswered request.
 */
import { watch } from "node:fs";
import type http from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import Eleventy from "@11ty/eleventy";
import { udgivConfig } from "../eleventy.config.ts";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { ContentError, getSite } from "../src/model/index.ts";
import { refuseBadPath } from "../src/serve-static.ts";

const { values } = parseArgs({
  options: {
    content: { type: "string" },
    cache: { type: "string" },
    port: { type: "string", default: process.env.PORT ?? "8080" },
    "path-prefix": { type: "string", default: process.env.UDGIV_PATH_PREFIX ?? "/" },
    host: { type: "string", default: "127.0.0.1" },
  },
});
const host = values.host;

const root = path.resolve(import.meta.dirname, "..");
const cacheDir = path.resolve(values.cache ?? path.join(root, ".cache"));
const contentDir = path.resolve(values.content ?? path.join(root, "content"));

/**
 * Eleventy's dev server (2.x) listens on every interface and has no option for the host: its one
 * listen call is replaced by one that names the host. Should a new version stop calling it, the
 * `ready` check below notices the wrong address and stops the server.
 */
interface DevServer {
  server: http.Server;
  _serverListen(port: number): void;
}
const devServer = createRequire(import.meta.url)("@11ty/eleventy-dev-server") as { prototype: DevServer };
devServer.prototype._serverListen = function (this: DevServer, port: number) {
  this.server.listen({ port, host });
};

function serverOptions(eleventyConfig: UserConfig): void {
  eleventyConfig.setServerOptions({
    // Runs before the dev server maps the path to a file (where %2f or bad %-encoding throws, unanswered).
    middleware: [
      (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) =>
        refuseBadPath(req, res) ? undefined : next(),
    ],
    messageOnStart: () => false, // ours below names the address actually bound
    ready: (server: DevServer) => {
      const address = server.server.address() as AddressInfo;
      if (address.address !== host && !(host === "localhost" && ["127.0.0.1", "::1"].includes(address.address))) {
        console.error(`Udgiv: udviklingsserveren lytter på ${address.address} i stedet for ${host}; stopper.`);
        process.exit(2);
      }
      const shown = address.family === "IPv6" ? `[${address.address}]` : address.address;
      console.log(`Udgiv: siden kører på http://${shown}:${address.port}${values["path-prefix"]}`);
    },
  });
}

// The same Eleventy configuration as the build, handed its settings directly (no configuration file is read).
const eleventy = new Eleventy(path.join(root, "layouts"), path.join(cacheDir, "serve"), {
  configPath: "",
  config: (eleventyConfig: UserConfig) => {
    udgivConfig({ contentDir, cacheDir, watching: true })(eleventyConfig);
    serverOptions(eleventyConfig);
  },
  runMode: "serve",
  pathPrefix: values["path-prefix"],
  quietMode: true,
});

const model = { contentDir, imageCacheDir: path.join(cacheDir, "images") };

/** Eleventy needs one good first build before it watches: until then, show the problems and wait for a save. */
async function untilContentLoads(): Promise<void> {
  for (;;) {
    try {
      await getSite(model); // memoised: the first build reuses it
      return;
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      console.error(`\n${error.message}\n`);
      console.log("Udgiv: venter på, at fejlene bliver rettet – gem filen, så prøver jeg igen.");
      await nextChange(contentDir);
    }
  }
}

function nextChange(dir: string): Promise<void> {
  return new Promise((resolve) => {
    const watcher = watch(dir, { recursive: true }, () => {
      watcher.close();
      setTimeout(resolve, 200); // let the editor finish saving
    });
  });
}

/** A content error in a rebuild is already listed by the model plugin: no stack trace on top of it. */
function quietContentErrors(): void {
  const handler = eleventy.errorHandler as {
    error(e: unknown, msg?: string): void;
    fatal(e: unknown, msg?: string): void;
  };
  for (const method of ["error", "fatal"] as const) {
    const original = handler[method].bind(handler);
    handler[method] = (error: unknown, message?: string) => {
      if (!isContentError(error)) return original(error, message);
      console.error(
        "Udgiv: siderne er ikke opdateret, fordi indholdet har fejl (se listen ovenfor). Ret dem og gem, så opdateres siden.",
      );
    };
  }
}

function isContentError(error: unknown): boolean {
  for (
    let e = error as { originalError?: unknown; cause?: unknown } | undefined;
    e;
    e = (e.originalError ?? e.cause) as typeof e
  ) {
    if (e instanceof ContentError) return true;
  }
  return false;
}

// Whatever goes wrong in a rebuild is reported by Eleventy or the model plugin; the server stays up.
process.on("unhandledRejection", (error) => {
  if (!isContentError(error)) console.error("Udgiv:", error);
});

await untilContentLoads();
await eleventy.init();
quietContentErrors();
await eleventy.watch();
await eleventy.serve(Number(values.port));
console.log(
  `Udgiv: serverer ${path.relative(process.cwd(), contentDir) || "content"} – gem en fil i content/ eller layouts/, så opdateres siden i browseren. Stop med Ctrl+C.`,
);

process.on("SIGINT", async () => {
  await eleventy.stopWatch();
  process.exit(0);
});
process.on("SIGTERM", async () => {
  await eleventy.stopWatch();
  process.exit(0);
});
