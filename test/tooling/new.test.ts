/**
 * `npm run new`: correctly named files with filled-in front matter, Danish letters transliterated,
 * today's date, the first house by default; refuses an address in use; and what it writes passes
 * `npm run check` and builds, accessibility gate included.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fixtureContent, runBuild, type BuildRun } from "../helpers.ts";
import { runScript, type ScriptRun } from "./run.ts";

function frontMatter(file: string): Record<string, unknown> {
  const text = readFileSync(file, "utf8");
  return parse(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]) as Record<string, unknown>;
}

describe("npm run new", () => {
  const content = fixtureContent();
  const publication = path.join(content, "publikationer/aarsrapport-oekonomi-paa-tvaers");
  let created: ScriptRun;
  let news: ScriptRun;
  let english: ScriptRun;
  let today: ScriptRun;
  let again: ScriptRun;
  let newsAgain: ScriptRun;
  let badHouse: ScriptRun;
  let usage: ScriptRun;
  let indexBefore: string;
  let check: ScriptRun;
  let build: BuildRun;

  beforeAll(async () => {
    const at = ["--content", content];
    created = await runScript("new", ["publikation", "Årsrapport: Økonomi på tværs", "--dato", "2026-11-27", ...at]);
    news = await runScript("new", [
      "nyhed",
      "Ny vejledning om tilgængelighed",
      "--hus",
      "kontoret",
      "--dato",
      "2026-11-26",
      ...at,
    ]);
    english = await runScript("new", ["publikation", "Annual Report", "--sprog", "en", "--dato", "2026-11-25", ...at]);
    today = await runScript("new", ["nyhed", "Født i dag", ...at]);
    indexBefore = readFileSync(path.join(publication, "index.md"), "utf8");
    [again, newsAgain, badHouse, usage] = await Promise.all([
      runScript("new", ["publikation", "ÅRSRAPPORT – økonomi på tværs", ...at]),
      runScript("new", ["nyhed", "Ny vejledning om tilgængelighed", "--dato", "2026-12-01", ...at]),
      runScript("new", ["nyhed", "Noget", "--hus", "ministeriet", ...at]),
      runScript("new", ["rapport", "Noget", ...at]),
    ]);
    check = await runScript("check", at);
    build = await runBuild({ contentDir: content, skip: ["pdf"] });
  });

  it("scaffolds a publication folder named from the title, with index.md and a first chapter", () => {
    expect(created.code, created.stderr).toBe(0);
    expect(readdirSync(publication).sort()).toEqual(["01-indledning.md", "index.md"]);
    expect(frontMatter(path.join(publication, "index.md"))).toEqual({
      titel: "Årsrapport: Økonomi på tværs",
      resume: expect.stringMatching(/\S/),
      dato: "2026-11-27",
      hus: "styrelsen", // the first house of site.json
      forfattere: [],
      emner: [],
    });
    expect(readFileSync(path.join(publication, "01-indledning.md"), "utf8")).toMatch(/^# Indledning\n/);
    expect(created.stdout).toContain("/publikationer/aarsrapport-oekonomi-paa-tvaers/");
  });

  it("scaffolds a news item named by date and title, with --hus and --sprog", () => {
    expect(news.code, news.stderr).toBe(0);
    const file = path.join(content, "nyheder/2026-11-26-ny-vejledning-om-tilgaengelighed.md");
    expect(frontMatter(file)).toMatchObject({
      titel: "Ny vejledning om tilgængelighed",
      dato: "2026-11-26",
      hus: "kontoret",
    });
    expect(english.code, english.stderr).toBe(0);
    expect(frontMatter(path.join(content, "publikationer/annual-report/index.md"))).toMatchObject({
      sprog: "en",
      dato: "2026-11-25",
    });
    expect(existsSync(path.join(content, "publikationer/annual-report/01-introduction.md"))).toBe(true);
  });

  it("dates with today's date in Copenhagen by default", () => {
    expect(today.code, today.stderr).toBe(0);
    const date = DateTime.now().setZone("Europe/Copenhagen").toISODate();
    expect(existsSync(path.join(content, `nyheder/${date}-foedt-i-dag.md`))).toBe(true);
  });

  it("refuses an address in use, an unknown house and an unknown kind, and changes nothing", () => {
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /Der findes allerede en publikation med adressen \/publikationer\/aarsrapport-oekonomi-paa-tvaers\//,
    );
    expect(readFileSync(path.join(publication, "index.md"), "utf8")).toBe(indexBefore);
    expect(newsAgain.code).toBe(1);
    expect(newsAgain.stderr).toMatch(
      /Der findes allerede en nyhed med adressen \/nyheder\/ny-vejledning-om-tilgaengelighed\//,
    );
    expect(existsSync(path.join(content, "nyheder/2026-12-01-ny-vejledning-om-tilgaengelighed.md"))).toBe(false);
    expect(badHouse.code).toBe(1);
    expect(badHouse.stderr).toContain('Ukendt hus "ministeriet". Brug et af: styrelsen, kontoret');
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('npm run new -- publikation "Titel på publikationen"');
  });

  it("what it writes passes npm run check and builds, accessibility gate included", () => {
    expect(check.code, check.stderr).toBe(0);
    expect(build.code, build.stderr).toBe(0);
    expect(
      existsSync(path.join(build.outDir, "publikationer/aarsrapport-oekonomi-paa-tvaers/indledning/index.html")),
    ).toBe(true);
    expect(existsSync(path.join(build.outDir, "nyheder/ny-vejledning-om-tilgaengelighed/index.html"))).toBe(true);
  });
});
