/** Words the EPUB itself shows or announces (front and back matter, accessibility summary), per language. */
import type { Contributor, Language, ReadabilitySummary } from "../model/types.ts";
import type { ContentFacts } from "./metadata.ts";

const strings = {
  da: {
    cover: "Omslag",
    titlePage: "Titelblad",
    contents: "Indhold",
    landmarks: "Orientering",
    colophon: "Kolofon",
    start: "Start på teksten",
    publisher: "Udgiver",
    published: "Udgivet",
    updated: "Opdateret",
    isbn: "ISBN",
    online: "Læs publikationen på nettet",
    accessibility: "Tilgængelighed",
    roles: {
      forfatter: ["Forfatter", "Forfattere"], redaktør: ["Redaktør", "Redaktører"], bidragyder: ["Bidragyder", "Bidragydere"],
      illustrator: ["Illustrationer", "Illustrationer"], fotograf: ["Fotos", "Fotos"],
    },
  },
  en: {
    cover: "Cover",
    titlePage: "Title page",
    contents: "Contents",
    landmarks: "Landmarks",
    colophon: "Colophon",
    start: "Start of the text",
    publisher: "Publisher",
    published: "Published",
    updated: "Updated",
    isbn: "ISBN",
    online: "Read the publication online",
    accessibility: "Accessibility",
    roles: {
      forfatter: ["Author", "Authors"], redaktør: ["Editor", "Editors"], bidragyder: ["Contributor", "Contributors"],
      illustrator: ["Illustrations", "Illustrations"], fotograf: ["Photographs", "Photographs"],
    },
  },
} as const;

export type EpubStrings = (typeof strings)["da"] | (typeof strings)["en"];

export function epubStrings(lang: Language): EpubStrings {
  return strings[lang] ?? strings.da;
}

/** "Forfatter" for one name, "Forfattere" for several. */
export function roleLabel(role: Contributor["role"], lang: Language, count: number): string {
  return epubStrings(lang).roles[role][count > 1 ? 1 : 0];
}

/**
 * What the book offers a reader who relies on assistive technology, in the book's language. Each
 * sentence about the content is said only when the book's facts (metadata.ts, contentFacts) show it.
 */
export function accessibilitySummary(
  lang: Language,
  facts: Pick<ContentFacts, "imagesHaveAlt" | "captionedFigures" | "tables" | "linkedNotes"> & { readability?: ReadabilitySummary },
): string {
  const lix = facts.readability ? Math.round(facts.readability.lix) : undefined;
  const { imagesHaveAlt: alt, captionedFigures: captions } = facts;
  if (lang === "en") {
    return [
      "This EPUB meets EPUB Accessibility 1.1 and WCAG 2.1 Level AA.",
      "It has a table of contents, headings in a logical order and a fixed reading order, so you can move around the text with any reading system or screen reader.",
      alt && captions && "Every image has a text alternative, and figures have captions.",
      alt && !captions && "Every image has a text alternative.",
      !alt && captions && "Figures have captions.",
      facts.tables === "captions-and-headers" && "Tables have a caption and column headers.",
      facts.tables === "headers" && "Tables have column headers.",
      facts.linkedNotes && "Notes are linked from the text and back again.",
      "The text reflows to fit the screen, and you can choose the font, size and colours in your reading system.",
      "There are no flashing elements, sounds or motion.",
      lix !== undefined && `Reading level: LIX ${lix} (${facts.readability!.bandText}).`,
    ].filter(Boolean).join(" ");
  }
  return [
    "Denne EPUB opfylder EPUB Accessibility 1.1 og WCAG 2.1 på niveau AA.",
    "Den har en indholdsfortegnelse, overskrifter i en logisk rækkefølge og en fast læserækkefølge, så du kan finde rundt i teksten med alle læseprogrammer og skærmlæsere.",
    alt && captions && "Alle billeder har en alternativ tekst, og figurer har billedtekster.",
    alt && !captions && "Alle billeder har en alternativ tekst.",
    !alt && captions && "Figurer har billedtekster.",
    facts.tables === "captions-and-headers" && "Tabeller har en titel og kolonneoverskrifter.",
    facts.tables === "headers" && "Tabeller har kolonneoverskrifter.",
    facts.linkedNotes && "Noter er forbundet med teksten med links begge veje.",
    "Teksten tilpasser sig skærmen, og du kan selv vælge skrift, størrelse og farver i dit læseprogram.",
    "Der er ingen blinkende elementer, lyd eller bevægelse.",
    lix !== undefined && `Sværhedsgrad: LIX ${lix} (${facts.readability!.bandText}).`,
  ].filter(Boolean).join(" ");
}
