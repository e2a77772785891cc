/**
 * Public (absolute) URLs. `site.info.baseUrl` is the public origin of the site; the sub-folder it is
 * served from is the build's path prefix (--path-prefix), so an absolute URL is
 * origin + prefix + site-relative URL. A baseUrl may also spell out the sub-folder
 * (https://org.github.io/udgiv with prefix /udgiv/): it must then match the prefix.
 */

import { normalisePrefix } from "../urls/index.ts";

export { publicUrl } from "../urls/index.ts";

/**
 * A Danish, editor-facing problem when baseUrl names a sub-folder other than the path prefix
 * (then canonical URLs, feeds and the sitemap would point to the wrong place); undefined when fine.
 */
export function baseUrlMismatch(baseUrl: string, pathPrefix: string): string | undefined {
  const basePath = normalisePrefix(new URL(baseUrl).pathname);
  const prefix = normalisePrefix(pathPrefix);
  if (basePath === "/" || basePath === prefix) return undefined;
  return (
    `baseUrl "${baseUrl}" peger på mappen ${basePath}, men sitet bygges til ${prefix}. ` +
    `Skriv kun domænet i baseUrl (fx ${new URL(baseUrl).origin}), eller byg med --path-prefix ${basePath}`
  );
}
