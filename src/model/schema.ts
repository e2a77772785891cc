/**
 * Front-matter schemas (zod). Field names are Danish, because editors write them;
 * the model they produce uses English names. Messages are Danish and say how to fix.
 */
import { z } from "zod";
import { isIsoDate } from "../i18n/index.ts";
import { editDistance } from "../edit-distance.ts";

/** A zod message carrying both what is wrong and how to fix it, split on " || ". */
const say = (message: string, fix: string) => `${message} || ${fix}`;

const text = z
  .string({ error: (i) => (i.input === undefined ? undefined : say("skal være tekst", "Skriv en tekst efter kolon")) })
  .trim()
  .min(1, say("må ikke være tom", "Skriv en tekst efter kolon"));

const dateFormat = say("er ikke en gyldig dato", "Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-27");
const isoDate = z
  .union([z.string(), z.date()], { error: dateFormat })
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v.trim()))
  .refine(isIsoDate, dateFormat);

/** Titles longer than this are refused: they break lists, tabs, feeds and the PDF's running head. */
export const MAX_TITLE_LENGTH = 200;

const title = text.max(MAX_TITLE_LENGTH, {
  error: (issue) =>
    say(
      `er ${String(issue.input).length} tegn lang; en titel må højst have ${MAX_TITLE_LENGTH} tegn`,
      "Gør titlen kortere, og skriv resten i undertitel: eller resume:",
    ),
});

/** A public web address: http(s), a host, nothing else (no javascript:, no credentials, no query). */
export function isWebAddress(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    (url.protocol === "https:" || url.protocol === "http:") &&
    url.hostname !== "" &&
    !url.username &&
    !url.password &&
    !url.search &&
    !url.hash
  );
}

const webAddress = (message: string, fix: string) => z.string().trim().refine(isWebAddress, say(message, fix));

const language = z.enum(["da", "en"], { error: say("ukendt sprog", "Brug da (dansk) eller en (engelsk)") });

export function isValidIsbn(raw: string): boolean {
  const isbn = raw.replace(/[-\s]/g, "").toUpperCase();
  if (/^\d{13}$/.test(isbn)) {
    const sum = [...isbn].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
    return sum % 10 === 0;
  }
  if (/^\d{9}[\dX]$/.test(isbn)) {
    const sum = [...isbn].reduce((acc, d, i) => acc + (d === "X" ? 10 : Number(d)) * (10 - i), 0);
    return sum % 11 === 0;
  }
  return false;
}

const isbnFix = say(
  "er ikke et gyldigt ISBN (kontrolcifferet passer ikke)",
  "Tjek nummeret hos forlaget, fx 978-87-7546-120-3, eller fjern feltet",
);
const isbn = z
  .union([z.string(), z.number()], { error: isbnFix })
  .transform((v) => String(v).replace(/[-\s]/g, ""))
  .refine(isValidIsbn, isbnFix);

const ignoredRules = z.strictObject({
  ignorer: z.array(
    z.strictObject({
      regel: text,
      begrundelse: text.refine(
        (s) => s.length >= 10,
        say("skal forklare hvorfor", "Skriv en begrundelse på mindst en sætning"),
      ),
    }),
  ),
});

const roles = ["forfatter", "redaktør", "bidragyder", "illustrator", "fotograf"] as const;

export const publicationSchema = z.strictObject({
  titel: title,
  undertitel: title.optional(),
  resume: text,
  sprog: language.optional(),
  dato: isoDate,
  opdateret: isoDate.optional(),
  hus: text,
  forfattere: z
    .array(
      z.strictObject({
        navn: text,
        rolle: z.enum(roles, { error: say("ukendt rolle", `Brug en af: ${roles.join(", ")}`) }).default("forfatter"),
      }),
    )
    .default([]),
  emner: z.array(text).default([]),
  maalgruppe: text.optional(),
  isbn: isbn.optional(),
  forside: z.strictObject({ billede: text, alt: text }).optional(),
  eksport: z
    .strictObject({ epub: z.boolean().default(true), pdf: z.boolean().default(true) })
    .default({ epub: true, pdf: true }),
  tilgaengelighed: ignoredRules.optional(),
});

export const chapterSchema = z.strictObject({
  orden: z
    .number({ error: say("skal være et tal", "Skriv et helt tal, fx orden: 3") })
    .int()
    .optional(),
  tilgaengelighed: ignoredRules.optional(),
});

export const newsSchema = z.strictObject({
  titel: title,
  dato: isoDate,
  hus: text,
  resume: text,
  sprog: language.optional(),
  emner: z.array(text).default([]),
  tilgaengelighed: ignoredRules.optional(),
});

export const pageSchema = z.strictObject({
  titel: title,
  resume: text.optional(),
  sprog: language.optional(),
  tilgaengelighed: ignoredRules.optional(),
});

export const siteSchema = z.strictObject({
  navn: text,
  beskrivelse: text,
  baseUrl: webAddress(
    "skal være sitets offentlige adresse, og den skal begynde med https://",
    'Skriv fx "baseUrl": "https://udgiv.example.dk" (kun domænet; en undermappe gives med --path-prefix)',
  ),
  sprog: language.default("da"),
  tilgaengelighedserklaering: webAddress(
    "skal være en fuld adresse, der begynder med https://",
    "Skriv adressen på erklæringen i WAS-værktøjet, fx https://www.was.digst.dk/udgiv-example-dk",
  ),
  kontakt: z.strictObject({ email: text, telefon: text, adresse: text.optional() }),
  huse: z
    .array(
      z.strictObject({
        id: text.regex(/^[a-z0-9-]+$/, say("må kun indeholde a-z, 0-9 og bindestreg", "Skriv fx styrelsen")),
        navn: text,
        kort: text,
        beskrivelse: text,
      }),
    )
    .min(1, say("skal nævne mindst ét hus", "Tilføj husene under huse:")),
  maalgrupper: z.record(z.string(), z.number()).default({ borgere: 40 }),
});

export type PublicationFrontMatter = z.infer<typeof publicationSchema>;
export type ChapterFrontMatter = z.infer<typeof chapterSchema>;
export type NewsFrontMatter = z.infer<typeof newsSchema>;
export type PageFrontMatter = z.infer<typeof pageSchema>;
export type SiteFrontMatter = z.infer<typeof siteSchema>;

export interface SchemaIssue {
  path: (string | number)[];
  message: string;
  fix: string;
}

export interface IssueContext {
  /** The front matter (or JSON) as written, to tell a missing field from a wrong one. */
  data: unknown;
  /** The schema it was checked against, for the field names at a path ("mente du …?"). */
  schema: z.ZodType;
  /** How to fill in a missing field, by field name, where the fix depends on the site (e.g. hus: the houses). */
  whenMissing?: Record<string, string>;
}

/** How to add a field that is missing, with an example of the format. */
const MISSING_FIX: Record<string, string> = {
  titel: "fx titel: Årsrapport 2026",
  resume: "fx resume: Rapporten viser, hvordan borgerne bruger de digitale løsninger.",
  dato: "med datoen som ÅÅÅÅ-MM-DD, fx dato: 2026-12-01",
  navn: "fx - navn: Mette Hansen",
  billede: "med filnavnet på forsidebilledet, fx billede: forside.png",
  alt: "med en tekst, der beskriver forsidebilledet, fx alt: Forside med titlen Årsrapport 2026",
  regel: 'fx regel: "1.4.3"',
  begrundelse: "med en begrundelse på mindst en sætning",
  email: "fx email: kommunikation@example.dk",
  telefon: "fx telefon: +45 33 12 34 56",
  baseUrl: 'med sitets offentlige adresse, fx "baseUrl": "https://udgiv.example.dk"',
};

/** English (and other likely) names editors write for a Danish field. */
const SYNONYMS: Record<string, string> = {
  title: "titel",
  subtitle: "undertitel",
  summary: "resume",
  abstract: "resume",
  description: "resume",
  resumé: "resume",
  date: "dato",
  published: "dato",
  updated: "opdateret",
  modified: "opdateret",
  language: "sprog",
  lang: "sprog",
  house: "hus",
  publisher: "hus",
  author: "forfattere",
  authors: "forfattere",
  forfatter: "forfattere",
  tags: "emner",
  topics: "emner",
  topic: "emner",
  emne: "emner",
  keywords: "emner",
  audience: "maalgruppe",
  målgruppe: "maalgruppe",
  målgrupper: "maalgruppe",
  cover: "forside",
  image: "billede",
  export: "eksport",
  exports: "eksport",
  order: "orden",
  weight: "orden",
  accessibility: "tilgaengelighed",
  tilgængelighed: "tilgaengelighed",
  name: "navn",
  role: "rolle",
  ignore: "ignorer",
  rule: "regel",
  reason: "begrundelse",
};

/** zod issues as Danish messages with a fix; generic ones get a generic, still useful, text. */
export function describeIssues(error: z.ZodError, context: IssueContext): SchemaIssue[] {
  const described = error.issues.flatMap((issue): SchemaIssue[] => {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    const field = String(path[path.length - 1] ?? "");
    const value = valueAt(context.data, path);
    if (value === undefined && path.length > 0 && (issue.code === "invalid_type" || issue.code === "invalid_union")) {
      const hint = MISSING_FIX[field];
      const example = hint ? `${hint.startsWith("fx") ? "," : ""} ${hint}` : "";
      const fix = context.whenMissing?.[field] ?? `Tilføj feltet ${field}: i front matter${example}`;
      return [{ path, message: "mangler", fix }];
    }
    const said = ownMessage(issue);
    if (said) return [{ path, ...said }];
    switch (issue.code) {
      case "invalid_type":
        if (issue.expected === "array" && typeof value === "string") {
          const items = value
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean);
          return [
            {
              path,
              message: "skal være en liste",
              fix: `Sæt firkantede parenteser om: ${field}: [${items.join(", ")}]`,
            },
          ];
        }
        return [{ path, message: `skal være ${typeName(issue.expected)}`, fix: example(issue.expected) }];
      case "unrecognized_keys": {
        const known = fieldsAt(context.schema, path);
        return issue.keys.map((key) => {
          const guess = suggestField(key, known);
          const fix = guess
            ? `Mente du ${guess}? Skriv ${guess}: i stedet for ${key}:`
            : path.length === 0
              ? `Ret stavningen eller fjern feltet. Kendte felter: ${known.join(", ")}`
              : "Ret stavningen eller fjern feltet";
          return { path: [...path, key], message: "er ikke et kendt felt", fix };
        });
      }
      case "invalid_value":
        return [{ path, message: "har en ugyldig værdi", fix: `Brug en af: ${issue.values.map(String).join(", ")}` }];
      default:
        return [
          { path, message: "har en ugyldig værdi", fix: "Ret værdien; README viser, hvad feltet skal indeholde" },
        ];
    }
  });
  // `title:` instead of `titel:` makes titel missing too; "mente du titel?" says it all.
  const guessed = new Set(
    described
      .filter((d) => d.fix.startsWith("Mente du "))
      .map((d) => [...d.path.slice(0, -1), /^Mente du (\S+)\?/.exec(d.fix)![1]].join(".")),
  );
  return described.filter((d) => !(d.message === "mangler" && guessed.has(d.path.join("."))));
}

/** A message written in this file (" || " between what and fix), also inside a union's branches. */
function ownMessage(issue: z.core.$ZodIssue): { message: string; fix: string } | undefined {
  if (issue.message.includes(" || ")) {
    const [message, fix] = issue.message.split(" || ");
    return { message, fix };
  }
  if (issue.code === "invalid_union") {
    for (const branch of issue.errors)
      for (const inner of branch) {
        const found = ownMessage(inner);
        if (found) return found;
      }
  }
  return undefined;
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** The field names the schema allows at a path (the top level, or inside forside:, forfattere: …). */
export function fieldsAt(schema: z.ZodType, path: (string | number)[]): string[] {
  let node: z.core.$ZodType | undefined = schema;
  const unwrap = (n: z.core.$ZodType | undefined): z.core.$ZodType | undefined => {
    for (let i = 0; n && i < 10; i++) {
      const def = n._zod.def as unknown as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType };
      if (def.type === "optional" || def.type === "default" || def.type === "nullable" || def.type === "prefault")
        n = def.innerType;
      else if (def.type === "pipe") n = def.in;
      else return n;
    }
    return n;
  };
  for (const key of path) {
    node = unwrap(node);
    const def = node?._zod.def as unknown as
      { type: string; element?: z.core.$ZodType; shape?: Record<string, z.core.$ZodType> } | undefined;
    node = typeof key === "number" ? (def?.type === "array" ? def.element : undefined) : def?.shape?.[key];
  }
  const def = unwrap(node)?._zod.def as unknown as { shape?: Record<string, unknown> } | undefined;
  return Object.keys(def?.shape ?? {});
}

/** The known field an unknown key most likely meant: an English or common synonym, or a near spelling. */
export function suggestField(key: string, known: string[]): string | undefined {
  const lower = key.toLowerCase();
  const synonym = SYNONYMS[lower];
  if (synonym && known.includes(synonym)) return synonym;
  const plain = (s: string) =>
    s.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa").replace(/é/g, "e");
  let best: { field: string; distance: number } | undefined;
  for (const field of known) {
    const distance = editDistance(plain(key), plain(field));
    if (distance <= 2 && distance < plain(field).length && (!best || distance < best.distance))
      best = { field, distance };
  }
  return best?.field;
}

function typeName(expected: string): string {
  return (
    (
      {
        string: "tekst",
        number: "et tal",
        boolean: "ja/nej (true eller false)",
        array: "en liste",
        object: "en gruppe af felter",
      } as Record<string, string>
    )[expected] ?? expected
  );
}

function example(expected: string): string {
  return (
    (
      {
        string: "Skriv en tekst efter kolon",
        number: "Skriv et tal, fx 3",
        boolean: "Skriv true eller false",
        array: "Skriv en liste, fx [a, b] eller én linje pr. punkt med - foran",
        object: "Skriv felterne indrykket under feltet",
      } as Record<string, string>
    )[expected] ?? "Ret værdien"
  );
}
