/** A build with unsafe raw HTML fails and names each file and line; the allowed markup passes. */
import { beforeAll, describe, expect, it } from "vitest";
import { fixtureContent, runBuild, type BuildRun } from "../helpers.ts";

describe("a build with unsafe raw HTML", () => {
  let run: BuildRun;
  const pub = "publikationer/lille-publikation";

  beforeAll(async () => {
    const content = fixtureContent({
      [`${pub}/03-script.md`]: "# Script\n\nFørst en linje.\n\n<script>alert('hej')</script>\n",
      [`${pub}/04-klik.md`]: '# Klik\n\nTryk <a href="#" onclick="steal()">her</a> for mere.\n',
      [`${pub}/05-link.md`]: '# Link\n\nEt afsnit.\n\nOg et <a href="javascript:alert(1)">farligt link</a>.\n',
      [`${pub}/06-stil.md`]: '# Stil\n\n<p style="color: red">Rød tekst</p>\n',
      "nyheder/2026-11-21-tilladt.md":
        '---\ntitel: Tilladt HTML\nresume: En nyhed med tilladt HTML.\ndato: 2026-11-21\nhus: styrelsen\n---\nDer står <abbr title="Velfærdsstatistik">VS</abbr> og <kbd>Ctrl</kbd>.\n',
    });
    run = await runBuild({ contentDir: content, skip: ["epub", "pdf", "search", "links", "gate"] });
  });

  it("fails and names each file and line", () => {
    expect(run.code).toBe(1);
    const out = run.stderr;
    expect(out).toContain(
      `content/${pub}/03-script.md:5: HTML-koden indeholder et <script>-element, som ikke er tilladt`,
    );
    expect(out).toContain(
      `content/${pub}/04-klik.md:3: HTML-koden indeholder en hændelse (on…-attribut) med JavaScript, som ikke er tilladt. Fjern attributten onclick=`,
    );
    expect(out).toContain(
      `content/${pub}/05-link.md:5: HTML-koden indeholder et javascript:-link, som ikke er tilladt`,
    );
    expect(out).toContain(`content/${pub}/06-stil.md:3: HTML-koden indeholder en style=-attribut, som ikke er tilladt`);
    expect(out).toContain("Der er 4 fejl i indholdet");
    expect(out).not.toContain("tilladt.md"); // the allowed markup passes
    expect(out).not.toMatch(/\n\s+at /); // no stack trace
  });
});
