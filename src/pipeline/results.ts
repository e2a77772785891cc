/**
 * The results the pipeline's own stages hand on, and the exports' shared shape. Imports nothing,
 * so a capability can name them without pulling in the pipeline.
 */

/** A page (or feed, sitemap …) as Eleventy rendered it, held in memory until the pages stage writes it. */
export interface RenderedPage {
  /** Output file relative to the output folder, with "/" separators: "publikationer/x/index.html". */
  file: string;
  /** Site-relative URL without the path prefix, as Eleventy routes it: "/publikationer/x/". */
  url: string;
  /** The layout it was rendered from, relative to the Udgiv checkout: "layouts/publikation.njk". */
  template: string;
  content: string;
}

export interface HtmlResult {
  /** Every output of a template, in output-file order. */
  pages: RenderedPage[];
  counts: { pages: number; outputs: number };
}

/** One exported file of a publication, as its download link describes it. */
export interface Download {
  format: "epub" | "pdf";
  /** Site-relative, without the path prefix. */
  url: string;
  /** Absolute path in the staging folder. */
  file: string;
  bytes: number;
  pages?: number;
}

/** What an export stage (EPUB, PDF) made: its file per publication slug. */
export interface ExportResult<Counts = Record<string, number>> {
  downloads: Map<string, Download>;
  counts: Counts;
}

/** The pages as published: written once, download lists and statement included. */
export interface PagesResult {
  /** The final HTML of every page, by output file (as RenderedPage.file). */
  pages: Map<string, RenderedPage>;
  counts: { written: number };
}
