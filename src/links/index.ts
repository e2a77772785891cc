/**
 * Link checking: the public face of links/. `checkContentLinks` checks the Markdown (`npm run check`);
 * the build's check of the finished output is `stage.ts`, loaded by src/pipeline/stages.ts with `import()`.
 */
export { checkContentLinks } from "./content.ts";
export type { Route } from "./sources.ts";
export type { LinksResult } from "./stage.ts";
