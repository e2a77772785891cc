/**
 * The settings of `npm run build`: command-line flags over the user-facing environment variables
 * over `defaultOptions()` (src/pipeline/index.ts). This is the one place the environment is read for
 * a build; inside the build every setting is a field of BuildOptions.
 *
 *   --content DIR  --out DIR  --cache DIR
 *   --path-prefix /sub/   UDGIV_PATH_PREFIX      site served from a sub-folder
 *   --full                UDGIV_FULL=1           redo cached work
 *   --skip pdf,gate       UDGIV_SKIP             leave stages out
 *   --strict-lix          UDGIV_STRICT_LIX=1     a chapter above its LIX target stops the build
 *   --no-epubcheck        UDGIV_EPUBCHECK=0      do not check new EPUBs with EPUBCheck (on by default)
 *                         UDGIV_A11Y_CONCURRENCY pages the gate audits at a time (2)
 *                         UDGIV_A11Y_TIMEOUT_MS  the gate's time limit per page (30000)
 *                         SOURCE_DATE_EPOCH      date of the accessibility statement
 *   --json                timings and counts as JSON on the last line
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { defaultOptions, type BuildOptions } from "../src/pipeline/index.ts";
import { normalisePrefix } from "../src/urls/index.ts";

export interface CommandLine {
  options: BuildOptions;
  json: boolean;
}

export function buildCommandLine(argv: string[], env: Record<string, string | undefined>, root: string): CommandLine {
  const { values } = parseArgs({
    args: argv,
    options: {
      content: { type: "string" },
      out: { type: "string" },
      cache: { type: "string" },
      "path-prefix": { type: "string" },
      full: { type: "boolean", default: false },
      skip: { type: "string" },
      json: { type: "boolean", default: false },
      "strict-lix": { type: "boolean", default: false },
      "no-epubcheck": { type: "boolean", default: false },
    },
  });
  const defaults = defaultOptions({ root });
  const flag = (name: string) => env[name] === "1";
  const positive = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  const options: BuildOptions = {
    ...defaults,
    ...(values.content && { contentDir: path.resolve(values.content) }),
    ...(values.out && { outputDir: path.resolve(values.out) }),
    ...(values.cache && { cacheDir: path.resolve(values.cache) }),
    pathPrefix: normalisePrefix(values["path-prefix"] ?? env.UDGIV_PATH_PREFIX ?? defaults.pathPrefix),
    full: values.full || flag("UDGIV_FULL"),
    skip: new Set(
      (values.skip ?? env.UDGIV_SKIP ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
    strictLix: values["strict-lix"] || flag("UDGIV_STRICT_LIX"),
    epubcheck: !values["no-epubcheck"] && env.UDGIV_EPUBCHECK !== "0",
    a11yConcurrency: positive("UDGIV_A11Y_CONCURRENCY", defaults.a11yConcurrency),
    a11yTimeoutMs: positive("UDGIV_A11Y_TIMEOUT_MS", defaults.a11yTimeoutMs),
    ...(epoch > 0 && { sourceDateEpoch: epoch }),
    log: values.json ? () => {} : defaults.log,
  };
  return { options, json: values.json };
}
