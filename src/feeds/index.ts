/** Feeds and the sitemap: the public face of feeds/ (the Eleventy plugin, and the site's public URLs). */
export { baseUrlMismatch, publicUrl } from "./urls.ts";
export { default as feedsPlugin } from "./plugin.ts";
