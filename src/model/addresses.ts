/**
 * One table of every address the site will write: the site's own pages and folders, and every
 * publication, chapter, news item, standing page, house and topic. Two that would write the same
 * file are reported here, naming both content files, so that neither `npm run check` passes them
 * nor Eleventy ends the build with a DuplicatePermalinkOutputError and a stack trace.
 */
import type { ProblemList } from "./errors.ts";

export interface Address {
  /** Site-relative URL, e.g. /publikationer/x/metode/ */
  url: string;
  /** What claims it, as the subject of a Danish sentence: "kapitlet", "emnet »Statistik«". */
  what: string;
  /** Kind of item; two of the same kind are named by `label` alone ("samme adresse (metode)"). */
  kind: string;
  label: string;
  file: string;
  line?: number;
  field?: string;
  /** How to fix a collision (defaults to renaming the file). */
  fix?: string;
}

/** Addresses the site itself uses, which no content may take (the layouts, and folders the build fills). */
const SITE_ADDRESSES: [string, string][] = [
  ["/", "forsiden (layouts/index.njk)"],
  ["/publikationer/", "listen over publikationer (layouts/publikationer/index.njk)"],
  ["/nyheder/", "listen over nyheder (layouts/nyheder/index.njk)"],
  ["/huse/", "listen over huse (layouts/huse/index.njk)"],
  ["/emner/", "emnesiderne (/emner/…)"],
  ["/soeg/", "søgesiden (layouts/soeg.njk)"],
  ["/was/", "henvisningen til tilgængelighedserklæringen (layouts/was.njk)"],
  ["/tilgaengelighedserklaering/", "tilgængelighedserklæringen (layouts/tilgaengelighedserklaering.njk)"],
  ["/404/", "siden for sider, der ikke findes (layouts/404.njk)"],
  ["/img/", "billederne (/img/…)"],
  ["/assets/", "designets filer (layouts/assets/)"],
  ["/pagefind/", "søgeindekset (/pagefind/…)"],
  ["/feeds/", "feeds (/feeds/…)"],
];

export class AddressTable {
  private readonly claimed = new Map<string, Address | { site: string }>();

  constructor(private readonly problems: ProblemList) {
    for (const [url, site] of SITE_ADDRESSES) this.claimed.set(outputOf(url), { site });
  }

  /** Reserves an address for something the build writes itself (e.g. a publication's print document). */
  reserve(url: string, site: string): void {
    this.claimed.set(outputOf(url), { site });
  }

  /** Claims an address; reports a collision with whatever has it already. */
  claim(address: Address): void {
    const key = outputOf(address.url);
    const owner = this.claimed.get(key);
    if (!owner) {
      this.claimed.set(key, address);
      return;
    }
    const fix = address.fix ?? "Giv en af filerne et andet navn, så adresserne bliver forskellige";
    if ("site" in owner) {
      this.problems.add({
        file: address.file,
        line: address.line,
        field: address.field,
        message: `${address.what} får adressen ${address.url}, som sitet selv bruger til ${owner.site}`,
        fix: address.fix ?? "Giv filen et andet navn",
      });
      return;
    }
    const where = owner.line ? `${owner.file}:${owner.line}` : owner.file;
    this.problems.add({
      file: address.file,
      line: address.line,
      field: address.field,
      message:
        owner.kind === address.kind && owner.what === address.what
          ? `${address.what} får samme adresse (${address.label}) som ${where}`
          : `${address.what} får samme adresse (${address.url}) som ${owner.what} i ${where}`,
      fix,
    });
  }
}

/** The file a URL is written to, compared without case (a case-insensitive disk would merge them too). */
function outputOf(url: string): string {
  return (url.endsWith("/") ? `${url}index.html` : url).toLowerCase();
}
