/**
 * `npm run check`: the sample content passes in seconds; a schema mistake and an accessibility
 * lint finding are listed like the build lists them, and the exit code is 1. (Broken links:
 * test/links/links.test.ts.)
 */
import { beforeAll, describe, expect, it } from "vitest";
import { fixtureContent } from "../helpers.ts";
import { runScript, type ScriptRun } from "./run.ts";

describe("npm run check", () => {
  let sample: ScriptRun;
  let schema: ScriptRun;
  let lint: ScriptRun;

  beforeAll(async () => {
    sample = await runScript("check", []);
    schema = await runScript("check", [
      "--content",
      fixtureContent({
        "sider/om.md": "---\ntitel: Om\nforfatter: Nogen\n---\nTekst.\n",
      }),
    ]);
    lint = await runScript("check", [
      "--content",
      fixtureContent({
        "publikationer/lille-publikation/01-indledning.md": "# Indledning\n\nTekst.\n\n#### Et afsnit\n\nMere tekst.\n",
      }),
    ]);
  });

  it("passes the sample content without building", () => {
    expect(sample.code, sample.stderr).toBe(0);
    expect(sample.stdout).toMatch(/Udgiv: indholdet er i orden \(\d+ filer, \d+ interne links/);
  });

  it("lists a schema mistake with file, line, field and fix, and exits 1", () => {
    expect(schema.code).toBe(1);
    expect(schema.stderr).toMatch(
      /content\/sider\/om\.md:3: forfatter: er ikke et kendt felt\. Ret stavningen eller fjern feltet/,
    );
    expect(schema.stderr).toMatch(/^Der er 1 fejl i indholdet:/m);
    expect(schema.stderr).not.toMatch(/^\s+at /m);
  });

  it("runs the accessibility lint of the Markdown", () => {
    expect(sample.stdout).toContain("tilgængelighedslint");
    expect(lint.code).toBe(1);
    expect(lint.stderr).toMatch(/content\/publikationer\/lille-publikation\/01-indledning\.md:5: .*overskrift/i);
  });
});
