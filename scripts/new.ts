/**
 * `npm run new -- publikation "Titel"` / `npm run new -- nyhed "Titel"`: scaffolds a correctly
 * named publication folder (index.md + a first chapter) or news file, with front matter filled in:
 * the address from the title (æ, ø, å → ae, oe, aa), today's date, the first house of site.json.
 * Options: --hus ID (another house), --sprog en, --content DIR. Never overwrites an existing address.
 */
import { existsSync, readdirSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { stringify } from "yaml";
import { slugify } from "../src/markdown/index.ts";

const USAGE = `Brug:
  npm run new -- publikation "Titel på publikationen" [--hus ID] [--sprog en]
  npm run new -- nyhed "Titel på nyheden" [--hus ID] [--sprog en]`;

class Refusal extends Error {}

interface Options {
  kind: "publikation" | "nyhed";
  title: string;
  house?: string;
  lang?: "da" | "en";
  contentDir: string;
  today: string;
}

function readOptions(): Options {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      hus: { type: "string" },
      sprog: { type: "string" },
      content: { type: "string" },
      dato: { type: "string" },
    },
  });
  const [kind, ...words] = positionals;
  const title = words.join(" ").trim();
  if ((kind !== "publikation" && kind !== "nyhed") || !title) throw new Refusal(USAGE);
  if (values.sprog && values.sprog !== "da" && values.sprog !== "en")
    throw new Refusal("--sprog skal være da eller en");
  const today = values.dato ?? DateTime.now().setZone("Europe/Copenhagen").toISODate()!;
  if (!DateTime.fromISO(today).isValid) throw new Refusal("--dato skal skrives som ÅÅÅÅ-MM-DD");
  return {
    kind,
    title,
    house: values.hus,
    lang: values.sprog as Options["lang"],
    today,
    contentDir: path.resolve(values.content ?? path.join(import.meta.dirname, "..", "content")),
  };
}

/** The house to publish under: --hus when it exists, else the first house in site.json. */
async function chooseHouse(options: Options): Promise<string> {
  const file = path.join(options.contentDir, "_data", "site.json");
  const site = JSON.parse(await readFile(file, "utf8")) as { huse?: { id: string }[] };
  const ids = (site.huse ?? []).map((h) => h.id);
  if (ids.length === 0) throw new Refusal(`${file} nævner ingen huse. Tilføj mindst ét hus under "huse"`);
  if (!options.house) return ids[0];
  if (!ids.includes(options.house)) throw new Refusal(`Ukendt hus "${options.house}". Brug et af: ${ids.join(", ")}`);
  return options.house;
}

function frontMatter(fields: Record<string, unknown>): string {
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return `---\n${stringify(defined, { lineWidth: 0 }).trimEnd()}\n---\n`;
}

async function newPublication(options: Options, slug: string, house: string): Promise<string[]> {
  const dir = path.join(options.contentDir, "publikationer", slug);
  if (existsSync(dir)) {
    throw new Refusal(
      `Der findes allerede en publikation med adressen /publikationer/${slug}/ (${relative(dir)}). Vælg en anden titel, eller skriv videre i den eksisterende`,
    );
  }
  const english = options.lang === "en";
  const index =
    frontMatter({
      titel: options.title,
      resume: english
        ? "One or two sentences on what the publication is about."
        : "Skriv en eller to sætninger om, hvad publikationen handler om.",
      sprog: options.lang,
      dato: options.today,
      hus: house,
      forfattere: [],
      emner: [],
    }) + (english ? "\nA short foreword.\n" : "\nSkriv et kort forord her.\n");
  const chapterName = english ? "01-introduction.md" : "01-indledning.md";
  const chapter = english
    ? "# Introduction\n\nWrite the first chapter here. Add more chapters as 02-name.md, 03-name.md and so on.\n"
    : "# Indledning\n\nSkriv det første kapitel her. Flere kapitler lægger du i filer som 02-navn.md og 03-navn.md.\n";
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "index.md"), index, { flag: "wx" });
  await writeFile(path.join(dir, chapterName), chapter, { flag: "wx" });
  return [path.join(dir, "index.md"), path.join(dir, chapterName)];
}

async function newNewsItem(options: Options, slug: string, house: string): Promise<string[]> {
  const dir = path.join(options.contentDir, "nyheder");
  const taken = existsSync(dir)
    ? readdirSync(dir).find(
        (f) => f.endsWith(".md") && slugify(f.replace(/\.md$/, "").replace(/^\d{4}-\d{2}-\d{2}-?/, "")) === slug,
      )
    : undefined;
  if (taken) {
    throw new Refusal(
      `Der findes allerede en nyhed med adressen /nyheder/${slug}/ (${relative(path.join(dir, taken))}). Vælg en anden titel`,
    );
  }
  const english = options.lang === "en";
  const text =
    frontMatter({
      titel: options.title,
      dato: options.today,
      hus: house,
      resume: english
        ? "One or two sentences that sum up the news."
        : "Skriv en eller to sætninger, der opsummerer nyheden.",
      sprog: options.lang,
      emner: [],
    }) + (english ? "\nWrite the news here.\n" : "\nSkriv nyhedens tekst her.\n");
  const file = path.join(dir, `${options.today}-${slug}.md`);
  await mkdir(dir, { recursive: true });
  await writeFile(file, text, { flag: "wx" });
  return [file];
}

function relative(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

try {
  const options = readOptions();
  const slug = slugify(options.title);
  if (!slug) throw new Refusal("Titlen giver ingen adresse. Brug bogstaver eller tal i titlen");
  const house = await chooseHouse(options);
  const files =
    options.kind === "publikation"
      ? await newPublication(options, slug, house)
      : await newNewsItem(options, slug, house);
  const url = options.kind === "publikation" ? `/publikationer/${slug}/` : `/nyheder/${slug}/`;
  console.log(`Oprettet ${files.map(relative).join(" og ")}\nAdresse: ${url}  Hus: ${house}  Dato: ${options.today}`);
  console.log("Skriv videre i filerne; se resultatet med npm start, og tjek med npm run check.");
} catch (error) {
  if (!(error instanceof Refusal)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
