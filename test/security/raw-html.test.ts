/**
 * Raw HTML in Markdown is held to an allow-list: scripts, event handlers, javascript: URLs, inline
 * styles and anything that loads other documents are refused with a message naming the file and
 * line; simple markup passes. Also the security stage's own check of finished pages. (A whole
 * build with unsafe raw HTML: ./raw-html-build.test.ts.)
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { BuildContext } from "../../src/pipeline/index.ts";
import { BuildFailure } from "../../src/failure.ts";
import { findUnsafeHtml } from "../../src/security/raw-html.ts";
import { inlineCodeIn, securityStage } from "../../src/security/stage.ts";
import { ROOT } from "../helpers.ts";

describe("the allow-list", () => {
  it("lets simple markup through", () => {
    const allowed = [
      '<abbr title="Velfærdsstatistik">VS</abbr>',
      '<span class="note" lang="en" aria-label="x" data-pagefind-ignore>tekst</span>',
      '<a href="https://example.dk/side">et link</a>',
      '<a href="mailto:a@b.dk">mail</a>',
      '<a href="tel:+4512345678">ring</a>',
      '<a href="../anden/#afsnit">relativt</a>',
      '<a href="#noter">anker</a>',
      "<details><summary>Mere</summary><p>Indhold</p></details>",
      '<table><caption>T</caption><tr><th scope="col" colspan="2">A</th></tr></table>',
      '<time datetime="2026-11-27">27. november</time>',
      "<kbd>Ctrl</kbd>+<kbd>C</kbd>",
      "<br>",
      "</span>",
      "<!-- en kommentar -->",
      "<sup>2</sup>",
      '<ol start="3" reversed><li value="3">tre</li></ol>',
    ];
    for (const html of allowed) expect(findUnsafeHtml(html), html).toBeUndefined();
  });

  it("refuses code, inline styles, other documents and script URLs, however they are spelt", () => {
    const refused: [string, RegExp][] = [
      ["<script>alert(1)</script>", /<script>-element/],
      ["<SCRIPT SRC=x.js></SCRIPT>", /<script>-element/],
      ["<style>p{color:red}</style>", /<style>-element/],
      ['<a href="#" onclick="x()">klik</a>', /hændelse \(on…-attribut\)/],
      ['<span ONMOUSEOVER="x()">x</span>', /hændelse/],
      ['<a href="javascript:alert(1)">x</a>', /javascript:-link/],
      ['<a href=" JavaScript:alert(1)">x</a>', /javascript:-link/],
      ['<a href="jav&#x61;script:alert(1)">x</a>', /javascript:-link/],
      ['<a href="java\tscript:alert(1)">x</a>', /javascript:-link/],
      ['<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', /adresse med data:/],
      ['<p style="color:red">rød</p>', /style=-attribut/],
      ['<iframe src="https://example.dk"></iframe>', /<iframe>-element/],
      ['<img src="x.png" alt="x">', /<img>-element/],
      ['<svg><circle onload="x()"/></svg>', /<svg>-element/],
      ["<math><mi>x</mi></math>", /<math>-element/],
      ['<form action="https://example.dk"><input name="q"></form>', /<form>-element/],
      ['<object data="x.swf"></object>', /<object>-element/],
      ['<meta http-equiv="refresh" content="0;url=https://example.dk">', /<meta>-element/],
      ['<base href="https://example.dk/">', /<base>-element/],
      ['<a href="x" target="_blank">x</a>', /attributten target= på <a>/],
      ["<mappe>", /<mappe>-element/],
    ];
    for (const [html, reason] of refused) expect(findUnsafeHtml(html)?.reason, html).toMatch(reason);
  });

  it("says how to fix it", () => {
    expect(findUnsafeHtml('<p style="color:red">x</p>')?.fix).toMatch(/CSP/);
    expect(findUnsafeHtml('<img src="x.png">')?.fix).toMatch(/!\[/);
    expect(findUnsafeHtml('<a onclick="x()">x</a>')?.fix).toContain("onclick=");
    expect(findUnsafeHtml("<mappe>")?.fix).toContain("&lt;");
  });
});

describe("the security stage", () => {
  it("finds inline code a layout or stage would add", () => {
    expect(
      inlineCodeIn('<script src="/a.js"></script><script type="application/ld+json">{}</script><p class="x">ok</p>'),
    ).toEqual([]);
    expect(inlineCodeIn("<script>\n  run()\n</script>")).toEqual(["et <script> med kode i siden (uden src=)"]);
    expect(inlineCodeIn("<style>p{}</style>")).toEqual(["et <style>-element"]);
    expect(inlineCodeIn('<div style="x"></div><button onClick="y()">b</button><a href="javascript:z()">c</a>')).toEqual(
      ["style= på <div>", "onclick= på <button>", "et javascript:-link på <a>"],
    );
  });

  it("fails the build naming the page", async () => {
    const outDir = mkdtempSync(path.join(os.tmpdir(), "udgiv-security-"));
    mkdirSync(path.join(outDir, "om"), { recursive: true });
    writeFileSync(path.join(outDir, "index.html"), '<!doctype html><link rel="stylesheet" href="/a.css"><p>ok</p>');
    writeFileSync(path.join(outDir, "om/index.html"), '<!doctype html><p style="color:red">rød</p>');
    const ctx = {
      outDir,
      options: {
        pathPrefix: "/",
        skip: new Set<string>(),
        root: ROOT,
        cacheDir: path.join(outDir, "..", `${path.basename(outDir)}-cache`),
      },
      site: { info: { baseUrl: "https://example.dk" }, publications: [] },
      stats: {},
    } as unknown as BuildContext;
    const error = await securityStage.run(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildFailure);
    expect((error as Error).message).toContain(`${path.join("om", "index.html")}: style= på <p>`);
    expect((error as Error).message).not.toContain(" index.html:");
  });
});
