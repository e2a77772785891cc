/**
 * The security stage: the finished pages must hold to the Content-Security-Policy (no inline
 * scripts, styles or event handlers; no javascript: URLs), and the base URL must agree with the
 * path prefix, or canonical URLs, feeds and the sitemap would point elsewhere. Raw HTML in Markdown
 * is checked earlier, where the model is built; this stage catches what layouts and stages add.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Parser } from "htmlparser2";
import type { BuildContext, Stage } from "../build/index.ts";
import { BuildFailure } from "../failure.ts";
import { cacheKey, codeVersion, ContentMemo } from "../cache/index.ts";
import { baseUrlMismatch } from "../feeds/index.ts";

export interface InlineCode {
  file: string; // relative to the output folder
  what: string;
}

/** Script types a browser does not run (data blocks), so the CSP does not concern them. */
const DATA_SCRIPT_TYPES = new Set(["application/ld+json", "application/json", "text/plain"]);

export const securityStage: Stage = {
  name: "security",
  async run(ctx: BuildContext) {
    const mismatch = baseUrlMismatch(ctx.site.info.baseUrl, ctx.options.pathPrefix);
    if (mismatch) throw new BuildFailure(`content/_data/site.json: ${mismatch}.`);
    const version = cacheKey({ stage: "security", code: codeVersion({ modules: ["src/security/stage.ts"] }) });
    const memo = await ContentMemo.open<string[]>(path.join(ctx.options.cacheDir, "security", "inline-code.json"), version);
    const found = await findInlineCode(ctx.outDir, memo);
    await memo.save();
    if (found.length) {
      const lines = found.slice(0, 20).map((f) => `  ${f.file}: ${f.what}`);
      const more = found.length > 20 ? [`  … og ${found.length - 20} mere`] : [];
      throw new BuildFailure(
        [
          "Sitets sikkerhedspolitik (Content-Security-Policy) ville blokere kode i disse sider:",
          ...lines, ...more, "",
          "Flyt scripts og CSS til filer under layouts/assets/, og brug klasser i stedet for style=. Intet er udgivet.",
        ].join("\n"),
      );
    }
    ctx.stats.cspCheckedPages = (await htmlFiles(ctx.outDir)).length;
  },
};

/** Every inline script, style element, style/event attribute and javascript: URL in the built pages. */
export async function findInlineCode(outDir: string, memo?: ContentMemo<string[]>): Promise<InlineCode[]> {
  const found: InlineCode[] = [];
  for (const file of await htmlFiles(outDir)) {
    const html = await readFile(path.join(outDir, file), "utf8");
    const inline = memo ? memo.get(html, () => inlineCodeIn(html)) : inlineCodeIn(html);
    for (const what of inline) found.push({ file, what });
  }
  return found;
}

export function inlineCodeIn(html: string): string[] {
  const found: string[] = [];
  let scriptWithoutSrc = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "script") {
          const type = (attributes.type ?? "").toLowerCase();
          scriptWithoutSrc = !("src" in attributes) && !DATA_SCRIPT_TYPES.has(type);
        }
        if (name === "style") found.push("et <style>-element");
        for (const [attribute, value] of Object.entries(attributes)) {
          if (attribute === "style") found.push(`style= på <${name}>`);
          else if (attribute.startsWith("on")) found.push(`${attribute}= på <${name}>`);
          else if (/^\s*javascript:/i.test(value) && ["href", "src", "action", "formaction"].includes(attribute)) {
            found.push(`et javascript:-link på <${name}>`);
          }
        }
      },
      ontext(text) {
        if (scriptWithoutSrc && text.trim()) {
          found.push("et <script> med kode i siden (uden src=)");
          scriptWithoutSrc = false;
        }
      },
      onclosetag(name) {
        if (name === "script") scriptWithoutSrc = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}
