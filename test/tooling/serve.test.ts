/**
 * `npm start`: serves the pages with a live-reload client; an edit that breaks the content is
 * listed in the terminal (no stack trace) while the server keeps serving the last good pages;
 * fixing it rebuilds. Content that is broken at start is waited for, not crashed on.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureContent, ROOT } from "../helpers.ts";

interface Server {
  child: ChildProcess;
  url: string;
  output(): string;
}

function startServer(contentDir: string): Server {
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
    ],
    { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  return { child, url: `http://localhost:${port}/`, output: () => output };
}

function stopServer(server: Server | undefined): void {
  if (server?.child.pid && server.child.exitCode === null) process.kill(-server.child.pid, "SIGTERM");
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await Promise.resolve(probe()).catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** A navigation, as a browser makes it (fetch() says sec-fetch-mode: cors, and gets no reload client). */
function page(url: string): Promise<{ status: number; html: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { accept: "text/html", "sec-fetch-mode": "navigate" } }, (response) => {
        let html = "";
        response.setEncoding("utf8");
        response.on("data", (d) => (html += d));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, html }));
      })
      .on("error", reject);
  });
}

describe("npm start", () => {
  const content = fixtureContent();
  const index = path.join(content, "publikationer/lille-publikation/index.md");
  const good = readFileSync(index, "utf8");
  let server: Server;

  beforeAll(async () => {
    server = startServer(content);
    await until("the server", async () => (await page(server.url)).status === 200 || undefined);
  });
  afterAll(() => stopServer(server));

  it("serves the pages with Eleventy's live-reload client", async () => {
    const chapter = await page(`${server.url}publikationer/lille-publikation/indledning/`);
    expect(chapter.status).toBe(200);
    expect(chapter.html).toContain("<h1>Indledning</h1>");
    expect(chapter.html).toMatch(/reload-client\.js/);
  });

  it("lists a content error in the terminal, keeps serving, and rebuilds once it is fixed", async () => {
    const before = server.output().length;
    writeFileSync(index, good.replace("hus: styrelsen", "hus: findes-ikke"));
    await until(
      "the problem list",
      () => server.output().slice(before).includes("siderne er ikke opdateret") || undefined,
    );
    const log = server.output().slice(before);
    expect(log).toMatch(/publikationer\/lille-publikation\/index\.md:5: hus: ukendt hus "findes-ikke"/);
    expect(log).not.toMatch(/^\s+at /m);
    expect(server.child.exitCode).toBe(null);
    expect((await page(`${server.url}publikationer/lille-publikation/`)).status).toBe(200);

    writeFileSync(index, good.replace("Et kort forord.", "Et rettet forord."));
    const fixed = await until("the fixed page", async () => {
      const { html } = await page(`${server.url}publikationer/lille-publikation/`);
      return html.includes("Et rettet forord.") ? html : undefined;
    });
    expect(fixed).toContain("En lille publikation");
  });
});

describe("npm start with broken content", () => {
  const content = fixtureContent({
    "nyheder/2026-11-20-en-nyhed.md":
      "---\ntitel: En nyhed\ndato: 2026-13-40\nhus: kontoret\nresume: Kort.\n---\nTekst.\n",
  });
  let server: Server;

  beforeAll(() => {
    server = startServer(content);
  });
  afterAll(() => stopServer(server));

  it("waits for the fix instead of crashing, then serves", async () => {
    await until("the problem list", () => server.output().includes("venter på, at fejlene bliver rettet") || undefined);
    expect(server.output()).toMatch(/nyheder\/2026-11-20-en-nyhed\.md:3: dato: er ikke en gyldig dato/);
    expect(server.child.exitCode).toBe(null);
    writeFileSync(
      path.join(content, "nyheder/2026-11-20-en-nyhed.md"),
      "---\ntitel: En nyhed\ndato: 2026-11-20\nhus: kontoret\nresume: Kort.\n---\nTekst.\n",
    );
    await until("the server", async () => (await page(`${server.url}nyheder/en-nyhed/`)).status === 200 || undefined);
  });
});
