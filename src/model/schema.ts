/**
 * Front-matter schemas (zod). Field names are Danish, because editors write them;
 * the model they produce uses English names. Messages are Danish and say how to fix.
 */
import { z } from "zod";
import { isIsoDate } from "../i18n/index.ts";

/** A zod message carrying both what is wrong and how to fix it, split on " || ". */
const say = (message: string, fix: string) => `${message} || ${fix}`;

const text = z.string({ error: (i) => (i.input === undefined ? undefined : say("skal være tekst", "Skriv en tekst efter kolon")) })
  .trim()
  .min(1, say("må ikke være tom", "Skriv en tekst efter kolon"));

const isoDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v.trim()))
  .refine(isIsoDate, say("er ikke en gyldig dato", "Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-27"));

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

const isbn = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).replace(/[-\s]/g, ""))
  .refine(isValidIsbn, say("er ikke et gyldigt ISBN (kontrolcifferet passer ikke)", "Tjek nummeret hos forlaget, fx 978-87-7546-120-3, eller fjern feltet"));

const ignoredRules = z.strictObject({
  ignorer: z.array(
    z.strictObject({
      regel: text,
      begrundelse: text.refine((s) => s.length >= 10, say("skal forklare hvorfor", "Skriv en begrundelse på mindst en sætning")),
    }),
  ),
});

const roles = ["forfatter", "redaktør", "bidragyder", "illustrator", "fotograf"] as const;

export const publicationSchema = z.strictObject({
  titel: text,
  undertitel: text.optional(),
  resume: text,
  sprog: language.optional(),
  dato: isoDate,
  opdateret: isoDate.optional(),
  hus: text,
  forfattere: z
    .array(z.strictObject({
      navn: text,
      rolle: z.enum(roles, { error: say("ukendt rolle", `Brug en af: ${roles.join(", ")}`) }).default("forfatter"),
    }))
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
  orden: z.number({ error: say("skal være et tal", "Skriv et helt tal, fx orden: 3") }).int().optional(),
  tilgaengelighed: ignoredRules.optional(),
});

export const newsSchema = z.strictObject({
  titel: text,
  dato: isoDate,
  hus: text,
  resume: text,
  sprog: language.optional(),
  emner: z.array(text).default([]),
  tilgaengelighed: ignoredRules.optional(),
});

export const pageSchema = z.strictObject({
  titel: text,
  resume: text.optional(),
  sprog: language.optional(),
  tilgaengelighed: ignoredRules.optional(),
});

export const siteSchema = z.strictObject({
  navn: text,
  beskrivelse: text,
  baseUrl: z.url({ error: say("skal være en fuld adresse", "Skriv fx https://udgiv.example.dk") }),
  sprog: language.default("da"),
  tilgaengelighedserklaering: z.url({ protocol: /^https?$/, error: say("skal være en fuld adresse, der begynder med https://", "Skriv adressen på erklæringen i WAS-værktøjet") }),
  kontakt: z.strictObject({ email: text, telefon: text, adresse: text.optional() }),
  huse: z
    .array(z.strictObject({ id: text.regex(/^[a-z0-9-]+$/, say("må kun indeholde a-z, 0-9 og bindestreg", "Skriv fx styrelsen")), navn: text, kort: text, beskrivelse: text }))
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

/** zod issues as Danish messages with a fix; generic ones get a generic, still useful, text. */
export function describeIssues(error: z.ZodError, allowedFields: string[]): SchemaIssue[] {
  return error.issues.flatMap((issue): SchemaIssue[] => {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    const [message, fix] = issue.message.includes(" || ") ? issue.message.split(" || ") : [undefined, undefined];
    if (message && fix) return [{ path, message, fix }];
    switch (issue.code) {
      case "invalid_type":
        if ((issue as { input?: unknown }).input === undefined)
          return [{ path, message: "mangler", fix: `Tilføj feltet ${String(path[path.length - 1])}: i front matter` }];
        return [{ path, message: `skal være ${typeName(issue.expected)}`, fix: example(issue.expected) }];
      case "unrecognized_keys":
        return issue.keys.map((key) => ({
          path: [...path, key],
          message: "er ikke et kendt felt",
          fix: path.length === 0 ? `Ret stavningen eller fjern feltet. Kendte felter: ${allowedFields.join(", ")}` : "Ret stavningen eller fjern feltet",
        }));
      case "invalid_value":
        return [{ path, message: "har en ugyldig værdi", fix: `Brug en af: ${issue.values.map(String).join(", ")}` }];
      default:
        return [{ path, message: "er ugyldigt", fix: issue.message }];
    }
  });
}

function typeName(expected: string): string {
  return ({ string: "tekst", number: "et tal", boolean: "ja/nej (true eller false)", array: "en liste", object: "en gruppe af felter" } as Record<string, string>)[expected] ?? expected;
}

function example(expected: string): string {
  return ({
    string: "Skriv en tekst efter kolon",
    number: "Skriv et tal, fx 3",
    boolean: "Skriv true eller false",
    array: "Skriv en liste, fx [a, b] eller én linje pr. punkt med - foran",
    object: "Skriv felterne indrykket under feltet",
  } as Record<string, string>)[expected] ?? "Ret værdien";
}
