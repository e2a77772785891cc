/**
 * The string catalogue: Danish and English hold the same keys, every one filled in; contributor
 * roles have one label per language, singular and plural, shared by every format; the EPUB's
 * accessibility summary reads as before it moved into the catalogue.
 */
import { describe, expect, it } from "vitest";
import { accessibilitySummary } from "../../src/epub/strings.ts";
import { da } from "../../src/i18n/da.ts";
import { en } from "../../src/i18n/en.ts";
import { bandText, contributorGroups, formatDate, roleLabel, strings, t } from "../../src/i18n/index.ts";
import { formatBytes, downloadLabel } from "../../src/pipeline/pages.ts";
import type { Contributor } from "../../src/model/types.ts";

/** Every key path of a catalogue, with the type of its value. */
function shape(value: unknown, prefix = ""): string[] {
  if (typeof value === "object" && value !== null) {
    return Object.entries(value)
      .flatMap(([key, inner]) => shape(inner, prefix ? `${prefix}.${key}` : key))
      .sort();
  }
  return [`${prefix}: ${typeof value}`];
}

function leaves(value: unknown): unknown[] {
  return typeof value === "object" && value !== null ? Object.values(value).flatMap(leaves) : [value];
}

describe("the catalogues", () => {
  it("hold the same keys in Danish and English, and no empty text", () => {
    expect(shape(en)).toEqual(shape(da));
    for (const value of [...leaves(da), ...leaves(en)]) {
      if (typeof value === "string") expect(value.trim()).not.toBe("");
    }
  });

  it("answer in the publication's language", () => {
    expect(t("da", "download")).toBe("Hent publikationen");
    expect(t("en", "download")).toBe("Download the publication");
    expect(bandText("medium", "da")).toBe("middel");
    expect(bandText("very-hard", "en")).toBe("very hard");
    expect(formatDate("2026-11-27", "da")).toBe("27. november 2026");
    expect(formatDate("2026-11-27", "en")).toBe("27 November 2026");
    expect(formatBytes(1_234_567, "da")).toBe("1,2 MB");
    expect(formatBytes(1_234_567, "en")).toBe("1.2 MB");
    expect(downloadLabel({ format: "pdf", url: "/x.pdf", file: "x.pdf", bytes: 245_000, pages: 12 }, "da")).toBe(
      "PDF, 245 kB, 12 sider",
    );
    expect(downloadLabel({ format: "pdf", url: "/x.pdf", file: "x.pdf", bytes: 245_000, pages: 12 }, "en")).toBe(
      "PDF, 245 kB, 12 pages",
    );
  });
});

describe("contributor roles", () => {
  it("have one label per role and language, singular and plural", () => {
    expect(roleLabel("illustrator", "da", 1)).toBe("Illustrator");
    expect(roleLabel("illustrator", "da", 2)).toBe("Illustratorer");
    expect(roleLabel("redaktør", "en", 1)).toBe("Editor");
    expect(roleLabel("fotograf", "en", 3)).toBe("Photographers");
    for (const lang of ["da", "en"] as const) {
      const labels = Object.values(strings(lang).roles).flatMap((r) => [r.one, r.many]);
      expect(
        labels.every((label) => /^\p{Lu}/u.test(label)),
        labels.join(),
      ).toBe(true);
    }
  });

  it("group the contributors by role, in the order each role first appears", () => {
    const people: Contributor[] = [
      { name: "Ann", role: "redaktør" },
      { name: "Bo", role: "forfatter" },
      { name: "Cy", role: "redaktør" },
      { name: "Di", role: "illustrator" },
      { name: "Ed", role: "redaktør" },
    ];
    expect(contributorGroups(people, "en")).toEqual([
      { role: "redaktør", label: "Editors", names: ["Ann", "Cy", "Ed"], list: "Ann, Cy and Ed" },
      { role: "forfatter", label: "Author", names: ["Bo"], list: "Bo" },
      { role: "illustrator", label: "Illustrator", names: ["Di"], list: "Di" },
    ]);
    expect(contributorGroups(people, "da")[0]).toMatchObject({ label: "Redaktører", list: "Ann, Cy og Ed" });
  });
});

describe("the EPUB's accessibility summary", () => {
  const readability = {
    lix: 38.4,
    band: "medium" as const,
    bandText: "middel",
    words: 900,
    sentences: 60,
    readingMinutes: 5,
  };

  it("reads, sentence by sentence, as it did before it moved into the catalogue", () => {
    expect(
      accessibilitySummary("da", {
        imagesHaveAlt: true,
        captionedFigures: true,
        tables: "captions-and-headers",
        linkedNotes: true,
        readability,
      }),
    ).toBe(
      "Denne EPUB opfylder EPUB Accessibility 1.1 og WCAG 2.1 på niveau AA. " +
        "Den har en indholdsfortegnelse, overskrifter i en logisk rækkefølge og en fast læserækkefølge, så du kan finde rundt i teksten med alle læseprogrammer og skærmlæsere. " +
        "Alle billeder har en alternativ tekst, og figurer har billedtekster. " +
        "Tabeller har en titel og kolonneoverskrifter. " +
        "Noter er forbundet med teksten med links begge veje. " +
        "Teksten tilpasser sig skærmen, og du kan selv vælge skrift, størrelse og farver i dit læseprogram. " +
        "Der er ingen blinkende elementer, lyd eller bevægelse. " +
        "Sværhedsgrad: LIX 38 (middel).",
    );
    expect(
      accessibilitySummary("en", { imagesHaveAlt: false, captionedFigures: false, tables: "none", linkedNotes: false }),
    ).toBe(
      "This EPUB meets EPUB Accessibility 1.1 and WCAG 2.1 Level AA. " +
        "It has a table of contents, headings in a logical order and a fixed reading order, so you can move around the text with any reading system or screen reader. " +
        "The text reflows to fit the screen, and you can choose the font, size and colours in your reading system. " +
        "There are no flashing elements, sounds or motion.",
    );
  });
});
