/**
 * Figures for the benchmark corpus, drawn as SVG and encoded to PNG with sharp: bar charts,
 * line charts and plain shapes, without text (so no font differences between machines).
 * Same seed, same pixels, same bytes.
 */
import sharp from "sharp";
import type { Random } from "./random.ts";

const PALETTE = ["#1f4e79", "#2e7d32", "#c77c02", "#8e244d", "#00796b", "#5d4037", "#455a64"];
// Drawn on a 1200×675 grid, rendered at 800×450: small charts, as the issue asks; eleventy-img then
// makes 480 px and 800 px variants (it never enlarges), in AVIF, WebP and PNG.
const WIDTH = 1200;
const HEIGHT = 675;
const svgRoot = (w: number, h: number, scale: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(w * scale)}" height="${Math.round(h * scale)}" viewBox="0 0 ${w} ${h}">`;

export type FigureKind = "bars" | "line" | "shapes";

export interface Figure {
  kind: FigureKind;
  png: Buffer;
  /** What the figure shows, for its alt text. */
  values: number[];
}

export async function drawFigure(
  random: Random,
  kind: FigureKind = random.pick(["bars", "line", "shapes"] as const),
): Promise<Figure> {
  const values = Array.from({ length: random.int(4, 9) }, () => random.int(12, 95));
  const svg = kind === "bars" ? bars(values, random) : kind === "line" ? line(values, random) : shapes(values, random);
  const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 9, palette: true }).toBuffer();
  return { kind, png, values };
}

/** A portrait cover: coloured ground with overlapping circles. */
export async function drawCover(random: Random): Promise<Buffer> {
  const ground = random.pick(PALETTE);
  const circles = Array.from({ length: random.int(2, 5) }, () => {
    const fill = random.pick(["#f2c14e", "#7fb069", "#e6e6ea", "#f78154"]);
    return `<circle cx="${random.int(200, 800)}" cy="${random.int(500, 1200)}" r="${random.int(80, 300)}" fill="${fill}" fill-opacity="0.85"/>`;
  });
  const svg =
    `${svgRoot(900, 1273, 2 / 3)}<rect width="900" height="1273" fill="${ground}"/>` +
    `<rect x="80" y="120" width="740" height="28" fill="#ffffff"/><rect x="80" y="180" width="520" height="28" fill="#ffffff"/>${circles.join("")}</svg>`;
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9, palette: true }).toBuffer();
}

function frame(body: string): string {
  return (
    `${svgRoot(WIDTH, HEIGHT, 2 / 3)}<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>` +
    `<line x1="80" y1="600" x2="1160" y2="600" stroke="#222" stroke-width="3"/><line x1="80" y1="40" x2="80" y2="600" stroke="#222" stroke-width="3"/>` +
    [150, 290, 430]
      .map((y) => `<line x1="80" y1="${y}" x2="1160" y2="${y}" stroke="#ccc" stroke-width="1"/>`)
      .join("") +
    `${body}</svg>`
  );
}

function bars(values: number[], random: Random): string {
  const fill = random.pick(PALETTE);
  const step = 1060 / values.length;
  return frame(
    values
      .map((v, i) => {
        const h = (v / 100) * 540;
        return `<rect x="${Math.round(100 + i * step)}" y="${Math.round(600 - h)}" width="${Math.round(step * 0.7)}" height="${Math.round(h)}" fill="${fill}"/>`;
      })
      .join(""),
  );
}

function line(values: number[], random: Random): string {
  const stroke = random.pick(PALETTE);
  const step = 1040 / (values.length - 1);
  const points = values.map((v, i) => `${Math.round(100 + i * step)},${Math.round(600 - (v / 100) * 540)}`);
  return frame(
    `<polyline points="${points.join(" ")}" fill="none" stroke="${stroke}" stroke-width="6"/>` +
      points.map((p) => `<circle cx="${p.split(",")[0]}" cy="${p.split(",")[1]}" r="10" fill="${stroke}"/>`).join(""),
  );
}

function shapes(values: number[], random: Random): string {
  const body = values.map((v, i) => {
    const fill = PALETTE[i % PALETTE.length];
    return random.chance(0.5)
      ? `<circle cx="${random.int(150, 1050)}" cy="${random.int(120, 520)}" r="${v + 20}" fill="${fill}" fill-opacity="0.8"/>`
      : `<rect x="${random.int(100, 950)}" y="${random.int(80, 450)}" width="${v * 2}" height="${v + 40}" fill="${fill}" fill-opacity="0.8"/>`;
  });
  return `${svgRoot(WIDTH, HEIGHT, 2 / 3)}<rect width="${WIDTH}" height="${HEIGHT}" fill="#f7f7f2"/>${body.join("")}</svg>`;
}
