import { configDefaults, defineConfig } from "vitest/config";

/**
 * Unit tests: pure functions and in-process calls (the content model, Markdown, LIX, the
 * allow-list, the scheduler, the link checker over a folder ...), no Chromium and no build of a
 * site through the CLI: `npm run test:unit`, seconds. Every other test file is an integration
 * test (`npm run test:integration`): builds of the sample site and of fixtures, Chromium,
 * EPUBCheck. A new test file is an integration test unless it is listed here.
 */
const UNIT = [
  "test/a11y/lint.test.ts",
  "test/pipeline/memo.test.ts",
  "test/pipeline/schedule.test.ts",
  "test/i18n/catalogue.test.ts",
  "test/links/output.test.ts",
  "test/links/sources.test.ts",
  "test/markdown/**/*.test.ts",
  "test/model/errors.test.ts",
  "test/pdf/artifacts.test.ts",
  "test/pdf/document.test.ts",
  "test/readability/lix.test.ts",
  "test/readability/model.test.ts",
  "test/readability/prose.test.ts",
  "test/security/raw-html.test.ts",
  "test/tooling/harness.test.ts",
  "test/tooling/lint.test.ts",
  "test/tooling/options.test.ts",
  "test/tooling/workflow.test.ts",
];

export default defineConfig({
  test: {
    // Builds and Chromium are heavy; two cores: run files two at a time.
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ["default", "./test/closing-line-reporter.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: UNIT,
          // A fresh cache folder for the run (image variants of in-process model loads), removed at the end.
          globalSetup: ["test/setup/fresh-cache.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // The files share their workers' module graph: imports (cheerio, markdown-it, sharp, zod ...)
          // load once per worker instead of once per file, most of a unit run's time otherwise.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...UNIT],
          // A fresh cache folder, then the sample site built once for every file that inspects it.
          globalSetup: ["test/setup/fresh-cache.ts", "test/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
