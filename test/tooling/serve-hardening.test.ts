/**
 * Issue 13, point 8. `npm start` listens on 127.0.0.1 unless --host says otherwise; a request whose
 * path is malformed or tries to leave the folder (%2f, %00, .., bad %-encoding) gets 400 at once,
 * from the dev server and from the build's loopback server, and neither prints a stack trace. A
 * build killed with SIGKILL leaves no EPUBCheck JVM running, and the next run removes its folder.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { epubcheck, epubcheckAvailable } from "../../src/epub/validate.ts";
import { badRequestPath, serveFolder, type StaticServer } from "../../src/serve-static.ts";
import { fixtureContent, ROOT } from "../helpers.ts";

const HOSTILE_PATHS = [
  "/%2f",
  "/publikationer%2F..%2F..%2Fetc%2Fpasswd",
  "/%00",
  "/om/%00.html",
  "/../../etc/passwd",
  "/om/../../x",
  "/%2e%2e/%2e%2e/etc/passwd",
  "/%E0%A4%A",
  "/%",
  "/a%5cb",
  "/a\\b",
];

/** Sends one request with the path exactly as given (no client normalises it); the status, or "no answer". */
function rawStatus(port: number, requestPath: string, host = "127.0.0.1"): Promise<number | "no answer"> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    let data = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve("no answer");
    }, 10_000);
    socket.on("connect", () =>
      socket.write(`GET ${requestPath} HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n`),
    );
    socket.on("data", (d) => {
      data += d;
      const status = /^HTTP\/1\.1 (\d{3})/.exec(data);
      if (status) {
        clearTimeout(timer);
        socket.destroy();
        resolve(Number(status[1]));
      }
    });
    socket.on("error", () => {
      clearTimeout(timer);
      resolve("no answer");
    });
  });
}

/** The local addresses listening on a TCP port, from /proc/net/tcp and tcp6 (e.g. "127.0.0.1", "0.0.0.0", "::"). */
function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== "0A") continue; // 0A: LISTEN
      const [hex, portHex] = local.split(":");
      if (parseInt(portHex, 16) !== port) continue;
      if (hex.length === 8)
        found.push(
          hex
            .match(/../g)!
            .reverse()
            .map((b) => parseInt(b, 16))
            .join("."),
        );
      else found.push(/^0+$/.test(hex) ? "::" : hex === "00000000000000000000000001000000" ? "::1" : hex);
    }
  }
  return found;
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await Promise.resolve(probe()).catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("badRequestPath", () => {
  it("refuses what could leave the folder or break decoding, and lets ordinary paths through", () => {
    for (const p of HOSTILE_PATHS) expect(badRequestPath(p), p).toBeDefined();
    for (const p of [
      "/",
      "/om/",
      "/publikationer/x/indledning/?q=1#a",
      "/img/a%20b.png",
      "/s%C3%B8g/",
      "/assets/udgiv.css",
    ]) {
      expect(badRequestPath(p), p).toBeUndefined();
    }
  });
});

describe("the build's loopback server (serveFolder)", () => {
  let server: StaticServer;
  let port: number;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "udgiv-serve-folder-"));
    mkdirSync(path.join(dir, "om"));
    writeFileSync(path.join(dir, "om/index.html"), "<!doctype html><title>Om</title>");
    server = await serveFolder(dir);
    port = Number(new URL(server.url).port);
  });
  afterAll(() => server?.close());

  it("answers hostile paths with 400 and keeps serving", async () => {
    for (const p of HOSTILE_PATHS) expect(await rawStatus(port, p), p).toBe(400);
    expect(await rawStatus(port, "/om/")).toBe(200);
  });
});

interface DevServer {
  child: ChildProcess;
  port: number;
  output(): string;
}

function startDevServer(contentDir: string, extra: string[] = []): DevServer {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), "udgiv-serve-cache-"));
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
      path.join(ROOT, "scripts/serve.ts"),
      "--content",
      contentDir,
      "--cache",
      cacheDir,
      "--port",
      String(port),
      ...extra,
    ],
    { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  return { child, port, output: () => output };
}

function stopDevServer(server: DevServer | undefined): void {
  if (server?.child.pid && server.child.exitCode === null) process.kill(-server.child.pid, "SIGTERM");
}

describe("npm start", () => {
  let local: DevServer;
  let everywhere: DevServer;

  beforeAll(async () => {
    local = startDevServer(fixtureContent());
    everywhere = startDevServer(fixtureContent(), ["--host", "0.0.0.0"]);
    await Promise.all(
      [local, everywhere].map((s) =>
        until("the dev server", async () => (await rawStatus(s.port, "/")) === 200 || undefined),
      ),
    );
  });
  afterAll(() => {
    stopDevServer(local);
    stopDevServer(everywhere);
  });

  it("listens on 127.0.0.1 only, unless --host says otherwise", () => {
    expect(listeningAddresses(local.port)).toEqual(["127.0.0.1"]);
    expect(local.output()).toContain(`Udgiv: siden kører på http://127.0.0.1:${local.port}/`);
    expect(listeningAddresses(everywhere.port)).toEqual(["0.0.0.0"]);
  });

  it("answers %2f, %00, .. and malformed %-encoding with 400, prints no stack trace, and keeps serving", async () => {
    for (const p of HOSTILE_PATHS) expect(await rawStatus(local.port, p), p).toBe(400);
    expect(await rawStatus(local.port, "/om/")).toBe(200);
    expect(local.output()).not.toMatch(/^\s+at |Invalid path|URIError/m);
  });
});

/** Java processes running EpubCheckAll on a book in `dir`: pid, parent pid and the report folder. */
function epubcheckJvms(dir: string): { pid: number; ppid: number; reports: string }[] {
  const found = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    let stat: string;
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    const runner = args.findIndex((a) => a.endsWith("EpubCheckAll.java"));
    if (runner < 0 || !args.some((a) => a.startsWith(dir))) continue;
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    found.push({ pid: Number(entry), ppid, reports: args[runner + 1] });
  }
  return found;
}

const alive = (pid: number) =>
  existsSync(`/proc/${pid}`) && !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));

describe.skipIf(!epubcheckAvailable())("a build killed during EPUBCheck", () => {
  let jvm: { pid: number; ppid: number; reports: string };
  let leftBehind: boolean;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "udgiv-killed-"));
    const books = [1, 2, 3].map((n) => path.join(dir, `bog-${n}.epub`));
    for (const book of books) writeFileSync(book, "not a zip");
    const script = path.join(dir, "check.mts");
    writeFileSync(
      script,
      `import { epubcheck } from ${JSON.stringify(path.join(ROOT, "src/epub/validate.ts"))};\nawait epubcheck(process.argv.slice(2));\n`,
    );
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), script, ...books], {
      cwd: ROOT,
      stdio: "ignore",
    });
    jvm = await until("the EPUBCheck JVM", () => epubcheckJvms(dir)[0]);
    process.kill(jvm.ppid, "SIGKILL"); // the process that started java, as a killed build
    await until("the JVM to end", () => !alive(jvm.pid) || undefined, 120_000).catch(() => undefined);
    leftBehind = existsSync(jvm.reports);
    child.kill();
  });
  afterAll(() => {
    if (jvm && alive(jvm.pid)) process.kill(jvm.pid, "SIGKILL");
  });

  it("the JVM ends with its parent, before it checks the books", () => {
    expect(alive(jvm.pid)).toBe(false);
    expect(existsSync(path.join(jvm.reports, "2.json")), "EPUBCheck ran on to the last book").toBe(false);
  });

  it("the next run removes the report folder the killed one left", async () => {
    expect(leftBehind).toBe(true);
    expect(path.basename(jvm.reports)).toMatch(new RegExp(`^udgiv-epubcheck-${jvm.ppid}-`));
    await epubcheck([]);
    expect(existsSync(jvm.reports)).toBe(false);
  });
});

describe("a build killed while Chromium runs", () => {
  let chromium: number;
  let gone: boolean;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "udgiv-killed-browser-"));
    const script = path.join(dir, "browser.mts");
    writeFileSync(
      script,
      [
        `import { launchBrowser, OFFLINE_ARGS } from ${JSON.stringify(path.join(ROOT, "src/browser.ts"))};`,
        "const browser = await launchBrowser({ args: OFFLINE_ARGS });",
        "console.log(`chromium ${browser.process()?.pid}`);",
        "setInterval(() => {}, 1000);",
      ].join("\n"),
    );
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), script], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "ignore"],
    });
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    chromium = Number(await until("Chromium", () => /chromium (\d+)/.exec(output)?.[1]));
    const stat = readFileSync(`/proc/${chromium}/stat`, "utf8");
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    process.kill(parent, "SIGKILL"); // the build's process, as when it is killed
    gone = await until("Chromium to end", () => !alive(chromium) || undefined, 30_000).then(
      () => true,
      () => false,
    );
    child.kill();
  });
  afterAll(() => {
    if (chromium && alive(chromium)) process.kill(chromium, "SIGKILL");
  });

  it("Chromium ends with it", () => {
    expect(gone).toBe(true);
  });
});
