/**
 * The project's typefaces: every page, EPUB and PDF is set in these, from font files that come with
 * the npm packages below, never from whatever the build machine has installed. So every machine
 * prints the same pages, and the site makes no request to a font service.
 *
 * Atkinson Hyperlegible Next (Braille Institute, SIL Open Font License 1.1) was drawn for readers with
 * low vision: letters that are easy to tell apart (I l 1, O 0, rn m). Its mono sibling sets code.
 * Static files, not the variable font: Chromium's PDF backend (Skia) would embed a variable font as
 * Type 3 outlines instead of an OpenType font. Only the faces the stylesheets use, each in Google
 * Fonts' two subsets for Latin script (Danish, English and the other European languages), so a
 * browser loads a latin-ext file only for a page that has a character from it.
 */
import { createRequire } from "node:module";
import path from "node:path";

export interface FontFace {
  family: string;
  weight: 400 | 700;
  style: "normal" | "italic";
  subset: "latin" | "latin-ext";
  /** File name, the same in the package, at /assets/fonts/ on the site and in the EPUB's fonts/. */
  file: string;
}

export interface FontFamily {
  family: string;
  /** The npm package that ships the files (and the licence, its LICENSE file). */
  packageName: string;
  /** Prefix of the PostScript names of its faces: what a PDF's /BaseFont says. */
  postScriptPrefix: string;
  faces: { weight: 400 | 700; style: "normal" | "italic" }[];
}

export const FONT_FAMILIES: FontFamily[] = [
  {
    family: "Atkinson Hyperlegible Next",
    packageName: "@fontsource/atkinson-hyperlegible-next",
    postScriptPrefix: "AtkinsonHyperlegibleNext",
    faces: [
      { weight: 400, style: "normal" },
      { weight: 400, style: "italic" },
      { weight: 700, style: "normal" },
      { weight: 700, style: "italic" },
    ],
  },
  {
    // Bold or italic code is synthesised from the regular face (rare, and the same font file).
    family: "Atkinson Hyperlegible Mono",
    packageName: "@fontsource/atkinson-hyperlegible-mono",
    // The static instances are named "AtkinsonHyperlegibleMonoExtraLight-Regular" (and so on) upstream.
    postScriptPrefix: "AtkinsonHyperlegibleMono",
    faces: [{ weight: 400, style: "normal" }],
  },
];

/** Google Fonts' subsets, in the order of the @font-face rules: latin last, so a reader without unicode-range support uses it. */
export const SUBSETS = ["latin-ext", "latin"] as const;

/** Site path of the font files and their licences. */
export const FONT_URL_PATH = "/assets/fonts/";

const require = createRequire(import.meta.url);
const packageDir = (name: string): string => path.dirname(require.resolve(`${name}/package.json`));
const slugOf = (family: FontFamily): string => family.packageName.replace(/^@fontsource\//, "");

/** Every font file the project uses. */
export function fontFaces(): FontFace[] {
  return FONT_FAMILIES.flatMap((family) =>
    family.faces.flatMap(({ weight, style }) =>
      SUBSETS.map((subset) => ({
        family: family.family,
        weight,
        style,
        subset,
        file: `${slugOf(family)}-${subset}-${weight}-${style}.woff2`,
      })),
    ),
  );
}

/** Absolute path of a font file in its package. */
export function fontSource(face: FontFace): string {
  const family = FONT_FAMILIES.find((f) => f.family === face.family)!;
  return path.join(packageDir(family.packageName), "files", face.file);
}

export interface FontLicence {
  family: string;
  /** File name beside the fonts: "OFL-atkinson-hyperlegible-next.txt". */
  file: string;
  source: string;
}

/** The licence of each family (SIL OFL 1.1 asks for it to travel with the fonts). */
export function fontLicences(): FontLicence[] {
  return FONT_FAMILIES.map((family) => ({
    family: family.family,
    file: `OFL-${slugOf(family)}.txt`,
    source: path.join(packageDir(family.packageName), "LICENSE"),
  }));
}

/** The font files and licences as static files of the site: package file (absolute) → place in the site. */
export function fontFiles(): { source: string; target: string }[] {
  const files = [...fontFaces().map((face) => ({ source: fontSource(face), file: face.file })), ...fontLicences()];
  return files.map(({ source, file }) => ({ source, target: `${FONT_URL_PATH.slice(1)}${file}` }));
}

/** Versions of the font packages: part of the cache keys of the exports that embed the fonts. */
export function fontsVersion(): string {
  return FONT_FAMILIES.map(
    (family) =>
      `${family.packageName}@${(require(`${family.packageName}/package.json`) as { version: string }).version}`,
  ).join(",");
}

/** Whether a font named in a PDF (/BaseFont, "ABCDEF+AtkinsonHyperlegibleNext-Bold") is one of the project's. */
export function isProjectFont(baseFont: string): boolean {
  const name = baseFont.replace(/^[A-Z]{6}\+/, "");
  return FONT_FAMILIES.some((family) => name.startsWith(family.postScriptPrefix));
}
