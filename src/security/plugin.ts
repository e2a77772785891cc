/**
 * Eleventy plugin: the Content-Security-Policy and referrer policy for the layouts' `<meta>` tags
 * (`security.cspMeta`, `security.referrerPolicy`) and the `_headers` file.
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import { cspMeta, headersFile, REFERRER_POLICY } from "./csp.ts";

export default function securityPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addGlobalData("security", {
    cspMeta: cspMeta(),
    referrerPolicy: REFERRER_POLICY,
    headersFile: headersFile(),
  });
}
