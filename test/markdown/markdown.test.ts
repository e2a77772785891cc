import { describe, expect, it } from "vitest";
import { parseMarkdown, renderMarkdown, slugify } from "../../src/markdown/index.ts";

const render = (source: string, lang: "da" | "en" = "da", stripTitle = false) => {
  const parsed = parseMarkdown(source, { lang, stripTitle, docId: "kap" });
  return { parsed, html: renderMarkdown(parsed) };
};

describe("slugify", () => {
  it("transliterates Danish letters and keeps words readable", () => {
    expect(slugify("Ærø og Åbenrå – første øjeblik")).toBe("aeroe-og-aabenraa-foerste-oejeblik");
    expect(slugify("Café & Über 2026!")).toBe("cafe-uber-2026");
  });
});

describe("markdown", () => {
  it("gives headings stable ids with Danish letters handled and collects them", () => {
    const { parsed, html } = render("# Titel\n\n## Grønne områder\n\n### Små øer\n\n## Grønne områder\n", "da", true);
    expect(parsed.title).toEqual({ text: "Titel", line: 1 });
    expect(html).toContain('<h2 id="groenne-omraader">');
    expect(html).toContain('<h3 id="smaa-oeer">');
    expect(html).not.toContain("<h1");
    expect(parsed.headings.map((h) => h.id)).toEqual(["groenne-omraader", "smaa-oeer", "groenne-omraader-1"]);
  });

  it("renders footnotes with prefixed ids, a labelled section and accessible back links", () => {
    const { html } = render("Tekst[^1].\n\n[^1]: Noten.\n");
    expect(html).toContain('<a href="#fn-kap-1" id="fnref-kap-1"><span class="visually-hidden">Note </span>1</a>');
    expect(html).toMatch(/<section class="fodnoter" aria-labelledby="noter-kap">\s*<h2 id="noter-kap">Noter<\/h2>/);
    expect(html).toContain('href="#fnref-kap-1" class="fodnote-tilbage" aria-label="Tilbage til teksten ved note 1"');
  });

  it("turns a 'Tabel:' paragraph into the caption and gives header cells scope, alignment as classes", () => {
    const { html } = render("Tabel: Besøg i *2026*\n\n| Hus | Antal |\n|---|---:|\n| A | 1 |\n");
    expect(html).toMatch(
      /<div class="tabel" role="region" tabindex="0" aria-label="Besøg i 2026">\s*<table>\s*<caption>Besøg i <em>2026<\/em><\/caption>/,
    );
    expect(html).toContain('<th class="align-right" scope="col">Antal</th>');
    expect(html).not.toContain("style=");
    expect(html).not.toContain("<p>Tabel:");
  });

  it("turns an image followed by an italic line into a figure with a caption", () => {
    const { parsed, html } = render("![Søjler over besøg](diagram.png)\n*Figur 1: Besøg.*\n");
    expect(html).toMatch(
      /<figure class="figur"><img src="diagram.png" alt="Søjler over besøg"><figcaption>Figur 1: Besøg.<\/figcaption><\/figure>/,
    );
    expect(parsed.images).toEqual([{ src: "diagram.png", alt: "Søjler over besøg", decorative: false, line: 1 }]);
  });

  it('tells a missing alt text from a deliberately decorative ![""]', () => {
    const { parsed } = render('![](a.png)\n\n![""](b.png)\n');
    expect(parsed.images.map((i) => [i.src, i.alt, i.decorative])).toEqual([
      ["a.png", "", false],
      ["b.png", "", true],
    ]);
  });

  it("uses Danish quotes in Danish and English quotes in English; links stay in the same tab", () => {
    expect(render('Han sagde "hej" til [os](https://example.dk).').html).toContain("»hej«");
    expect(render('He said "hi".', "en").html).toContain("“hi”");
    expect(render("[os](https://example.dk)").html).not.toContain("target=");
  });

  it("reports line numbers offset by the front matter, and link texts", () => {
    const { parsed } = render("Linje et.\n\n[Læs vejledningen](02-x.md) her.\n");
    expect(parsed.links).toEqual([{ href: "02-x.md", text: "Læs vejledningen", line: 3 }]);
    const offset = parseMarkdown("Linje et.\n\n![](x.png)\n", { lang: "da", firstLine: 5 });
    expect(offset.images[0].line).toBe(7);
  });
});
