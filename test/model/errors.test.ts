/**
 * Every editor mistake the content model catches, each with file, line or field, what is wrong and
 * how to fix it, in Danish (the model loaded in-process; a whole build with them: ./build-errors.test.ts).
 */
import { symlinkSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ContentError, loadSite } from "../../src/model/index.ts";
import { fixtureContent, testCacheDir } from "../helpers.ts";

const pub = (fields: string, body = "Forord.") => `---\n${fields}\n---\n${body}\n`;
const valid = "titel: T\nresume: R\ndato: 2026-01-02\nhus: styrelsen";
const chapter = "# Kapitel\n\nTekst.\n";

async function problemsOf(files: Record<string, string | Buffer>): Promise<string> {
  try {
    await loadSite({ contentDir: fixtureContent(files), imageCacheDir: path.join(testCacheDir(), "images") });
  } catch (error) {
    if (error instanceof ContentError) return error.message;
    throw error;
  }
  return "";
}

describe("content model errors", () => {
  it("accepts the minimal fixture", async () => {
    expect(await problemsOf({})).toBe("");
  });

  it("names an unknown house with the houses to choose from", async () => {
    const message = await problemsOf({
      "publikationer/a/index.md": pub(valid.replace("styrelsen", "ukendt")),
      "publikationer/a/01-k.md": chapter,
    });
    expect(message).toContain(
      'content/publikationer/a/index.md:5: hus: ukendt hus "ukendt". Brug et af husene fra content/_data/site.json: styrelsen, kontoret',
    );
  });

  it("rejects an invalid date with the format to use", async () => {
    const message = await problemsOf({
      "publikationer/a/index.md": pub(valid.replace("2026-01-02", "2. januar 2026")),
      "publikationer/a/01-k.md": chapter,
    });
    expect(message).toContain(
      "content/publikationer/a/index.md:4: dato: er ikke en gyldig dato. Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-27",
    );
    const impossible = await problemsOf({
      "publikationer/a/index.md": pub(valid.replace("2026-01-02", "2026-02-30")),
      "publikationer/a/01-k.md": chapter,
    });
    expect(impossible).toContain("dato: er ikke en gyldig dato");
  });

  it("names a missing required field", async () => {
    const message = await problemsOf({
      "publikationer/a/index.md": pub(valid.replace("resume: R\n", "")),
      "publikationer/a/01-k.md": chapter,
    });
    expect(message).toContain(
      "content/publikationer/a/index.md:2: resume: mangler. Tilføj feltet resume: i front matter",
    );
  });

  it("names a misspelt field with the one it was meant to be, or lists the known ones", async () => {
    const message = await problemsOf({
      "publikationer/a/index.md": pub(`${valid}\nundertitle: X\nforord: Y`),
      "publikationer/a/01-k.md": chapter,
    });
    expect(message).toMatch(
      /index\.md:6: undertitle: er ikke et kendt felt\. Mente du undertitel\? Skriv undertitel: i stedet for undertitle:/,
    );
    expect(message).toMatch(
      /index\.md:7: forord: er ikke et kendt felt\. Ret stavningen eller fjern feltet\. Kendte felter: titel, undertitel/,
    );
  });

  it("checks the ISBN checksum", async () => {
    const bad = await problemsOf({
      "publikationer/a/index.md": pub(`${valid}\nisbn: 978-87-7546-120-3`),
      "publikationer/a/01-k.md": chapter,
    });
    expect(bad).toContain("isbn: er ikke et gyldigt ISBN (kontrolcifferet passer ikke)");
    expect(
      await problemsOf({
        "publikationer/a/index.md": pub(`${valid}\nisbn: 978-87-7546-120-2`),
        "publikationer/a/01-k.md": chapter,
      }),
    ).toBe("");
  });

  it("requires a level-1 title as the first line of a chapter, and only one", async () => {
    const message = await problemsOf({
      "publikationer/a/index.md": pub(valid),
      "publikationer/a/01-uden-titel.md": "Tekst uden titel.\n",
      "publikationer/a/02-to-titler.md": "# En\n\nTekst.\n\n# To\n",
    });
    expect(message).toContain(
      "content/publikationer/a/01-uden-titel.md:1: kapitlet mangler en overskrift på niveau 1 som første linje. Start kapitlet med en linje som: # Kapitlets titel",
    );
    expect(message).toContain(
      "content/publikationer/a/02-to-titler.md:5: kapitlet har mere end én overskrift på niveau 1",
    );
  });

  it("reports duplicate slugs of chapters and news", async () => {
    const message = await problemsOf({
      "publikationer/a/index.md": pub(valid),
      "publikationer/a/01-metode.md": chapter,
      "publikationer/a/02-metode.md": chapter,
      "nyheder/2026-01-01-nyt.md": pub("titel: A\ndato: 2026-01-01\nhus: styrelsen\nresume: R"),
      "nyheder/2026-02-01-nyt.md": pub("titel: B\ndato: 2026-02-01\nhus: styrelsen\nresume: R"),
    });
    expect(message).toMatch(
      /content\/publikationer\/a\/02-metode\.md: kapitlet får samme adresse \(metode\) som content\/publikationer\/a\/01-metode\.md/,
    );
    expect(message).toMatch(
      /content\/nyheder\/2026-02-01-nyt\.md: nyheden får samme adresse \(nyt\) som content\/nyheder\/2026-01-01-nyt\.md/,
    );
  });

  it("requires alt text, accepts a deliberately decorative image, and names a missing image file", async () => {
    const png = await sharp({ create: { width: 40, height: 20, channels: 3, background: "#335" } })
      .png()
      .toBuffer();
    const message = await problemsOf({
      "publikationer/a/index.md": pub(valid),
      "publikationer/a/billede.png": png,
      "publikationer/a/01-k.md": '# K\n\n![](billede.png)\n\n![""](billede.png)\n\n![Et kort](kort.png)\n',
    });
    expect(message).toContain(
      'content/publikationer/a/01-k.md:3: billedet billede.png mangler alt-tekst. Beskriv billedet i de firkantede parenteser: ![Hvad billedet viser](billede.png). Er det ren pynt, så skriv ![""](billede.png)',
    );
    expect(message).not.toMatch(/01-k\.md:5/);
    expect(message).toContain("content/publikationer/a/01-k.md:7: billedfilen kort.png findes ikke");
  });

  it("explains invalid YAML with its line", async () => {
    const message = await problemsOf({
      "publikationer/a/index.md": pub(`${valid}\nundertitel: Et: to: tre`),
      "publikationer/a/01-k.md": chapter,
    });
    expect(message).toMatch(/content\/publikationer\/a\/index\.md:6: front matter er ikke gyldig YAML/);
  });

  it("refuses raw HTML that runs code", async () => {
    const message = await problemsOf({
      "publikationer/a/index.md": pub(valid),
      "publikationer/a/01-k.md": '# K\n\n<script>alert(1)</script>\n\n<a href="#" onclick="x()">Et link</a>\n',
    });
    expect(message).toContain(
      "content/publikationer/a/01-k.md:3: HTML-koden indeholder et <script>-element, som ikke er tilladt",
    );
    expect(message).toContain(
      "content/publikationer/a/01-k.md:5: HTML-koden indeholder en hændelse (on…-attribut) med JavaScript",
    );
  });

  it("reports a chapter file that cannot be read", async () => {
    const dir = fixtureContent({ "publikationer/a/index.md": pub(valid), "publikationer/a/01-k.md": chapter });
    symlinkSync(path.join(dir, "findes-ikke.md"), path.join(dir, "publikationer/a/02-brudt.md"));
    let message = "";
    await loadSite({ contentDir: dir, imageCacheDir: path.join(testCacheDir(), "images") }).catch((e) => {
      message = e.message;
    });
    expect(message).toContain("content/publikationer/a/02-brudt.md: filen findes ikke. Opret filen, eller ret navnet");
  });

  it("reports a publication folder without index.md or chapters", async () => {
    const message = await problemsOf({ "publikationer/tom/01-k.md": chapter, "publikationer/b/index.md": pub(valid) });
    expect(message).toContain("content/publikationer/tom: publikationen mangler filen index.md");
    expect(message).toContain("content/publikationer/b: publikationen har ingen kapitler");
  });
});
