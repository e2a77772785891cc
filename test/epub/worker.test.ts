/** Books built in the EPUB stage's worker thread (many to build) are the same bytes as books built in the build's own thread. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getSite } from "../../src/model/index.ts";
import { BookBuilder } from "../../src/epub/stage.ts";
import { siteRoot } from "../../src/urls/index.ts";
import { ROOT, testCacheDir } from "../helpers.ts";

describe("EPUB worker thread", () => {
  it("builds every sample book byte for byte as the build's own thread does", async () => {
    const site = await getSite({
      contentDir: path.join(ROOT, "content"),
      imageCacheDir: path.join(testCacheDir(), "images"),
    });
    const imageFiles = new Map(site.imageFiles.map((file) => [path.basename(file), file]));
    const inline = new BookBuilder(false);
    const threaded = new BookBuilder(true);
    try {
      for (const publication of site.publications.filter((p) => p.exports.epub)) {
        const house = site.info.houses.find((h) => h.id === publication.house)!;
        const input = {
          publication,
          house,
          baseUrl: site.info.baseUrl,
          siteRoot: siteRoot(site.info.baseUrl, "/"),
          imageFiles,
        };
        const date = publication.updated ?? publication.date;
        expect(
          Buffer.from(await threaded.build(input, date)).equals(Buffer.from(await inline.build(input, date))),
        ).toBe(true);
      }
    } finally {
      await threaded.close();
    }
  }, 60_000);
});
