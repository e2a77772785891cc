/**
 * SVG images are parsed as XML and refused unless they only draw: an SVG opened on its own runs its
 * scripts on the site's origin, and no `<meta>` policy protects it. The model refuses them (so
 * `npm run check` does too) with a Danish message naming the file; the security stage checks every
 * published `.svg`; a build with one exits 1 and touches neither `content/` nor the previous `_site/`.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { BuildContext } from "../../src/pipeline/index.ts";
import { BuildFailure } from "../../src/failure.ts";
import { securityStage } from "../../src/security/stage.ts";
import { findUnsafeSvg, findUnsafeSvgFile } from "../../src/security/svg.ts";
import { differences, snapshot, type FileState } from "../pipeline/tree.ts";
import { fixtureContent, ROOT, runBuild, type BuildRun } from "../helpers.ts";
import { runCheck } from "../tooling/run.ts";

const NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"';
const svg = (body: string, rootAttributes = "") =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<svg ${NS} width="40" height="20" viewBox="0 0 40 20"${rootAttributes}>${body}<rect width="40" height="20" fill="#2a5"/></svg>\n`;

/** One file per vector: what it holds, and the reason the editor is told. */
const VECTORS: Record<string, [string, RegExp]> = {
  script: [svg("<script>alert(document.domain)</script>"), /et <script>-element/],
  "script-cdata": [svg("<script><![CDATA[alert(1)]]></script>"), /et <script>-element/],
  "html-script": [svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'), /et <script>-element/],
  onload: [svg("", ' onload="alert(1)"'), /hændelse \(onload=\)/],
  onclick: [svg('<circle r="5" OnClick="alert(1)"/>'), /hændelse \(OnClick=\)/],
  "xml-events": [
    svg('<rect xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="click"/>'),
    /hændelse \(ev:event=\)/,
  ],
  foreignobject: [
    svg('<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'),
    /<foreignObject>-element/,
  ],
  "html-iframe": [svg('<iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/>'), /HTML-element/],
  doctype: [
    `<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x "xx">]>\n<svg ${NS}><title>&x;</title></svg>\n`,
    /<!DOCTYPE>/,
  ],
  xxe: [`<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg ${NS}><text>&x;</text></svg>`, /<!DOCTYPE>/],
  entity: [`<svg ${NS}><text>&x;</text></svg>`, /XML, der ikke er gyldig/],
  "image-external": [
    svg('<image href="https://evil.example/spor.png" width="1" height="1"/>'),
    /henvisning til en anden fil \(href=/,
  ],
  "image-xlink": [svg('<image xlink:href="//evil.example/spor.png"/>'), /henvisning til en anden fil \(xlink:href=/],
  "image-svg-data": [svg('<image href="data:image/svg+xml;base64,PHN2Zy8+"/>'), /henvisning til en anden fil/],
  "use-external": [svg('<use href="andet.svg#figur"/>'), /henvisning til en anden fil/],
  "javascript-href": [svg('<use xlink:href=" java\tscript:alert(1)"/>'), /javascript:-link/],
  link: [svg('<a href="#x"><circle r="3"/></a>'), /et <a>-element/],
  "style-import": [svg("<style>@import url(https://evil.example/x.css);</style>"), /@import/],
  "style-url": [
    svg("<style>rect { fill: url(https://evil.example/p.svg#p) }</style>"),
    /henvisning til en anden fil i CSS/,
  ],
  "style-escape": [svg("<style>rect { fill: u\\72l(https://evil.example/p) }</style>"), /escape-tegn/],
  "style-attribute": [svg('<rect style="fill:url(//evil.example/p)"/>'), /henvisning til en anden fil i CSS/],
  "fill-url": [svg('<rect fill="url(https://evil.example/p.svg#p)"/>'), /henvisning til en anden fil i CSS/],
  "animate-href": [
    svg('<use href="#a"><set attributeName="href" to="javascript:alert(1)"/></use>'),
    /animation, der ændrer href=/,
  ],
  "animate-xlink": [
    svg('<use href="#a"><animate attributeName="xlink:href" values="https://evil.example/#a"/></use>'),
    /animation, der ændrer xlink:href=/,
  ],
  "animate-handler": [
    svg('<rect><set attributeName="onmouseover" to="alert(1)"/></rect>'),
    /animation, der ændrer onmouseover=/,
  ],
  stylesheet: [`<?xml-stylesheet href="https://evil.example/x.css"?>\n<svg ${NS}/>`, /behandlingsinstruktion/],
  encoding: [`<?xml version="1.0" encoding="ISO-2022-JP"?>\n<svg ${NS}/>`, /tegnsættet ISO-2022-JP/],
  "not-svg": [
    '<html xmlns="http://www.w3.org/1999/xhtml"><body><script>alert(1)</script></body></html>',
    /yderste element/,
  ],
  malformed: [`<svg ${NS}><rect></svg>`, /XML, der ikke er gyldig/],
};

describe("the SVG check", () => {
  it("refuses every way an SVG can run code, load something or read differently", () => {
    for (const [name, [xml, reason]] of Object.entries(VECTORS))
      expect(findUnsafeSvg(xml)?.reason, name).toMatch(reason);
  });

  it("lets drawings through: shapes, gradients, filters, internal references, embedded rasters, editor metadata", () => {
    const drawing = svg(
      [
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>',
        '<filter id="f"><feGaussianBlur stdDeviation="1"/></filter><style>.a { fill: url(#g); filter: url( "#f" ) }</style></defs>',
        '<title>Et diagram</title><desc>Søjler</desc><g class="a"><rect width="5" height="5" fill="url(#g)"/><use href="#g" xlink:href="#g"/></g>',
        '<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/><text x="1" y="9">Besøg &amp; tal</text>',
        '<animate attributeName="opacity" values="0;1" dur="1s"/>',
      ].join(""),
    );
    expect(findUnsafeSvg(drawing)).toBeUndefined();
    const inkscape = `<svg ${NS} xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" sodipodi:docname="figur.svg"><sodipodi:namedview inkscape:zoom="1"/><metadata><rdf:RDF><dc:title>Figur</dc:title></rdf:RDF></metadata><g inkscape:label="Lag 1" inkscape:groupmode="layer"><path d="M0 0L1 1"/></g></svg>`;
    expect(findUnsafeSvg(inkscape)).toBeUndefined();
  });

  it("reads raster images as raster images, and anything else as SVG", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "udgiv-svgfile-"));
    const png = path.join(dir, "a.png");
    await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } })
      .png()
      .toFile(png);
    expect(await findUnsafeSvgFile(png)).toBeUndefined();
    // An SVG named .png is still an SVG to sharp, and is published as one.
    writeFileSync(path.join(dir, "b.png"), VECTORS.script[0]);
    expect((await findUnsafeSvgFile(path.join(dir, "b.png")))?.reason).toMatch(/<script>/);
    writeFileSync(path.join(dir, "c.svg"), Buffer.from([0xff, 0xfe, 0x3c, 0x00, 0x73, 0x00]));
    expect((await findUnsafeSvgFile(path.join(dir, "c.svg")))?.reason).toMatch(/UTF-8/);
  });

  it("the security stage checks every published SVG, not only HTML", async () => {
    const outDir = mkdtempSync(path.join(os.tmpdir(), "udgiv-svgstage-"));
    mkdirSync(path.join(outDir, "img"), { recursive: true });
    writeFileSync(path.join(outDir, "index.html"), '<!doctype html><link rel="stylesheet" href="/a.css"><p>ok</p>');
    writeFileSync(path.join(outDir, "img", "god.svg"), svg(""));
    writeFileSync(path.join(outDir, "img", "ond.svg"), VECTORS.onload[0]);
    const ctx = {
      outDir,
      options: { pathPrefix: "/", skip: new Set<string>(), root: ROOT, cacheDir: `${outDir}-cache` },
      site: { info: { baseUrl: "https://example.dk" }, publications: [] },
      stats: {},
    } as unknown as BuildContext;
    const error = await securityStage.run(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildFailure);
    expect((error as Error).message).toContain(
      `${path.join("img", "ond.svg")}: indeholder en hændelse (onload=) med JavaScript på <svg>`,
    );
    expect((error as Error).message).not.toContain("god.svg");
  });
});

describe("a build with unsafe SVG images", () => {
  const QUICK = ["epub", "pdf", "search", "links", "gate"];
  const newsFile = "nyheder/2026-11-23-figurer.md";
  const names = Object.keys(VECTORS);
  // The news item shows every vector, one image per paragraph (line 7, 9, 11, …), plus an SVG named .png.
  const body = [...names.map((n) => `![Figur ${n}](${n}.svg)`), "![Forklædt figur](forklaedt.png)"].join("\n\n");
  const files: Record<string, string> = {
    [newsFile]: `---\ntitel: Figurer\nresume: En nyhed med figurer.\ndato: 2026-11-23\nhus: styrelsen\n---\n${body}\n`,
    "nyheder/forklaedt.png": VECTORS.script[0],
    ...Object.fromEntries(names.map((n) => [`nyheder/${n}.svg`, VECTORS[n][0]])),
  };
  let outDir: string;
  let before: Map<string, FileState>;
  let contentDir: string;
  let contentBefore: Map<string, FileState>;
  let hostile: BuildRun;
  let checked: { code: number; out: string };
  let safe: BuildRun;

  beforeAll(async () => {
    outDir = path.join(mkdtempSync(path.join(os.tmpdir(), "udgiv-svg-")), "_site");
    const good = await runBuild({ contentDir: fixtureContent(), outDir, skip: QUICK });
    expect(good.code, good.stderr).toBe(0);
    before = snapshot(outDir);
    contentDir = fixtureContent(files);
    contentBefore = snapshot(contentDir);
    hostile = await runBuild({ contentDir, outDir, skip: QUICK });
    checked = await runCheck(contentDir);
    safe = await runBuild({
      contentDir: fixtureContent({
        [newsFile]:
          "---\ntitel: Figur\nresume: En nyhed med en figur.\ndato: 2026-11-23\nhus: styrelsen\n---\n![Grøn bjælke](figur.svg)\n",
        "nyheder/figur.svg": svg("<title>Grøn bjælke</title>"),
      }),
      skip: QUICK,
    });
  });

  it("fails with exit code 1 and a Danish message naming each SVG file", () => {
    expect(hostile.code).toBe(1);
    names.forEach((name, i) => {
      const line = 7 + 2 * i;
      expect(hostile.stderr).toContain(
        `content/${newsFile}:${line}: SVG-filen content/nyheder/${name}.svg indeholder `,
      );
      expect(hostile.stderr).toMatch(
        new RegExp(`${name}\\.svg indeholder [^\\n]*${VECTORS[name][1].source}[^\\n]*, som ikke er tilladt\\. `),
      );
    });
    expect(hostile.stderr).toContain(
      `SVG-filen content/nyheder/forklaedt.png indeholder et <script>-element, som ikke er tilladt`,
    );
    expect(hostile.stderr).toContain(`Der er ${names.length + 1} fejl i indholdet`);
    expect(hostile.stderr).not.toMatch(/\n\s+at /);
  });

  it("is refused by npm run check too", () => {
    expect(checked.code).toBe(1);
    expect(checked.out).toContain(
      `SVG-filen content/nyheder/script.svg indeholder et <script>-element, som ikke er tilladt`,
    );
    expect(checked.out).toContain(`SVG-filen content/nyheder/foreignobject.svg indeholder et <foreignObject>-element`);
  });

  it("leaves content/ and the previous _site/ untouched", () => {
    expect(differences(contentBefore, snapshot(contentDir))).toEqual([]);
    expect(differences(before, snapshot(outDir))).toEqual([]);
  });

  it("publishes a drawing that only draws, unchanged", () => {
    expect(safe.code, safe.stderr).toBe(0);
    const published = readdirSync(path.join(safe.outDir, "img")).filter((f) => f.endsWith(".svg"));
    expect(published.length).toBe(1);
    expect(readFileSync(path.join(safe.outDir, "img", published[0]), "utf8")).toBe(svg("<title>Grøn bjælke</title>"));
  });
});
