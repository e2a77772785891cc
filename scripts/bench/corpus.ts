/**
 * The benchmark corpus: a synthetic site in the content/ format (see content/ and
 * src/model/schema.ts), deterministic from a seed. Publication i is the same whatever N is
 * (each has its own PRNG stream), so corpora of different sizes share their first publications.
 *
 * Figures: a handful of charts are drawn once and copied into the publications that use them
 * (identical bytes, so image processing meets them once), and every 8th publication gets a chart
 * of its own, so a cold build really encodes images.
 */
import { createHash } from "node:crypto";
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { slugify } from "../../src/markdown/index.ts";
import { capitalise, Danish, TOPICS } from "./danish.ts";
import { drawCover, drawFigure, type Figure } from "./images.ts";
import { Random } from "./random.ts";

export const DEFAULT_SEED = "udgiv-bench";
const SHARED_FIGURES = 6;
const SHARED_COVERS = 3;
const OWN_FIGURE_EVERY = 8;
const HOUSES = ["departementet", "styrelsen", "statistik"] as const;
const AUDIENCES = ["borgere", "fagfolk", "presse"] as const;
const ROLES = ["forfatter", "forfatter", "redaktør", "bidragyder", "illustrator"] as const;

export interface CorpusOptions {
  /** The content folder to write (replaced if it exists). */
  dir: string;
  publications: number;
  seed?: string;
}

export interface CorpusSummary {
  publications: number;
  chapters: number;
  news: number;
  pages: number;
  /** Words of running text in all Markdown files (rough: whitespace-separated tokens). */
  words: number;
  markdownFiles: number;
  markdownBytes: number;
  /** Image references in the Markdown and front matter, and distinct image contents among them. */
  imageReferences: number;
  distinctImages: number;
}

interface PublicationPlan {
  index: number;
  slug: string;
  title: string;
}

export async function generateCorpus(options: CorpusOptions): Promise<CorpusSummary> {
  const seed = options.seed ?? DEFAULT_SEED;
  const count = Math.max(1, Math.min(options.publications, 10_000));
  rmSync(options.dir, { recursive: true, force: true });
  mkdirSync(path.join(options.dir, "_data"), { recursive: true });
  writeFileSync(path.join(options.dir, "_data", "site.json"), `${JSON.stringify(SITE, null, 2)}\n`);

  const shared = new Random(`${seed}/shared`);
  const figures: Figure[] = [];
  for (let i = 0; i < SHARED_FIGURES; i++)
    figures.push(await drawFigure(shared, (["bars", "line", "shapes"] as const)[i % 3]));
  const covers: Buffer[] = [];
  for (let i = 0; i < SHARED_COVERS; i++) covers.push(await drawCover(shared));

  const plans = planPublications(seed, count);
  const images = new Set<string>();
  let imageReferences = 0;
  let chapters = 0;
  for (const plan of plans) {
    const written = await writePublication(options.dir, seed, plan, plans, figures, covers);
    chapters += written.chapters;
    imageReferences += written.images.length;
    written.images.forEach((png) => images.add(hash(png)));
  }
  const news = writeNews(options.dir, seed, Math.max(4, Math.round(count * 0.6)), plans);
  writePages(options.dir, seed);

  const markdown = listFiles(options.dir).filter((f) => f.endsWith(".md"));
  const texts = markdown.map((f) => readFileSync(f, "utf8"));
  return {
    publications: plans.length,
    chapters,
    news,
    pages: 2,
    words: texts.reduce((sum, t) => sum + t.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length, 0),
    markdownFiles: markdown.length,
    markdownBytes: texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0),
    imageReferences,
    distinctImages: images.size,
  };
}

/** Titles and slugs first, so chapters can link to other publications of the corpus. */
function planPublications(seed: string, count: number): PublicationPlan[] {
  const used = new Set<string>();
  return Array.from({ length: count }, (_, index) => {
    const random = new Random(`${seed}/publication/${index}/title`);
    const title = new Danish(random).title();
    let slug = slugify(title);
    for (let n = 2; used.has(slug); n++) slug = `${slugify(title)}-${n}`;
    used.add(slug);
    return { index, slug, title };
  });
}

async function writePublication(
  root: string,
  seed: string,
  plan: PublicationPlan,
  plans: readonly PublicationPlan[],
  figures: Figure[],
  covers: Buffer[],
): Promise<{ chapters: number; images: Buffer[] }> {
  const random = new Random(`${seed}/publication/${plan.index}`);
  const danish = new Danish(random);
  const dir = path.join(root, "publikationer", plan.slug);
  mkdirSync(dir, { recursive: true });
  const images: Buffer[] = [];
  const addImage = (name: string, png: Buffer) => {
    writeFileSync(path.join(dir, name), png);
    images.push(png);
  };

  // Each figure file costs a full encode in a cold build (eleventy-img meets identical copies in
  // different folders as different sources), so a publication has at most one: its own chart
  // (every 8th publication) or, for about half of the others, a copy of a shared one.
  const own = plan.index % OWN_FIGURE_EVERY === 0 ? await drawFigure(random.fork("own-figure")) : undefined;
  const sharedIndex = random.int(0, figures.length - 1);
  const figureFile: FigureChoice | undefined = own
    ? { name: `diagram-${plan.slug}.png`, figure: own }
    : random.chance(0.5)
      ? { name: `figur-${sharedIndex + 1}.png`, figure: figures[sharedIndex] }
      : undefined;
  let figureUsed = false;

  const chapterCount = random.int(5, 15);
  const chapterTitles = uniqueTitles(danish, chapterCount);
  const files = chapterTitles.map((title, i) => `${String(i + 1).padStart(2, "0")}-${slugify(title)}.md`);
  files.forEach((file, i) => {
    const siblings = files.map((f, j) => ({ file: f, title: chapterTitles[j] })).filter((_, j) => j !== i);
    const figureFor = () => {
      figureUsed ||= figureFile !== undefined;
      return figureFile;
    };
    const body = chapterMarkdown(random, danish, chapterTitles[i], siblings, plans.slice(0, plan.index + 1), figureFor);
    writeFileSync(path.join(dir, file), body);
  });
  if (figureFile && figureUsed) addImage(figureFile.name, figureFile.figure.png);

  const frontMatter: Record<string, unknown> = {
    titel: plan.title,
    ...(random.chance(0.6) && { undertitel: capitalise(danish.nounPhrase()) }),
    resume: `${danish.sentence()} ${danish.sentence()}`,
    sprog: "da",
    dato: isoDate(random, 2019, 2026),
    hus: random.pick(HOUSES),
    forfattere: Array.from({ length: random.int(1, 4) }, (_, i) => ({
      navn: danish.personName(),
      rolle: i === 0 ? "forfatter" : random.pick(ROLES),
    })),
    emner: random.sample(TOPICS, random.int(1, 4)),
    maalgruppe: random.pick(AUDIENCES),
    isbn: isbn(plan.index),
    eksport: { epub: true, pdf: true },
  };
  if (random.chance(0.2)) {
    const cover = random.int(0, covers.length - 1);
    addImage(`forside-${cover + 1}.png`, covers[cover]);
    frontMatter.forside = {
      billede: `forside-${cover + 1}.png`,
      alt: `Forside med titlen ${plan.title} på farvet baggrund med overlappende cirkler.`,
    };
  }
  const intro = Array.from({ length: random.int(2, 4) }, () => danish.paragraph(3, 6)).join("\n\n");
  writeFileSync(path.join(dir, "index.md"), `---\n${stringify(frontMatter, { lineWidth: 0 })}---\n${intro}\n`);
  return { chapters: chapterCount, images };
}

interface Sibling {
  file: string;
  title: string;
}
interface FigureChoice {
  name: string;
  figure: Figure;
}

/** One chapter: h1, then sections (h2, sometimes h3 under them), paragraphs, lists, tables, figures, footnotes. */
function chapterMarkdown(
  random: Random,
  danish: Danish,
  title: string,
  siblings: Sibling[],
  linkable: readonly PublicationPlan[],
  figureFor: () => FigureChoice | undefined,
): string {
  const blocks: string[] = [`# ${title}`];
  const footnotes: string[] = [];
  let figureNumber = 0;

  const paragraph = () => {
    let text = danish.paragraph();
    if (random.chance(0.15)) {
      footnotes.push(danish.paragraph(1, 2));
      text += `[^${footnotes.length}]`;
    }
    if (random.chance(0.06) && siblings.length > 0) {
      const other = random.pick(siblings);
      text += ` Se også [kapitlet ${other.title.toLowerCase()}](${other.file}).`;
    } else if (random.chance(0.04)) {
      const other = random.pick(linkable); // this one or an earlier one: the same whatever N is
      text += ` Læs mere i [${other.title}](/publikationer/${other.slug}/).`;
    }
    blocks.push(text);
  };
  const list = () => {
    const ordered = random.chance(0.3);
    blocks.push(danish.sentence().replace(/[.?]$/, ":"));
    blocks.push(
      Array.from({ length: random.int(3, 6) }, (_, i) => `${ordered ? `${i + 1}.` : "-"} ${danish.listItem()}`).join(
        "\n",
      ),
    );
  };
  const figure = () => {
    const choice = figureFor();
    if (!choice) return;
    const { name, figure } = choice;
    figureNumber++;
    const what =
      figure.kind === "bars"
        ? "Søjlediagram"
        : figure.kind === "line"
          ? "Kurvediagram"
          : "Illustration med farvede figurer";
    const alt = `${what} over ${danish.noun()} med ${figure.values.length} værdier mellem ${Math.min(...figure.values)} og ${Math.max(...figure.values)} procent. Den højeste værdi er ${Math.max(...figure.values)} procent.`;
    blocks.push(
      `![${alt}](${name})\n*Figur ${figureNumber}: ${capitalise(danish.nounPhrase())} ${danish.prepositionalPhrase()}, procent.*`,
    );
  };

  paragraph();
  const sections = random.int(2, 6);
  for (let s = 0; s < sections; s++) {
    blocks.push(`## ${uniqueHeading(danish, blocks)}`);
    for (let p = random.int(1, 4); p > 0; p--) paragraph();
    if (random.chance(0.3)) list();
    if (random.chance(0.25)) blocks.push(table(random, danish));
    if (random.chance(0.2)) figure();
    if (random.chance(0.45)) {
      for (let sub = random.int(1, 2); sub > 0; sub--) {
        blocks.push(`### ${uniqueHeading(danish, blocks)}`);
        for (let p = random.int(1, 3); p > 0; p--) paragraph();
        if (random.chance(0.15)) list();
      }
    }
  }
  footnotes.forEach((text, i) => blocks.push(`[^${i + 1}]: ${text}`));
  return `${blocks.join("\n\n")}\n`;
}

/** A "Tabel:" caption and a pipe table with a label column and right-aligned numbers in Danish notation. */
function table(random: Random, danish: Danish): string {
  const byYear = random.chance(0.5);
  const first = random.int(2015, 2024);
  const rows = random.int(3, 8);
  const columns = random.sample(
    ["Antal (1.000)", "Andel (pct.)", "Ændring (point)", "Udgifter (mio. kr.)", "Median (dage)"],
    random.int(2, 4),
  );
  const labels = byYear ? Array.from({ length: rows }, (_, i) => String(first + i)) : uniqueLabels(danish, rows);
  const cell = (column: string) =>
    column.startsWith("Ændring")
      ? `${random.chance(0.7) ? "+" : "−"}${random.int(0, 9)}`
      : column.startsWith("Andel")
        ? `${random.int(1, 99)},${random.int(0, 9)}`
        : column.startsWith("Median")
          ? String(random.int(3, 60))
          : `${random.int(1, 9)}.${String(random.int(0, 999)).padStart(3, "0")}`;
  const caption = `Tabel: ${capitalise(danish.nounPhrase())} fordelt på ${byYear ? "år" : danish.noun()}, ${first}–${first + rows - 1}`;
  return [
    caption,
    "",
    `| ${byYear ? "År" : "Område"} | ${columns.join(" | ")} |`,
    `|---|${columns.map(() => "---:").join("|")}|`,
    ...labels.map((label) => `| ${label} | ${columns.map(cell).join(" | ")} |`),
  ].join("\n");
}

function writeNews(root: string, seed: string, count: number, plans: PublicationPlan[]): number {
  const dir = path.join(root, "nyheder");
  mkdirSync(dir, { recursive: true });
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    const random = new Random(`${seed}/news/${i}`);
    const danish = new Danish(random);
    let title = capitalise(`${danish.nounPhrase()} ${danish.prepositionalPhrase()}`);
    while (used.has(slugify(title))) title = `${title} ${danish.year()}`;
    used.add(slugify(title));
    const date = isoDate(random, 2024, 2026);
    const publication = random.pick(plans);
    const frontMatter = {
      titel: title,
      dato: date,
      hus: random.pick(HOUSES),
      resume: danish.sentence(),
      emner: random.sample(TOPICS, random.int(1, 3)),
      sprog: "da",
    };
    const body = [
      danish.paragraph(2, 4),
      `## ${danish.heading()}`,
      danish.paragraph(2, 5),
      `${danish.sentence()} Læs mere i [${publication.title}](/publikationer/${publication.slug}/).`,
    ].join("\n\n");
    writeFileSync(
      path.join(dir, `${date}-${slugify(title)}.md`),
      `---\n${stringify(frontMatter, { lineWidth: 0 })}---\n${body}\n`,
    );
  }
  return count;
}

function writePages(root: string, seed: string): void {
  const dir = path.join(root, "sider");
  mkdirSync(dir, { recursive: true });
  const random = new Random(`${seed}/pages`);
  const danish = new Danish(random);
  for (const [slug, titel] of [
    ["om", "Om ministeriet og publikationerne"],
    ["kontakt", "Kontakt os"],
  ]) {
    const body = [
      danish.paragraph(),
      `## ${danish.heading()}`,
      danish.paragraph(),
      `## ${danish.heading()}`,
      danish.paragraph(),
    ].join("\n\n");
    writeFileSync(
      path.join(dir, `${slug}.md`),
      `---\n${stringify({ titel, resume: danish.sentence(), sprog: "da" }, { lineWidth: 0 })}---\n${body}\n`,
    );
  }
}

/**
 * The edit of a warm rebuild: appends a sentence to one chapter (the same chapter every time,
 * the text differing per `label`, so the publication's content hash changes on every run).
 */
export function editOneChapter(contentDir: string, label: string): string {
  const root = path.join(contentDir, "publikationer");
  const publication = path.join(root, readdirSync(root).sort()[0]);
  const chapter = path.join(
    publication,
    readdirSync(publication)
      .filter((f) => /^\d+-.*\.md$/.test(f))
      .sort()[0],
  );
  appendFileSync(chapter, `\nRedaktionen tilføjede denne sætning ved kørsel ${label} for at måle en genopbygning.\n`);
  return chapter;
}

/** A digest of every file (relative path + bytes): equal digests mean byte-identical corpora. */
export function corpusDigest(dir: string): string {
  const digest = createHash("sha256");
  for (const file of listFiles(dir))
    digest.update(path.relative(dir, file)).update("\0").update(readFileSync(file)).update("\0");
  return digest.digest("hex");
}

export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile())
    .sort();
}

function uniqueTitles(danish: Danish, count: number): string[] {
  const titles: string[] = [];
  while (titles.length < count) {
    const title = danish.heading();
    if (!titles.some((t) => slugify(t) === slugify(title))) titles.push(title);
  }
  return titles;
}

/** A heading not yet used in this chapter (keeps heading ids readable, without -1 suffixes). */
function uniqueHeading(danish: Danish, blocks: string[]): string {
  for (;;) {
    const heading = danish.heading();
    if (!blocks.some((b) => b.replace(/^#+ /, "") === heading)) return heading;
  }
}

function uniqueLabels(danish: Danish, count: number): string[] {
  const labels = new Set<string>();
  while (labels.size < count) labels.add(capitalise(danish.noun()));
  return [...labels];
}

function isoDate(random: Random, fromYear: number, toYear: number): string {
  const start = Date.UTC(fromYear, 0, 1);
  const end = Math.min(Date.UTC(toYear, 11, 31), Date.UTC(2026, 10, 20));
  return new Date(start + random.int(0, Math.floor((end - start) / 86_400_000)) * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/** A valid ISBN-13 in the 978-87 (Danish) range, unique per publication index. */
export function isbn(index: number): string {
  const digits = `97887${String(7_546_000 + index).padStart(7, "0")}`;
  const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  const check = (10 - (sum % 10)) % 10;
  return `978-87-${digits.slice(5, 9)}-${digits.slice(9)}-${check}`;
}

function hash(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Same structure as content/_data/site.json: one ministry, three houses. */
const SITE = {
  navn: "Publikationer fra Ministeriet for Borgerservice og Digital Velfærd",
  beskrivelse:
    "Syntetisk indhold til Udgivs benchmark: rapporter, vejledninger, statistik og nyheder fra ministeriet og dets tre huse.",
  baseUrl: "https://udgiv.example.dk",
  sprog: "da",
  tilgaengelighedserklaering: "https://www.was.digst.dk/udgiv-example-dk",
  kontakt: {
    email: "kommunikation@example.dk",
    telefon: "+45 33 12 34 56",
    adresse: "Velfærdsgade 12, 1216 København K",
  },
  huse: [
    {
      id: "departementet",
      navn: "Departementet i Ministeriet for Borgerservice og Digital Velfærd",
      kort: "Departementet",
      beskrivelse: "Departementet rådgiver ministeren og står for lovgivning og politik på området.",
    },
    {
      id: "styrelsen",
      navn: "Styrelsen for Tilgængelig Kommunikation",
      kort: "Styrelsen",
      beskrivelse: "Styrelsen hjælper myndigheder med at lave tekster og digitale løsninger, som alle kan bruge.",
    },
    {
      id: "statistik",
      navn: "Velfærdsstatistik",
      kort: "Velfærdsstatistik",
      beskrivelse:
        "Velfærdsstatistik samler og offentliggør tal om velfærd, ydelser og borgernes brug af offentlig service.",
    },
  ],
  maalgrupper: { borgere: 40, fagfolk: 50, presse: 45 },
};
