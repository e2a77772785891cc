/**
 * The tagged PDF export: the public face of pdf/. The build enters the folder through `stage.ts`, which
 * src/pipeline/stages.ts loads with `import()` only when the stage starts (Chromium printing, pdf-lib);
 * what other code may use besides is the PDF/UA finishing of a printed file and its check.
 */
export { checkAccessibility, finishPdf, type AccessibilityChecks, type FinishedPdf, type PdfFacts } from "./finish.ts";
export type { PdfCounts } from "./stage.ts";
