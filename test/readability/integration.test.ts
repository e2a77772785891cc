/**
 * Readability end to end: the model measures every chapter, the build warns editors about
 * chapters above their audience's LIX target (or fails in strict mode), writes
 * reports/readability.md, and the pages show readers the reading level and time.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { load } from "cheerio";
import { beforeAll, describe, expect, it } from "vitest";
import { measureText } from "../../src/readability/index.ts";
import { fixtureContent, readOutput, ROOT, runBuild, sampleSite, type BuildRun } from "../helpers.ts";

// Only the model, this stage and the HTML matter here; the other checks have tests of their own.
const SKIP = ["pdf", "epub", "search", "links", "security", "gate"];
const FOLDER = "content/publikationer/hjaelp-i-hjemmet";
const CHAPTER = `${FOLDER}/01-lange-saetninger.md`;

// File lines on the right. The longest sentence (53 words) starts in the middle of line 12.
const PROSE_START = 6;
const BODY = [
  "# Hjælp i hjemmet", //                                                                                  4
  "", //                                                                                                   5
  "Kommunalbestyrelsen skal i overensstemmelse med de gældende bestemmelser i lovgivningen om social", //  6
  "service sørge for, at borgere med betydelig og varigt nedsat funktionsevne modtager den nødvendige", // 7
  "personlige hjælp, pleje og praktiske støtte i hjemmet.", //                                            8
  "", //                                                                                                   9
  "Ansøgningen om personlig hjælp skal indeholde oplysninger om ansøgerens økonomiske forhold, herunder", // 10
  "indtægter, formue og udgifter til husleje, forsikringer og transport, så forvaltningen kan foretage en", // 11
  "samlet vurdering af ansøgerens berettigelse. Kommunalbestyrelsen træffer afgørelse på grundlag af en", // 12
  "konkret, individuel vurdering af ansøgerens samlede situation, herunder helbredsmæssige, familiemæssige,", // 13
  "boligmæssige og beskæftigelsesmæssige forhold, og kommunalbestyrelsen skal i denne forbindelse inddrage", // 14
  "relevante lægelige oplysninger, udtalelser fra sagkyndige og ansøgerens egne oplysninger om behovet for", // 15
  "hjælp, således at afgørelsen træffes på et fuldstændigt og tilstrækkeligt oplyst grundlag.", //        16
  "", //                                                                                                   17
  "Klagefristen er fire uger.", //                                                                        18
].join("\n");
const LONG_CHAPTER = `---\norden: 1\n---\n${BODY}\n`;

const PUBLICATION = (audience?: string) =>
  [
    "---",
    "titel: Hjælp i hjemmet",
    "resume: Sådan søger du om hjælp i hjemmet.",
    "dato: 2026-11-26",
    "hus: styrelsen",
    "forfattere:",
    "  - navn: Test Testesen",
    "emner: [test]",
    ...(audience ? [`maalgruppe: ${audience}`] : []),
    "---",
    "Et kort forord.",
    "",
  ].join("\n");

/**
 * The hard text for citizens (the default audience). An audience that site.json does not list is
 * a content error since issue 13 (test/model/hostile.test.ts), so no publication here has one.
 */
const FILES = {
  "publikationer/hjaelp-i-hjemmet/index.md": PUBLICATION(),
  "publikationer/hjaelp-i-hjemmet/01-lange-saetninger.md": LONG_CHAPTER,
  "publikationer/hjaelp-i-hjemmet/02-kort.md": "# Kort\n\nDet er let. Du kan læse det.\n",
};

/** What the LIX module says about the chapter's prose (its three paragraphs, from line 6). */
const expected = measureText(BODY.split("\n").slice(2).join("\n"), "da");

const reportOf = (run: BuildRun) =>
  readFileSync(path.join(path.dirname(run.outDir), "reports", "readability.md"), "utf8");

describe("a citizen-facing chapter written in long sentences", () => {
  let run: BuildRun;
  beforeAll(async () => {
    run = await runBuild({ contentDir: fixtureContent(FILES), skip: SKIP });
  }, 120_000);

  it("is far above the citizens' target of 40 (the premise of these tests, counted by hand)", () => {
    // Sentences of 34, 31, 53 and 4 words.
    expect(expected).toMatchObject({ words: 122, sentences: 4, band: "very-hard" });
    expect(expected.longestSentences[0]).toMatchObject({ line: 12 - PROSE_START + 1, words: 53 });
  });

  it("builds, but warns with the file, the line of the longest sentence and the score", () => {
    expect(run.code, run.stderr).toBe(0);
    const log = run.stdout + run.stderr;
    expect(log).toContain("Advarsel om klart sprog: 1 kapitel er sværere at læse");
    expect(log).toContain(`${CHAPTER}:12: kapitlet »Hjælp i hjemmet« har LIX ${Math.round(expected.lix)} (meget svær)`);
    expect(log).toContain("målet for målgruppen borgere er højst 40");
  });

  it("lists the longest sentences with their lines and the most frequent long words", () => {
    const warning = run.stderr.slice(run.stderr.indexOf(CHAPTER));
    const lines = warning.split("\n");
    expect(lines[1]).toBe("    Længste sætninger:");
    expect(lines[2]).toMatch(/^ +linje 12 \(53 ord\): »Kommunalbestyrelsen træffer afgørelse .{80,} …«$/);
    expect(lines[3]).toMatch(/^ +linje 6 \(34 ord\): »Kommunalbestyrelsen skal i overensstemmelse/);
    expect(lines[4]).toMatch(/^ +linje 10 \(31 ord\): »Ansøgningen om personlig hjælp/);
    // "ansøgerens" four times, "kommunalbestyrelsen" and "oplysninger" three times each.
    expect(lines[5]).toMatch(/Hyppigste lange ord: ansøgerens \(4\), kommunalbestyrelsen \(3\), oplysninger \(3\), /);
  });

  it("does not warn about the short chapter", () => {
    expect(run.stderr).not.toContain("02-kort.md");
  });

  it("shows the chapter's and the publication's reading level to readers", () => {
    const chapter = load(readOutput(run.outDir, "/publikationer/hjaelp-i-hjemmet/lange-saetninger/"));
    const meta = chapter("article header .meta");
    expect(meta.text()).toBe(`Sværhedsgrad: meget svær (LIX ${Math.round(expected.lix)}) · Læsetid: ca. 1 min.`);
    expect(meta.attr("data-pagefind-filter")).toBe("svaerhedsgrad:meget svær"); // a search filter
    const publication = load(readOutput(run.outDir, "/publikationer/hjaelp-i-hjemmet/"));
    const level = publication("dt")
      .filter((_, el) => publication(el).text() === "Sværhedsgrad")
      .next("dd");
    expect(level.text()).toMatch(/^(svær|meget svær) \(LIX \d+\)$/);
    expect(level.attr("data-pagefind-filter")).toBe(`svaerhedsgrad:${level.text().replace(/ \(.*/, "")}`);
  });

  it("writes reports/readability.md next to the output folder, marking the chapter over its target", () => {
    const report = reportOf(run);
    expect(report).toContain("Advarsler: 1.");
    const row = report.split("\n").find((l) => l.includes(`| ${CHAPTER} |`));
    expect(row).toBe(
      `| Hjælp i hjemmet | ${CHAPTER} | ${expected.lix.toFixed(1).replace(".", ",")} ⚠ over målet | meget svær | ` +
        `${expected.words} | ${expected.sentences} | 1 |`,
    );
    expect(report).toContain("| Kort | content/publikationer/hjaelp-i-hjemmet/02-kort.md | ");
  });
});

describe("strict LIX mode", () => {
  let flag: BuildRun;
  let env: BuildRun;
  beforeAll(async () => {
    const contentDir = fixtureContent(FILES);
    [flag, env] = await Promise.all([
      runBuild({ contentDir, skip: SKIP, extra: ["--strict-lix"] }),
      runBuild({ contentDir, skip: SKIP, env: { UDGIV_STRICT_LIX: "1" } }),
    ]);
  }, 120_000);

  it("fails the build with --strict-lix, naming the file and line, and publishes nothing", () => {
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain("Byggeriet stoppede: 1 kapitel er sværere at læse");
    expect(flag.stderr).toContain(`${CHAPTER}:12: `);
    expect(flag.stderr).not.toMatch(/at .*\.ts:\d+/); // an editor message, not a stack trace
    expect(existsSync(flag.outDir)).toBe(false);
  });

  it("fails the build with UDGIV_STRICT_LIX=1 too", () => {
    expect(env.code).toBe(1);
    expect(env.stderr).toContain(`${CHAPTER}:12: `);
  });
});

describe("the sample site", () => {
  const site = () => sampleSite();
  const publications = readdirSync(path.join(ROOT, "content/publikationer"), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith("_") && !e.name.startsWith("."))
    .map((e) => e.name);

  it("shows the reading level and reading time on every publication page", () => {
    expect(publications.length).toBeGreaterThan(0);
    for (const slug of publications) {
      const $ = load(readOutput(site(), `/publikationer/${slug}/`));
      const facts = $("dl.facts dt")
        .toArray()
        .map((dt) => `${$(dt).text()}: ${$(dt).next("dd").text()}`);
      expect(facts, slug).toContainEqual(
        expect.stringMatching(
          /^(Sværhedsgrad: (meget let|let|middel|svær|meget svær)|Reading level: (very easy|easy|medium|hard|very hard)) \(LIX \d+\)$/,
        ),
      );
      expect(facts, slug).toContainEqual(
        expect.stringMatching(/^(Læsetid: ca\. \d+ min\.|Reading time: about \d+ min)$/),
      );
      // The search filter carries the Danish band on every page, so the language bundles add up.
      expect($("dl.facts dd[data-pagefind-filter]").attr("data-pagefind-filter"), slug).toMatch(
        /^svaerhedsgrad:(meget let|let|middel|svær|meget svær)$/,
      );
    }
  });

  it("lists every publication and chapter in reports/readability.md, matching the pages", () => {
    const report = readFileSync(path.join(path.dirname(site()), "reports", "readability.md"), "utf8");
    for (const slug of publications) {
      const folder = `content/publikationer/${slug}`;
      const whole = report.split("\n").find((l) => l.startsWith(`| Hele publikationen | ${folder}/ |`));
      expect(whole, slug).toBeDefined();
      const lix = Number(whole!.split("|")[3].trim().split(" ")[0].replace(",", "."));
      const page = load(readOutput(site(), `/publikationer/${slug}/`));
      expect(page("dl.facts abbr").parent().text()).toContain(`(LIX ${Math.round(lix)})`);

      const chapters = readdirSync(path.join(ROOT, folder)).filter(
        (f) => f.endsWith(".md") && f !== "index.md" && !/^[_.]/.test(f),
      );
      for (const file of chapters) expect(report, file).toMatch(new RegExp(`\\| ${folder}/${file} \\| \\d+,\\d`));
    }
  });

  // The search stage may be skipped locally (UDGIV_SAMPLE_SKIP=search); CI always builds it.
  it.skipIf(!existsSync(path.join(sampleSite(), "pagefind")))(
    "puts the reading level into the search index as a filter",
    () => {
      const fragments = readdirSync(path.join(site(), "pagefind"), { recursive: true, encoding: "utf8" })
        .filter((f) => /(^|\/)fragment\/[^/]+$/.test(f))
        .map((f) =>
          JSON.parse(
            gunzipSync(readFileSync(path.join(site(), "pagefind", f)))
              .toString("utf8")
              .replace(/^pagefind_dcd/, ""),
          ),
        )
        .map((f: { url: string; filters: Record<string, string[]> }) => [f.url, f.filters.svaerhedsgrad?.[0]] as const);
      const byUrl = new Map(fragments);
      for (const slug of publications) {
        expect(byUrl.get(`/publikationer/${slug}/`), slug).toMatch(/^(meget let|let|middel|svær|meget svær)$/);
      }
    },
  );
});
