/**
 * The build's settings: every one a field of BuildOptions, filled in by the command line from its
 * flags and the user-facing environment variables (scripts/options.ts), over the same defaults that
 * `build()` takes from code. `npm run build` sets nothing of its own, and nothing in src/ reads a
 * UDGIV_* variable.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildCommandLine } from "../../scripts/options.ts";
import { defaultOptions, type BuildOptions } from "../../src/pipeline/index.ts";
import { ROOT } from "../helpers.ts";

const withoutLog = ({ log: _log, ...options }: BuildOptions) => options;
const options = (argv: string[] = [], env: Record<string, string> = {}) => buildCommandLine(argv, env, ROOT).options;

describe("build options", () => {
  it("the command line without flags or environment is the build of defaultOptions(), EPUBCheck on", () => {
    expect(withoutLog(options())).toEqual(withoutLog(defaultOptions({ root: ROOT })));
    expect(defaultOptions().epubcheck).toBe(true);
  });

  it("npm run build runs scripts/build.ts with no environment of its own", () => {
    const scripts = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
    expect(scripts.build).toBe("bash scripts/setup.sh && tsx scripts/build.ts");
  });

  it("reads each environment alias into its field", () => {
    expect(
      withoutLog(
        options([], {
          UDGIV_PATH_PREFIX: "/udgiv/",
          UDGIV_FULL: "1",
          UDGIV_SKIP: "pdf, gate",
          UDGIV_STRICT_LIX: "1",
          UDGIV_EPUBCHECK: "0",
          UDGIV_A11Y_CONCURRENCY: "4",
          UDGIV_A11Y_TIMEOUT_MS: "5000",
          SOURCE_DATE_EPOCH: "1764201600",
        }),
      ),
    ).toEqual({
      ...withoutLog(defaultOptions({ root: ROOT })),
      pathPrefix: "/udgiv/",
      full: true,
      skip: new Set(["pdf", "gate"]),
      strictLix: true,
      epubcheck: false,
      a11yConcurrency: 4,
      a11yTimeoutMs: 5000,
      sourceDateEpoch: 1764201600,
    });
  });

  it("flags win over the environment; nonsense numbers fall back to the defaults", () => {
    const set = options(
      [
        "--content",
        "/x/content",
        "--out",
        "/x/site",
        "--cache",
        "/x/cache",
        "--path-prefix",
        "/a/",
        "--skip",
        "gate",
        "--no-epubcheck",
        "--strict-lix",
        "--full",
      ],
      { UDGIV_PATH_PREFIX: "/b/", UDGIV_SKIP: "pdf", UDGIV_A11Y_CONCURRENCY: "many", UDGIV_EPUBCHECK: "1" },
    );
    expect(set).toMatchObject({
      contentDir: "/x/content",
      outputDir: "/x/site",
      cacheDir: "/x/cache",
      pathPrefix: "/a/",
      full: true,
      strictLix: true,
      epubcheck: false,
      a11yConcurrency: 2,
    });
    expect([...set.skip]).toEqual(["gate"]);
    expect(options([], { UDGIV_EPUBCHECK: "1" }).epubcheck).toBe(true);
    expect(buildCommandLine(["--json"], {}, ROOT).json).toBe(true);
  });

  it("nothing in src/ reads a setting from the environment", () => {
    const files = readSources(path.join(ROOT, "src"));
    const reads = files.flatMap(({ file, text }) =>
      [...text.matchAll(/process\.env\.(\w+)/g)].map((m) => `${file}: ${m[1]}`),
    );
    // Only where the machine keeps its tools: they serve tests and the benchmark as well as builds.
    expect(reads).toEqual(["browser.ts: CHROME_PATH", "epub/validate.ts: EPUBCHECK_JAR"]);
  });
});

function readSources(dir: string, base = dir): { file: string; text: string }[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return readSources(full, base);
      return name.endsWith(".ts") ? [{ file: path.relative(base, full), text: readFileSync(full, "utf8") }] : [];
    });
}
