/**
 * Accessibility: the public face of a11y/. The content lint (`lintSite`) is what `npm run check` runs;
 * the build enters the folder through `lint-stage.ts` and `stage.ts` (the pa11y gate), which
 * src/pipeline/stages.ts loads with `import()` only when those stages start.
 */
export { lintSite } from "./lint.ts";
export { fillStatementPage, statementHtml, statementSectionsOf, STATEMENT_FILE } from "./statement.ts";
export type { LintStageResult } from "./lint-stage.ts";
export type { GateStageResult } from "./stage.ts";
