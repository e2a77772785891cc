/**
 * Security: the public face of security/ (the raw-HTML allow-list and the in-context check of
 * rendered Markdown the content model applies, the SVG check, the site's CSP, and the Eleventy plugin
 * writing it). The build's output check is `stage.ts`, loaded with `import()`.
 */
export { findUnsafeHtml } from "./raw-html.ts";
export { renderCheckedHtml } from "./fragment.ts";
export { findUnsafeSvg, findUnsafeSvgFile, type UnsafeSvg } from "./svg.ts";
export { cspMeta } from "./csp.ts";
export { default as securityPlugin } from "./plugin.ts";
export type { SecurityResult } from "./stage.ts";
