/** The output check on its own: prefix, srcset, absolute self-links, Atom feeds and CSS url(). */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { PDFDocument, PDFName, PDFString } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { resolveLink } from "../../src/links/resolve.ts";
import { normalisePrefix } from "../../src/urls/index.ts";
import { checkOutput } from "../../src/links/site.ts";

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "udgiv-links-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const htmlPage = (body: string) =>
  `<!doctype html><html lang="da"><head><title>x</title></head><body>${body}</body></html>`;

describe("checkOutput", () => {
  it("finds each kind of broken link in pages, feeds and stylesheets, and leaves external links alone", async () => {
    const dir = site({
      "index.html": htmlPage(`
        <a href="/udgiv/om/">ok</a>
        <a href="/om/">no prefix</a>
        <a href="om/#top">relative, ok</a>
        <img alt="" src="/udgiv/img/a.jpg" srcset="/udgiv/img/a.jpg 1x, /udgiv/img/b.jpg 2x">
        <a href="https://test.example.dk/udgiv/om/#top">absolute self-link, ok</a>
        <a href="https://example.org/never-fetched">external</a>
        <a href="mailto:a@example.dk">mail</a>
        <a href="#">top</a>`),
      "om/index.html": htmlPage(`<h2 id="top">Top</h2><a href="../#missing">back</a>`),
      "img/a.jpg": "x",
      "feeds/alle.xml": `<?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
          <link href="https://test.example.dk/udgiv/feeds/alle.xml" rel="self"/>
          <entry><link href="https://test.example.dk/udgiv/mangler/"/>
            <content type="html">&lt;a href="https://test.example.dk/udgiv/om/#nope"&gt;x&lt;/a&gt;</content></entry>
        </feed>`,
      "robots.txt": "User-agent: *\nAllow: /\nSitemap: https://test.example.dk/udgiv/sitemap.xml\n",
      "assets/style.css": `body { background: url("../img/a.jpg"); } @font-face { src: url(/udgiv/fonts/mangler.woff2); }`,
    });
    const result = await checkOutput(dir, { prefix: "/udgiv/", baseUrl: "https://test.example.dk" });
    const found = result.broken.map((b) => `${b.document} ${b.kind} ${b.value}`).sort();
    expect(found).toEqual([
      "assets/style.css file /udgiv/fonts/mangler.woff2",
      "feeds/alle.xml anchor https://test.example.dk/udgiv/om/#nope",
      "feeds/alle.xml page https://test.example.dk/udgiv/mangler/",
      "index.html file /udgiv/img/b.jpg",
      "index.html prefix /om/",
      "om/index.html anchor ../#missing",
      "robots.txt file https://test.example.dk/udgiv/sitemap.xml",
    ]);
    expect(result.documents).toBe(5);
  });

  it("checks the links inside an EPUB: between its files, their ids, and back to the site", async () => {
    const xhtml = (body: string) =>
      strToU8(
        `<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body>${body}</body></html>`,
      );
    const epub = zipSync({
      mimetype: strToU8("application/epub+zip"),
      "EPUB/nav.xhtml": xhtml(
        `<a href="chapters/a.xhtml">ok</a><a href="chapters/a.xhtml#b">ok</a><a href="chapters/c.xhtml">missing file</a>`,
      ),
      "EPUB/chapters/a.xhtml": xhtml(`<h2 id="b">B</h2><a href="#nope">missing id</a><a href="/om/">root-relative</a>
        <a href="https://test.example.dk/om/">site, ok</a><a href="https://test.example.dk/mangler/">site, missing</a><a href="https://example.org/">external</a>`),
    });
    const dir = site({ "om/index.html": htmlPage("<p>om</p>") });
    mkdirSync(path.join(dir, "publikationer/x"), { recursive: true });
    writeFileSync(path.join(dir, "publikationer/x/x.epub"), epub);
    const result = await checkOutput(dir, { prefix: "/", baseUrl: "https://test.example.dk" });
    expect(result.broken.map((b) => `${b.document} ${b.kind} ${b.value}`).sort()).toEqual([
      "publikationer/x/x.epub!EPUB/chapters/a.xhtml anchor #nope",
      "publikationer/x/x.epub!EPUB/chapters/a.xhtml file /om/",
      "publikationer/x/x.epub!EPUB/chapters/a.xhtml page https://test.example.dk/mangler/",
      "publikationer/x/x.epub!EPUB/nav.xhtml file chapters/c.xhtml",
    ]);
    expect(result.links).toBe(7);
  });

  it("checks the links inside a PDF: named destinations, and URIs back to the site", async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage();
    pdf.catalog.set(PDFName.of("Dests"), pdf.context.obj({ kapitel: [page.ref, "XYZ", null, null, null] }));
    const link = (fields: Record<string, unknown>) =>
      pdf.context.register(
        pdf.context.obj({ Type: "Annot", Subtype: "Link", Rect: [0, 0, 10, 10], ...fields } as never),
      );
    const uri = (value: string) => ({ A: pdf.context.obj({ S: "URI", URI: PDFString.of(value) }) });
    page.node.set(
      PDFName.of("Annots"),
      pdf.context.obj([
        link({ Dest: PDFName.of("kapitel") }),
        link({ Dest: PDFName.of("kapitel-mangler") }),
        link(uri("https://test.example.dk/om/")),
        link(uri("https://test.example.dk/mangler/")),
        link(uri("https://example.org/")),
      ]),
    );
    const dir = site({ "om/index.html": htmlPage("<p>om</p>") });
    mkdirSync(path.join(dir, "publikationer/x"), { recursive: true });
    writeFileSync(path.join(dir, "publikationer/x/x.pdf"), await pdf.save({ useObjectStreams: false }));
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), "udgiv-links-cache-"));
    for (const run of ["cold", "cached"]) {
      const result = await checkOutput(dir, { prefix: "/", baseUrl: "https://test.example.dk", cacheDir });
      expect(result.broken.map((b) => `${b.document} ${b.kind} ${b.value}`).sort(), run).toEqual([
        "publikationer/x/x.pdf#page=1 anchor #kapitel-mangler",
        "publikationer/x/x.pdf#page=1 page https://test.example.dk/mangler/",
      ]);
      expect(result.links).toBe(4);
    }
  });

  it("resolves links relative to the page and its prefix", () => {
    const address = { prefix: normalisePrefix("udgiv"), baseUrl: "https://x.dk" };
    expect(address.prefix).toBe("/udgiv/");
    expect(resolveLink("../b/#c%C3%A6", "/udgiv/a/", address)).toEqual({
      kind: "internal",
      path: "/udgiv/b/",
      fragment: "cæ",
    });
    expect(resolveLink("https://x.dk/b/", "/udgiv/", address)).toEqual({
      kind: "internal",
      path: "/udgiv/b/",
      fragment: "",
    });
    expect(resolveLink("//cdn.example/x.js", "/udgiv/", address)).toEqual({ kind: "external" });
    expect(resolveLink("tel:+4511223344", "/udgiv/", address)).toEqual({ kind: "external" });
  });
});
