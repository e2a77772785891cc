/**
 * SVG images are published as the editor made them (eleventy-img copies SVG unchanged), and an SVG
 * opened on its own is a document of the site's origin: its scripts run there, and no
 * Content-Security-Policy `<meta>` protects it (GitHub Pages sends no headers). So an SVG that could
 * run code, load or link to anything outside itself, or read differently in another parser, is
 * refused, with the reason; nothing is stripped. Refusing is simpler and more honest than
 * sanitising: a sanitised drawing may silently lose what made it right, and the editor would not
 * know. An illustration program saves a plain SVG in one step (Inkscape: »Almindelig SVG«; svgo).
 *
 * The file is parsed as XML (saxes, with namespaces), as a browser parses an .svg file: no regexes
 * over markup. Allowed: elements of the SVG namespace on the list below (shapes, text, gradients,
 * filters, clipping, markers, `<use>` and animation of drawing attributes) and inert metadata of
 * other namespaces (Inkscape, Sodipodi, RDF, Dublin Core); references only inside the file (`#id`,
 * `url(#id)`) or to an embedded raster image (`data:image/png|jpeg|webp`).
 */
import { open, readFile } from "node:fs/promises";
import { SaxesParser, type SaxesTagNS } from "saxes";
import { asBrowserReadsUrl } from "./raw-html.ts";

export interface UnsafeSvg {
  /** What the file contains, as the object of "indeholder …, som ikke er tilladt". */
  reason: string;
  /** How to fix it (Danish, for the editor). */
  fix: string;
}

const SVG_NS = "http://www.w3.org/2000/svg";
const XLINK_NS = "http://www.w3.org/1999/xlink";
/** Namespaces whose elements or attributes a browser acts on inside an SVG document. */
const LIVE_NAMESPACES: Record<string, string> = {
  "http://www.w3.org/1999/xhtml": "HTML",
  "http://www.w3.org/1998/Math/MathML": "MathML",
  "http://www.w3.org/2001/xml-events": "XML Events",
  "http://www.w3.org/2001/XInclude": "XInclude",
  "http://www.w3.org/1999/XSL/Transform": "XSLT",
};

const SVG_ELEMENTS = new Set([
  "svg",
  "g",
  "defs",
  "symbol",
  "use",
  "switch",
  "title",
  "desc",
  "metadata",
  "style",
  "view",
  "path",
  "rect",
  "circle",
  "ellipse",
  "line",
  "polyline",
  "polygon",
  "image",
  "text",
  "tspan",
  "textPath",
  "linearGradient",
  "radialGradient",
  "stop",
  "pattern",
  "clipPath",
  "mask",
  "marker",
  "filter",
  "feBlend",
  "feColorMatrix",
  "feComponentTransfer",
  "feComposite",
  "feConvolveMatrix",
  "feDiffuseLighting",
  "feDisplacementMap",
  "feDistantLight",
  "feDropShadow",
  "feFlood",
  "feFuncA",
  "feFuncB",
  "feFuncG",
  "feFuncR",
  "feGaussianBlur",
  "feImage",
  "feMerge",
  "feMergeNode",
  "feMorphology",
  "feOffset",
  "fePointLight",
  "feSpecularLighting",
  "feSpotLight",
  "feTile",
  "feTurbulence",
  "animate",
  "animateMotion",
  "animateTransform",
  "set",
  "mpath",
]);
const ANIMATIONS = new Set(["animate", "animateMotion", "animateTransform", "set"]);
/** Attributes read as CSS that can name a file: `style=` and the presentation attributes that take a URL. */
const CSS_ATTRIBUTES = new Set([
  "style",
  "fill",
  "stroke",
  "filter",
  "clip-path",
  "mask",
  "marker",
  "marker-start",
  "marker-mid",
  "marker-end",
  "cursor",
]);

const FIX_GENERAL =
  "Gem billedet igen som almindelig SVG uden scripts, links og henvisninger til andre filer (fx i Inkscape: Gem som → Almindelig SVG, eller med svgo), eller gem det som PNG";

const ELEMENT_ADVICE: Record<string, string> = {
  script:
    "Fjern <script> fra filen, eller gem billedet igen som almindelig SVG (fx i Inkscape: Gem som → Almindelig SVG, eller med svgo). JavaScript i billeder er ikke tilladt: et SVG-billede, der åbnes alene, kører sine scripts på sitets adresse",
  foreignObject:
    "<foreignObject> indlejrer HTML i tegningen, og det er ikke tilladt. Skriv teksten som SVG-tekst, eller læg den i Markdown under billedet",
  a: "Links i billeder er ikke tilladt (de kan ikke nås med tastatur og skærmlæser). Sæt linket i teksten under billedet",
};

const refuse = (reason: string, fix = FIX_GENERAL): UnsafeSvg => ({ reason, fix });

/** Why an SVG document is not allowed, or undefined when it only draws. */
export function findUnsafeSvg(xml: string): UnsafeSvg | undefined {
  const parser = new SaxesParser({ xmlns: true });
  let found: UnsafeSvg | undefined;
  let depth = 0;
  let styleText: string[] | undefined;
  const stop = (problem: UnsafeSvg | undefined) => {
    if (problem) {
      found = problem;
      throw STOP;
    }
  };
  parser.on("xmldecl", (decl) => {
    if (decl.encoding && !/^utf-?8$/i.test(decl.encoding)) {
      stop(refuse(`tegnsættet ${decl.encoding}`, "Gem SVG-filen som UTF-8"));
    }
  });
  parser.on("doctype", () =>
    stop(
      refuse(
        "en <!DOCTYPE>-erklæring (den kan definere entiteter og hente andre filer)",
        "Fjern linjen <!DOCTYPE …> øverst i filen, eller gem billedet igen som almindelig SVG",
      ),
    ),
  );
  parser.on("processinginstruction", (pi) =>
    stop(
      refuse(
        `en behandlingsinstruktion (<?${pi.target} …?>), der fx kan hente et stylesheet`,
        `Fjern <?${pi.target} …?> fra filen`,
      ),
    ),
  );
  parser.on("opentag", (tag) => {
    if (depth++ === 0 && (tag.local !== "svg" || tag.uri !== SVG_NS)) {
      stop(
        refuse(
          `<${tag.name}> som yderste element i stedet for <svg xmlns="${SVG_NS}">`,
          "Gem billedet som SVG fra et tegneprogram, eller som PNG",
        ),
      );
    }
    stop(checkTag(tag));
    if (tag.local === "style") styleText = [];
  });
  const addText = (text: string) => styleText?.push(text);
  parser.on("text", addText);
  parser.on("cdata", addText);
  parser.on("closetag", (tag) => {
    depth--;
    if (tag.local === "style" && styleText) {
      stop(checkCss(styleText.join(""), "<style>"));
      styleText = undefined;
    }
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error === STOP) return found;
    return refuse(
      `XML, der ikke er gyldig (${String((error as Error).message).split("\n")[0]})`,
      "Gem billedet igen fra tegneprogrammet som SVG, eller som PNG",
    );
  }
  return found;
}

const STOP = Symbol("stop");

/** Reads an image file: undefined for a raster image (PNG, JPEG, GIF, WebP, AVIF, TIFF) or a safe SVG. */
export async function findUnsafeSvgFile(file: string): Promise<UnsafeSvg | undefined> {
  const handle = await open(file);
  try {
    const head = Buffer.alloc(16);
    await handle.read(head, 0, 16, 0);
    if (isRaster(head)) return undefined;
  } finally {
    await handle.close();
  }
  const bytes = await readFile(file);
  // Anything else is read by sharp (and a browser) as SVG, if anything: it must be UTF-8 XML.
  const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  let xml: string;
  try {
    xml = text.decode(bytes);
  } catch {
    return refuse(
      "tegn, der ikke er UTF-8 (filen er hverken et almindeligt billede eller en SVG-fil i UTF-8)",
      "Gem billedet som JPEG, PNG, WebP eller SVG (UTF-8)",
    );
  }
  return findUnsafeSvg(xml);
}

function isRaster(bytes: Buffer): boolean {
  const ascii = (from: number, to: number) => bytes.subarray(from, to).toString("latin1");
  return (
    ascii(0, 8) === "\x89PNG\r\n\x1a\n" ||
    (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) ||
    ascii(0, 4) === "GIF8" ||
    (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") ||
    ascii(4, 8) === "ftyp" ||
    ascii(0, 4) === "II*\0" ||
    ascii(0, 4) === "MM\0*"
  );
}

function checkTag(tag: SaxesTagNS): UnsafeSvg | undefined {
  const name = tag.local;
  if (name === "script" || name === "foreignObject") return refuse(`et <${name}>-element`, ELEMENT_ADVICE[name]);
  const live = LIVE_NAMESPACES[tag.uri];
  if (live) return refuse(`et ${live}-element (<${tag.name}>)`);
  if (tag.uri === SVG_NS && !SVG_ELEMENTS.has(name))
    return refuse(`et <${name}>-element`, ELEMENT_ADVICE[name] ?? FIX_GENERAL);
  for (const attribute of Object.values(tag.attributes)) {
    const problem = checkAttribute(tag, attribute.name, attribute.local, attribute.uri, attribute.value);
    if (problem) return problem;
  }
  return undefined;
}

function checkAttribute(
  tag: SaxesTagNS,
  name: string,
  local: string,
  uri: string,
  value: string,
): UnsafeSvg | undefined {
  if (/^on/i.test(local) || LIVE_NAMESPACES[uri]) {
    return refuse(
      `en hændelse (${name}=) med JavaScript på <${tag.name}>`,
      `Fjern attributten ${name}= fra <${tag.name}>; JavaScript i billeder er ikke tilladt`,
    );
  }
  const url = asBrowserReadsUrl(value);
  if (/^(javascript|vbscript):/i.test(url)) return refuse(`et javascript:-link (${name}= på <${tag.name}>)`);
  if (local === "href" && (uri === "" || uri === XLINK_NS) && !isInternal(url)) {
    return refuse(
      `en henvisning til en anden fil (${name}="${short(value)}" på <${tag.name}>)`,
      "Et SVG-billede må kun henvise til sine egne dele (#id) eller indlejrede PNG-, JPEG- og WebP-billeder. Indlejr billedet, eller gem det hele som PNG",
    );
  }
  if (ANIMATIONS.has(tag.local) && local === "attributeName" && /(^on|href$)/i.test(value.trim())) {
    return refuse(
      `en animation, der ændrer ${value.trim()}= (på <${tag.name}>)`,
      "Fjern animationen; en animation må ikke ændre links eller hændelser",
    );
  }
  // Presentation attributes are CSS values (escapes included); in any other value, url( is still a reference.
  if ((uri === "" && CSS_ATTRIBUTES.has(local)) || /url\s*\(/i.test(value))
    return checkCss(value, `${name}= på <${tag.name}>`);
  return undefined;
}

/** A reference inside the file, or an embedded raster image. */
const isInternal = (url: string): boolean => url.startsWith("#") || /^data:image\/(png|jpeg|webp)[;,]/i.test(url);

/** CSS in a `<style>` element, a `style=` attribute or a presentation attribute (fill="url(#a)"). */
function checkCss(css: string, where: string): UnsafeSvg | undefined {
  const code = css.replace(/\/\*[\s\S]*?\*\//g, "");
  const fix =
    "CSS i et SVG-billede må kun henvise til billedets egne dele, fx url(#skygge). Fjern henvisningen, eller gem billedet som PNG";
  if (code.includes("\\")) return refuse(`CSS med escape-tegn (\\) i ${where}`, fix);
  if (/@import/i.test(code)) return refuse(`et @import i ${where}`, fix);
  if (/(expression|-moz-binding|behavior)\b/i.test(code))
    return refuse(`gammel CSS, der kan køre kode (${where})`, fix);
  // Functions that take a URL (or a string read as one). url(#id) is a reference inside the file.
  for (const match of code.matchAll(/([a-z-]*)\s*\(\s*(['"]?)([^'")]*)/gi)) {
    const fn = match[1].toLowerCase().replace(/^-[a-z]+-/, "");
    if (fn === "url" && match[3].trim().startsWith("#")) continue;
    if (["url", "image", "image-set", "cross-fade", "element", "src"].includes(fn)) {
      return refuse(`en henvisning til en anden fil i CSS (${fn}(${short(match[3])}…) i ${where})`, fix);
    }
  }
  return undefined;
}

const short = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
