/**
 * The site's Content-Security-Policy, in one place: the `_headers` file (for hosts that read one)
 * and the `<meta http-equiv>` in every page both come from here.
 *
 * Everything loads from the site itself; no inline scripts or styles (the layouts have none, and
 * raw HTML in Markdown may not add any). Pagefind compiles its WebAssembly search core in the
 * browser, which needs 'wasm-unsafe-eval' (it allows WebAssembly compilation, not JavaScript eval).
 */
export const CSP_DIRECTIVES: [string, string][] = [
  ["default-src", "'self'"],
  ["script-src", "'self' 'wasm-unsafe-eval'"],
  ["style-src", "'self'"],
  ["img-src", "'self' data:"],
  ["font-src", "'self'"],
  ["connect-src", "'self'"],
  ["object-src", "'none'"],
  ["base-uri", "'self'"],
  ["form-action", "'self'"],
  ["frame-ancestors", "'none'"],
];

/** Directives a `<meta http-equiv>` policy cannot carry (browsers ignore them there, with a warning). */
const HEADER_ONLY = new Set(["frame-ancestors", "report-uri", "sandbox"]);

/** The policy as an HTTP header value. */
export function cspHeader(): string {
  return CSP_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join("; ");
}

/** The same policy for `<meta http-equiv="Content-Security-Policy">`. */
export function cspMeta(): string {
  return CSP_DIRECTIVES.filter(([name]) => !HEADER_ONLY.has(name))
    .map(([name, value]) => `${name} ${value}`)
    .join("; ");
}

/** Sent as a header where the host allows, and as `<meta name="referrer">` in every page (GitHub Pages sends no headers). */
export const REFERRER_POLICY = "strict-origin-when-cross-origin";

/** Response headers for every file of the site, written to `_headers` (Netlify, Cloudflare Pages). */
export function securityHeaders(): [string, string][] {
  return [
    ["Content-Security-Policy", cspHeader()],
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", REFERRER_POLICY],
    ["X-Frame-Options", "DENY"],
    ["Permissions-Policy", "camera=(), microphone=(), geolocation=()"],
  ];
}

/** The `_headers` file: one rule for every path. */
export function headersFile(): string {
  return ["/*", ...securityHeaders().map(([name, value]) => `  ${name}: ${value}`), ""].join("\n");
}
