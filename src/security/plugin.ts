/** Eleventy plugin: the Content-Security-Policy for the layouts (`security.cspMeta`) and the `_headers` file. */
import type UserConfig from "@11ty/eleventy/UserConfig";
import { cspMeta, headersFile } from "./csp.ts";

export default function securityPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addGlobalData("security", { cspMeta: cspMeta(), headersFile: headersFile() });
}
