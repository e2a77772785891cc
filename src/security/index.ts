/**
 * Security: the public face of security/ (the raw-HTML allow-list the content model applies, and the
 * Eleventy plugin writing the CSP). The build's output check is `stage.ts`, loaded with `import()`.
 */
export { findUnsafeHtml } from "./raw-html.ts";
export { default as securityPlugin } from "./plugin.ts";
