/**
 * Test tools for EPUB files: unzip and parse them, run Debian's EPUBCheck and DAISY Ace.
 * Both checkers are required: a missing one fails the test, it never skips it.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import * as cheerio from "cheerio";
import { unzipSync } from "fflate";
import { EPUBCHECK_JAR, epubcheck as runEpubcheck, epubcheckAvailable } from "../../src/epub/validate.ts";
import { ROOT } from "../helpers.ts";

const run = promisify(execFile);

export interface Book {
  file: string;
  bytes: Buffer;
  files: Record<string, Uint8Array>;
  text(name: string): string;
  /** Parsed as XML (namespaced attributes such as epub:type kept as written). */
  xml(name: string): cheerio.CheerioAPI;
  opfPath: string;
  opf: cheerio.CheerioAPI;
  /** Resolves an href inside the package folder to a zip entry name. */
  resolve(fromEntry: string, href: string): string;
}

export function openBook(file: string): Book {
  const bytes = readFileSync(file);
  const files = unzipSync(bytes);
  const text = (name: string) => {
    const data = files[name];
    if (!data) throw new Error(`${path.basename(file)} has no entry ${name}`);
    return new TextDecoder().decode(data);
  };
  const xml = (name: string) => cheerio.load(text(name), { xml: true });
  const opfPath = xml("META-INF/container.xml")("rootfile").attr("full-path")!;
  return {
    file,
    bytes,
    files,
    text,
    xml,
    opfPath,
    opf: xml(opfPath),
    resolve: (fromEntry, href) =>
      path.posix.normalize(path.posix.join(path.posix.dirname(fromEntry), decodeURIComponent(href.split("#")[0]))),
  };
}

/** The raw first local file header: name, compression method and extra-field length. */
export function firstZipEntry(bytes: Buffer): { name: string; method: number; extraLength: number; data: string } {
  if (bytes.readUInt32LE(0) !== 0x04034b50) throw new Error("not a zip local file header");
  const method = bytes.readUInt16LE(8);
  const size = bytes.readUInt32LE(18);
  const nameLength = bytes.readUInt16LE(26);
  const extraLength = bytes.readUInt16LE(28);
  const name = bytes.subarray(30, 30 + nameLength).toString("latin1");
  const start = 30 + nameLength + extraLength;
  return { name, method, extraLength, data: bytes.subarray(start, start + size).toString("latin1") };
}

export interface EpubCheckResult {
  file: string;
  /** Fatal errors, errors and warnings, one line each. */
  messages: string[];
}

/** All books in one JVM (src/epub/validate.ts); a missing EPUBCheck fails the test. */
export async function epubcheck(files: string[]): Promise<EpubCheckResult[]> {
  if (!epubcheckAvailable()) {
    throw new Error(
      `EPUBCheck is missing (${EPUBCHECK_JAR}): install the Debian package epubcheck (scripts/setup.sh does).`,
    );
  }
  return (await runEpubcheck(files)).map((r) => ({
    file: r.file,
    messages: r.messages.map((m) => `${m.severity} ${m.id} ${m.path ?? ""}:${m.line ?? ""}: ${m.message}`),
  }));
}

export interface AceResult {
  code: number;
  outcome: string;
  violations: { doc: string; rule: string; impact: string; html: string }[];
}

/** DAISY Ace (@daisy/ace-cli) on Debian's Chromium; exit 2 when it finds violations. */
export async function ace(file: string): Promise<AceResult> {
  const bin = path.join(ROOT, "node_modules/.bin/ace-cli");
  if (!existsSync(bin)) throw new Error("DAISY Ace is missing: npm install installs @daisy/ace-cli (devDependency).");
  const outdir = path.join(mkdtempSync(path.join(os.tmpdir(), "udgiv-ace-")), "report");
  let code = 0;
  try {
    await run(bin, ["-E", "-f", "-s", "-o", outdir, file], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
      timeout: 120_000,
    });
  } catch (error) {
    code = (error as { code?: number }).code ?? 1;
    if (!existsSync(path.join(outdir, "report.json"))) throw error;
  }
  const report = JSON.parse(readFileSync(path.join(outdir, "report.json"), "utf8")) as {
    "earl:result": { "earl:outcome": string };
    assertions: {
      "earl:testSubject": { url: string };
      assertions?: { "earl:test": { "dct:title": string; "earl:impact": string }; "earl:result": { html?: string } }[];
    }[];
  };
  const violations = report.assertions.flatMap((doc) =>
    (doc.assertions ?? []).map((a) => ({
      doc: doc["earl:testSubject"].url,
      rule: a["earl:test"]["dct:title"],
      impact: a["earl:test"]["earl:impact"],
      html: (a["earl:result"].html ?? "").slice(0, 200),
    })),
  );
  return { code, outcome: report["earl:result"]["earl:outcome"], violations };
}
