/**
 * The EPUB 3 export: the public face of epub/. The build enters the folder through `stage.ts`, which
 * src/pipeline/stages.ts loads with `import()` only when the stage starts (it brings in the zip writer and
 * the worker pool); what other code may use besides is the EPUBCheck run.
 */
export {
  describeFinding,
  EPUBCHECK_JAR,
  epubcheck,
  epubcheckAvailable,
  type EpubCheckMessage,
  type EpubCheckReport,
} from "./validate.ts";
export type { EpubCounts } from "./stage.ts";
