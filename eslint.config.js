// ESLint (flat config): `npm run lint` runs it with `prettier --check`.
//
// typescript-eslint's recommended rules, minus the few that fight the codebase's deliberate style
// (see the comments), plus the import boundary between capability folders:
//
//   Every folder in src/ is a capability with a public face, its `index.ts`. Code outside a folder
//   (another folder, a top-level module of src/, scripts/, eleventy.config.ts) imports only that
//   index.ts, never a file inside the folder. Shared types live in a module that imports nothing
//   (src/model/types.ts, re-exported by src/model/index.ts; src/failure.ts for BuildFailure).
//   One exception: a folder's build stage (`stage.ts`, or `<name>-stage.ts`) may be loaded with a
//   dynamic `import()`, as src/pipeline/stages.ts does, so that a stage's heavy tools load only when
//   the stage starts. Tests may import anything (they test a folder's internals).
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/** `from` specifiers that reach into another folder's internals, per place of the importing file. */
const INTO_A_FOLDER = {
  // src/<folder>/x.ts → ../<other>/y.ts (imports inside the own folder start with ./)
  folder: "^\\.\\./[\\w-]+/(?!index\\.ts$)[^/]+$",
  // src/x.ts → ./<folder>/y.ts
  srcTop: "^\\./[\\w-]+/(?!index\\.ts$)[^/]+$",
  // eleventy.config.ts → ./src/<folder>/y.ts
  root: "^\\./src/[\\w-]+/(?!index\\.ts$)[^/]+$",
  // scripts/**/x.ts → ../(../)src/<folder>/y.ts
  scripts: "^(\\.\\./)+src/[\\w-]+/(?!index\\.ts$)[^/]+$",
};

const BOUNDARY_MESSAGE =
  "Import another capability folder only through its index.ts (its public face); export what you need from there.";

function boundary(regex) {
  return {
    "no-restricted-imports": ["error", { patterns: [{ regex, message: BOUNDARY_MESSAGE }] }],
  };
}

/** A dynamic import() into another folder may load its stage.ts (lazily, on purpose) or its index.ts, nothing else. */
const LAZY_STAGE_ONLY = {
  "no-restricted-syntax": [
    "error",
    {
      selector: "ImportExpression[source.value=/^\\.\\.\\x2F[\\w-]+\\x2F(?!index\\.ts$|([a-z0-9]+-)*stage\\.ts$)/]",
      message:
        "A dynamic import() into another folder may load only its stage.ts (a build stage loaded when it starts) or its index.ts.",
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "_site/",
      "_site.*/",
      ".cache/",
      "reports/",
      ".scratch/",
      "content/",
      "test/fixtures/",
      "**/*.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused code is dead code; a leading underscore marks a parameter kept for its position.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      // Non-null assertions are used where the code has just checked (Map.get after has, regex groups).
      "@typescript-eslint/no-non-null-assertion": "off",
      // `catch {}` and empty callbacks are deliberate where a failure is the expected, harmless case.
      "no-empty": ["error", { allowEmptyCatch: true }],
    },
  },
  {
    files: ["src/*/**/*.ts"],
    rules: { ...boundary(INTO_A_FOLDER.folder), ...LAZY_STAGE_ONLY },
  },
  {
    files: ["src/*.ts"],
    rules: boundary(INTO_A_FOLDER.srcTop),
  },
  {
    files: ["eleventy.config.ts"],
    rules: boundary(INTO_A_FOLDER.root),
  },
  {
    files: ["scripts/**/*.ts"],
    rules: boundary(INTO_A_FOLDER.scripts),
  },
  {
    // The site's own script runs in the reader's browser.
    files: ["layouts/**/*.js"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
  },
);
