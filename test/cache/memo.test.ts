/** ContentMemo: results by content hash, kept between builds in one file, for one site's worth. */
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ContentMemo } from "../../src/cache/index.ts";

describe("ContentMemo", () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "udgiv-memo-")), "memo.json");
  let computed: string[] = [];
  const length = (memo: ContentMemo<number>, text: string) => memo.get(text, () => (computed.push(text), text.length));

  it("computes each content once, and remembers it in the next build", async () => {
    const first = await ContentMemo.open<number>(file, "v1");
    expect([length(first, "side a"), length(first, "side bb"), length(first, "side a")]).toEqual([6, 7, 6]);
    expect(computed).toEqual(["side a", "side bb"]);
    await first.save();
    computed = [];
    const second = await ContentMemo.open<number>(file, "v1");
    expect(length(second, "side bb")).toBe(7);
    expect(computed).toEqual([]);
    await second.save();
  });

  it("drops what the last build did not ask for", () => {
    const saved = JSON.parse(readFileSync(file, "utf8")) as { entries: unknown[] };
    expect(saved.entries).toHaveLength(1);
  });

  it("starts empty when the code that computes the results changed", async () => {
    computed = [];
    const memo = await ContentMemo.open<number>(file, "v2");
    length(memo, "side bb");
    expect(computed).toEqual(["side bb"]);
  });
});
