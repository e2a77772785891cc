import fs from "node:fs";
import MarkdownIt from "markdown-it";
import footnote from "markdown-it-footnote";
import { extractProse, measureBlocks } from "/work/main/src/readability/index.ts";
const md = new MarkdownIt().use(footnote);
for (const f of process.argv.slice(2)) {
  let t = fs.readFileSync(f, "utf8");
  const m = t.match(/^---\n([\s\S]*?)\n---\n/); const fm = m ? m[1] : ""; if (m) t = t.slice(m[0].length);
  const lang = /sprog: en/.test(fm) || f.includes("digital-by-default") ? "en" : "da";
  const r: any = measureBlocks(extractProse(md.parse(t, {}) as any), lang);
  console.log(String(r.lix ?? r.score).padStart(5), f.replace("/work/main/content/", ""));
}
