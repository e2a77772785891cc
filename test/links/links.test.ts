/**
 * Broken internal links fail both `npm run check` (without building) and the build (links stage),
 * naming the Markdown file, the line and the link; external links are never fetched.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fixtureContent, runBuild, type BuildRun } from "../helpers.ts";
import { runScript, type ScriptRun } from "../tooling/run.ts";

const MINIMAL = path.resolve(import.meta.dirname, "../fixtures/minimal");
const chapter = readFileSync(path.join(MINIMAL, "publikationer/lille-publikation/02-resultater.md"), "utf8");
const CHAPTER = "content/publikationer/lille-publikation/02-resultater.md";
const NEWS = "content/nyheder/2026-11-20-en-nyhed.md";

const brokenLinks = {
  "publikationer/lille-publikation/02-resultater.md":
    chapter +
    "\nSe [metoden](03-metode.md).\n" +
    "\nSe [noten i indledningen](01-indledning.md#findes-ikke).\n" +
    "\nSe [en anden publikation](/publikationer/lille-publikaton/).\n" +
    "\nSe [konklusionen](/publikationer/lille-publikation/resultater/#konkluzion).\n",
  "nyheder/2026-11-20-en-nyhed.md": [
    "---",
    "titel: En nyhed",
    "dato: 2026-11-20",
    "hus: kontoret",
    "resume: En kort nyhed til test.",
    "---",
    "Nyhedens tekst. Se [afsnittet længere nede](#mangler).",
    "",
    "Se [diagrammet som fil](/img/mangler.png) og [en ekstern side](https://ikke-fundet.invalid/side).",
  ].join("\n"),
};

/** One line per broken link kind: [file:line prefix, the link as written, what the message says]. */
const expected: [string, string, RegExp][] = [
  [
    `${CHAPTER}:14`,
    "03-metode.md",
    /en Markdown-fil, der ikke er et kapitel i samme publikation\. Ret filnavnet til et af publikationens kapitler \(01-indledning\.md, 02-resultater\.md\)/,
  ],
  [
    `${CHAPTER}:16`,
    "01-indledning.md#findes-ikke",
    /afsnittet #findes-ikke, som ikke findes på \/publikationer\/lille-publikation\/indledning\/\. Ret ankeret efter #; siden har fx #foerste-afsnit/,
  ],
  [
    `${CHAPTER}:18`,
    "/publikationer/lille-publikaton/",
    /en side, der ikke findes \(\/publikationer\/lille-publikaton\/\)\. Mente du \/publikationer\/lille-publikation\/\?/,
  ],
  [
    `${CHAPTER}:20`,
    "/publikationer/lille-publikation/resultater/#konkluzion",
    /afsnittet #konkluzion, som ikke findes .*#konklusion/,
  ],
  [`${NEWS}:7`, "#mangler", /afsnittet #mangler, som ikke findes på \/nyheder\/en-nyhed\//],
  [`${NEWS}:9`, "/img/mangler.png", /en fil, der ikke findes \(\/img\/mangler\.png\)/],
];

function expectEveryKind(output: string): void {
  for (const [where, link, message] of expected) {
    const line = output.split("\n").find((l) => l.includes(`${where}: linket "${link}"`));
    expect(line, `${where} ${link} in:\n${output}`).toBeDefined();
    expect(line).toMatch(message);
  }
  expect(output).not.toContain("ikke-fundet.invalid"); // external: not checked, not fetched
  expect(output).not.toMatch(/^\s+at /m); // no stack trace for an editor
}

describe("broken links between content files", () => {
  let check: ScriptRun;
  let build: BuildRun;
  let good: ScriptRun;
  let missingImage: ScriptRun;
  let missingImageBuild: BuildRun;

  beforeAll(async () => {
    const broken = fixtureContent(brokenLinks);
    const withMissingImage = fixtureContent({
      "publikationer/lille-publikation/01-indledning.md":
        "# Indledning\n\nTekst.\n\n![Søjlediagram over antal](diagram.png)\n",
    });
    [check, good, missingImage] = await Promise.all([
      runScript("check", ["--content", broken]),
      runScript("check", ["--content", fixtureContent()]),
      runScript("check", ["--content", withMissingImage]),
    ]);
    build = await runBuild({ contentDir: broken, skip: ["epub", "pdf", "gate"] });
    missingImageBuild = await runBuild({ contentDir: withMissingImage, skip: ["epub", "pdf", "search", "gate"] });
  });

  it("npm run check passes clean content", () => {
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/indholdet er i orden \(\d+ filer, \d+ interne links/);
  });

  it("npm run check names every broken link kind with file, line and fix, and exits 1", () => {
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/Der er 6 fejl i indholdet:/);
    expectEveryKind(check.stderr);
  });

  it("the build fails on the same links, names the same source lines, and publishes nothing", () => {
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/Der er 6 brudte links:/);
    expectEveryKind(build.stderr);
    expect(existsSync(build.outDir)).toBe(false);
  });

  it("a missing image is reported by both, with its file and line", () => {
    const message =
      /content\/publikationer\/lille-publikation\/01-indledning\.md:5: billedfilen diagram\.png findes ikke/;
    expect(missingImage.code).toBe(1);
    expect(missingImage.stderr).toMatch(message);
    expect(missingImageBuild.code).toBe(1);
    expect(missingImageBuild.stderr).toMatch(message);
  });
});
