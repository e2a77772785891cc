/**
 * The security stage: the finished pages must hold to the Content-Security-Policy (no inline
 * scripts, styles or event handlers; no javascript: URLs), every published SVG must only draw
 * (./svg.ts: an SVG opened on its own is a document of the site that no `<meta>` policy protects),
 * and the base URL must agree with the path prefix, or canonical URLs, feeds and the sitemap would
 * point elsewhere. Raw HTML in Markdown and SVG images are checked earlier, where the model is built;
 * this stage catches what layouts and stages add, and anything that got past the model. Pages are
 * parsed with parse5, as a browser parses them.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "parse5";
import type { BuildContext, Stage } from "../pipeline/index.ts";
import { BuildFailure } from "../failure.ts";
import { cacheKey, codeVersion, ContentMemo } from "../cache/index.ts";
import { baseUrlMismatch } from "../feeds/index.ts";
import { listOutputFiles } from "../urls/index.ts";
import { attributeName, elementsOf, urlScheme } from "./raw-html.ts";
import { findUnsafeSvgFile } from "./svg.ts";

export interface InlineCode {
  file: string; // relative to the output folder
  what: string;
}

/** Script types a browser does not run (data blocks), so the CSP does not concern them. */
const DATA_SCRIPT_TYPES = new Set(["application/ld+json", "application/json", "text/plain"]);
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href"]);

export interface SecurityResult {
  counts: { cspCheckedPages: number; svgCheckedFiles: number };
}

export const securityStage: Stage<"security"> = {
  name: "security",
  async run(ctx: BuildContext) {
    const mismatch = baseUrlMismatch(ctx.site.info.baseUrl, ctx.options.pathPrefix);
    if (mismatch) throw new BuildFailure(`content/_data/site.json: ${mismatch}.`);
    const version = cacheKey({ stage: "security", code: codeVersion({ modules: ["src/security/stage.ts"] }) });
    const memo = await ContentMemo.open<string[]>(
      path.join(ctx.options.cacheDir, "security", "inline-code.json"),
      version,
    );
    const files = await listOutputFiles(ctx.outDir);
    const htmlFiles = files.filter((f) => f.toLowerCase().endsWith(".html"));
    const svgFiles = files.filter((f) => f.toLowerCase().endsWith(".svg"));
    const found = await findInlineCode(ctx.outDir, htmlFiles, memo);
    await memo.save();
    const svgs = await findUnsafeSvgs(ctx.outDir, svgFiles);
    if (found.length || svgs.length) {
      const list = (items: InlineCode[]) => [
        ...items.slice(0, 20).map((f) => `  ${f.file}: ${f.what}`),
        ...(items.length > 20 ? [`  … og ${items.length - 20} mere`] : []),
      ];
      throw new BuildFailure(
        [
          ...(found.length
            ? [
                "Sitets sikkerhedspolitik (Content-Security-Policy) ville blokere kode i disse sider:",
                ...list(found),
                "",
                "Flyt scripts og CSS til filer under layouts/assets/, og brug klasser i stedet for style=.",
              ]
            : []),
          ...(svgs.length
            ? [
                ...(found.length ? [""] : []),
                "Disse SVG-filer kunne køre kode eller hente andre filer, når de åbnes på sitet:",
                ...list(svgs),
                "",
                "Gem billedet igen som almindelig SVG uden scripts, links og henvisninger til andre filer, eller som PNG.",
              ]
            : []),
          "Intet er udgivet.",
        ].join("\n"),
      );
    }
    return {
      counts: {
        cspCheckedPages: htmlFiles.length,
        svgCheckedFiles: svgFiles.length,
      },
    };
  },
};

/** Every inline script, style element, style/event attribute and javascript: URL in the built pages. */
export async function findInlineCode(
  outDir: string,
  htmlFiles: string[],
  memo?: ContentMemo<string[]>,
): Promise<InlineCode[]> {
  const found: InlineCode[] = [];
  for (const file of htmlFiles) {
    const html = await readFile(path.join(outDir, file), "utf8");
    const inline = memo ? memo.get(html, () => inlineCodeIn(html)) : inlineCodeIn(html);
    for (const what of inline) found.push({ file, what });
  }
  return found;
}

/** Every published SVG that could run code or load other files, with the reason. */
export async function findUnsafeSvgs(outDir: string, svgFiles: string[]): Promise<InlineCode[]> {
  const found: InlineCode[] = [];
  for (const file of svgFiles) {
    const unsafe = await findUnsafeSvgFile(path.join(outDir, file));
    if (unsafe) found.push({ file, what: `indeholder ${unsafe.reason}` });
  }
  return found;
}

export function inlineCodeIn(html: string): string[] {
  const found: string[] = [];
  for (const element of elementsOf(parse(html))) {
    const name = element.tagName;
    const attributes = new Map(element.attrs.map((a) => [attributeName(a), a.value]));
    if (
      name === "script" &&
      !attributes.has("src") &&
      !DATA_SCRIPT_TYPES.has((attributes.get("type") ?? "").toLowerCase())
    ) {
      const code = element.childNodes.map((n) => ("value" in n ? n.value : "")).join("");
      if (code.trim()) found.push("et <script> med kode i siden (uden src=)");
    }
    if (name === "style") found.push("et <style>-element");
    for (const [attribute, value] of attributes) {
      if (attribute === "style") found.push(`style= på <${name}>`);
      else if (attribute.startsWith("on")) found.push(`${attribute}= på <${name}>`);
      else if (urlScheme(value) === "javascript" && URL_ATTRIBUTES.has(attribute)) {
        found.push(`et javascript:-link på <${name}>`);
      }
    }
  }
  return found;
}
