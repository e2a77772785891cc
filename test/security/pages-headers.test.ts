/**
 * What a host that sends no headers (GitHub Pages) still gets: the CSP and the referrer policy as
 * `<meta>` in every page, the /was redirect page included; and the editor-written URL every page
 * links to (the accessibility statement in site.json) can only be a web address.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "parse5";
import { beforeAll, describe, expect, it } from "vitest";
import { cspMeta, REFERRER_POLICY } from "../../src/security/csp.ts";
import { elementsOf } from "../../src/security/raw-html.ts";
import { differences, snapshot, type FileState } from "../pipeline/tree.ts";
import { fixtureContent, runBuild, type BuildRun } from "../helpers.ts";

const QUICK = ["epub", "pdf", "search", "links", "gate"];

function metas(html: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const element of elementsOf(parse(html))) {
    if (element.tagName !== "meta") continue;
    const attr = (name: string) => element.attrs.find((a) => a.name === name)?.value;
    const key = attr("http-equiv") ?? attr("name");
    if (key) found.set(key.toLowerCase(), attr("content") ?? "");
  }
  return found;
}

function withStatementUrl(url: string): string {
  const dir = fixtureContent();
  const file = path.join(dir, "_data/site.json");
  writeFileSync(file, readFileSync(file, "utf8").replace("https://www.was.digst.dk/test-example-dk", url));
  return dir;
}

describe("security metadata in every page", () => {
  let outDir: string;
  let before: Map<string, FileState>;
  const hostile: { content: string; contentBefore: Map<string, FileState>; run: BuildRun }[] = [];

  beforeAll(async () => {
    outDir = path.join(mkdtempSync(path.join(os.tmpdir(), "udgiv-headers-")), "_site");
    const good = await runBuild({ contentDir: fixtureContent(), outDir, skip: QUICK });
    expect(good.code, good.stderr).toBe(0);
    before = snapshot(outDir);
    for (const url of ["javascript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>"]) {
      const content = withStatementUrl(url);
      const contentBefore = snapshot(content);
      hostile.push({ content, contentBefore, run: await runBuild({ contentDir: content, outDir, skip: QUICK }) });
    }
  });

  it("has the CSP and the referrer policy as <meta> in every page, the /was redirect included", () => {
    const pages = readdirSync(outDir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".html"));
    expect(pages).toContain(path.join("was", "index.html"));
    for (const page of pages) {
      const found = metas(readFileSync(path.join(outDir, page), "utf8"));
      expect(found.get("content-security-policy"), page).toBe(cspMeta());
      expect(found.get("referrer"), page).toBe(REFERRER_POLICY);
    }
  });

  it("refuses an accessibility statement address that is not a web address, naming site.json", () => {
    for (const { run, content, contentBefore } of hostile) {
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        "content/_data/site.json:1: tilgaengelighedserklaering: skal være en fuld adresse, der begynder med https://",
      );
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(differences(contentBefore, snapshot(content))).toEqual([]);
    }
    expect(differences(before, snapshot(outDir))).toEqual([]);
  });
});
