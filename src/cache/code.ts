/**
 * The version of the code a cache entry is made by: a hash of every source file a stage's module
 * imports, transitively (so a change to src/markdown or src/i18n reaches every stage that runs
 * them), of the other files in the folders it touches (stylesheets, templates read at run time),
 * and of the installed version of every npm package in that graph together with the packages
 * those depend on (from npm's lockfile). Nothing is listed by hand, so nothing can be forgotten.
 *
 * Only value imports count: `import type` is erased when the code runs and cannot change a result.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";

/** The Udgiv checkout this code runs from: names in a code version are relative to it. */
export const CODE_ROOT = path.resolve(import.meta.dirname, "../..");

export interface ModuleImport {
  specifier: string;
  /** `import type …` / `export type … from`: erased at run time. */
  typeOnly: boolean;
}

/** Statements start a line (or follow a ";"), so a sentence in a string that says "import" is not one. */
const STATIC_IMPORT = /(?:^|;)[ \t]*(import|export)\s+(type\s+)?([\w*${}\s,]*?)\s*from\s*["']([^"']+)["']/gm;
const SIDE_EFFECT_IMPORT = /(?:^|;)[ \t]*import\s*["']([^"']+)["']/gm;
/**
 * import("x"), require("x"), require.resolve("x"), import.meta.resolve("x") and
 * createRequire(…)("x"): literal specifiers only.
 */
const CALL_IMPORT =
  /(?:\bimport|\brequire(?:\.resolve)?|\bimport\.meta\.resolve|\bcreateRequire\([^()]*\))\(\s*["'`]([^"'`$]+)["'`]\s*\)/g;

/** The modules a TypeScript/JavaScript source imports, in the order they appear. */
export function importsOf(source: string): ModuleImport[] {
  const code = withoutComments(source);
  const found: ModuleImport[] = [];
  for (const [, , typeKeyword, clause, specifier] of code.matchAll(STATIC_IMPORT)) {
    found.push({ specifier, typeOnly: Boolean(typeKeyword) || onlyTypes(clause) });
  }
  for (const [, specifier] of code.matchAll(SIDE_EFFECT_IMPORT)) found.push({ specifier, typeOnly: false });
  for (const [, specifier] of code.matchAll(CALL_IMPORT)) found.push({ specifier, typeOnly: false });
  return found;
}

/** `{ type A, type B }` imports nothing at run time. */
function onlyTypes(clause: string): boolean {
  const braces = /^\{([\s\S]*)\}$/.exec(clause.trim());
  if (!braces) return false;
  const names = braces[1]
    .split(",")
    .map((n) => n.trim())
    .filter(Boolean);
  return names.length > 0 && names.every((n) => n.startsWith("type "));
}

/** Block and line comments out (a line comment starts after whitespace, so "https://…" in a string stays). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|\s)\/\/[^\n]*/g, "$1");
}

/** "@11ty/eleventy-img/x" → "@11ty/eleventy-img"; undefined for relative paths and Node's own modules. */
export function packageOf(specifier: string): string | undefined {
  if (/^[./]/.test(specifier) || specifier.startsWith("node:") || /^[a-z]+:/i.test(specifier)) return undefined;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  return builtinModules.includes(name) ? undefined : name;
}

export interface CodeGraph {
  /** Source files, relative to CODE_ROOT, sorted. */
  files: string[];
  /** npm packages the files import (value imports), sorted. */
  packages: string[];
}

/** Every file the given modules (relative to CODE_ROOT) load, and the packages they import. */
export function codeGraph(modules: string[]): CodeGraph {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = modules.map((m) => path.resolve(CODE_ROOT, m));
  while (todo.length) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const { specifier, typeOnly } of importsOf(readFileSync(file, "utf8"))) {
      if (typeOnly) continue;
      const name = packageOf(specifier);
      if (name) packages.add(name);
      else if (/^\.\.?\//.test(specifier)) {
        const target = resolveRelative(path.dirname(file), specifier);
        if (target) todo.push(target);
      }
    }
  }
  // Files a module reads at run time (udgiv.css, EpubCheckAll.java) live beside it.
  for (const dir of new Set([...files].map((f) => path.dirname(f)))) {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (!/\.(ts|md)$/.test(name) && statSync(file).isFile()) files.add(file);
    }
  }
  return {
    files: [...files].map((f) => path.relative(CODE_ROOT, f).split(path.sep).join("/")).sort(),
    packages: [...packages].sort(),
  };
}

function resolveRelative(dir: string, specifier: string): string | undefined {
  const base = path.resolve(dir, specifier);
  return [base, `${base}.ts`, path.join(base, "index.ts")].find((f) => existsSync(f) && statSync(f).isFile());
}

const versions = new Map<string, string>();

/**
 * The version of the code behind a cache: the graph of `modules` (see codeGraph), plus `files`
 * outside it that the code reads (a template), relative to `filesRoot`. Computed once per process.
 */
export function codeVersion(spec: { modules: string[]; files?: string[]; filesRoot?: string }): string {
  const filesRoot = spec.filesRoot ?? CODE_ROOT;
  const id = JSON.stringify([spec.modules, spec.files ?? [], filesRoot]);
  let version = versions.get(id);
  if (!version) {
    const graph = codeGraph(spec.modules);
    const hash = createHash("sha256");
    for (const file of graph.files)
      hash
        .update(`${file}\0`)
        .update(readFileSync(path.join(CODE_ROOT, file)))
        .update("\0");
    for (const file of [...(spec.files ?? [])].sort())
      hash
        .update(`${file}\0`)
        .update(readFileSync(path.join(filesRoot, file)))
        .update("\0");
    for (const entry of installedClosure(graph.packages)) hash.update(`${entry}\0`);
    version = hash.digest("hex");
    versions.set(id, version);
  }
  return version;
}

interface LockedPackage {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

let lock: Record<string, LockedPackage> | undefined;

/** npm's record of what is installed: node_modules/.package-lock.json, else package-lock.json. */
function lockedPackages(): Record<string, LockedPackage> {
  if (!lock) {
    const file = [
      path.join(CODE_ROOT, "node_modules/.package-lock.json"),
      path.join(CODE_ROOT, "package-lock.json"),
    ].find((f) => existsSync(f));
    lock = file
      ? ((JSON.parse(readFileSync(file, "utf8")) as { packages?: Record<string, LockedPackage> }).packages ?? {})
      : {};
  }
  return lock;
}

/**
 * "node_modules/pdf-lib@1.17.1", … for the packages and everything they depend on, as installed
 * (found the way Node finds them: nested node_modules first). Without a lockfile, the packages' own versions.
 */
export function installedClosure(packages: string[]): string[] {
  const locked = lockedPackages();
  const seen = new Set<string>();
  const todo = packages.map((name) => locate(locked, name, "")).filter((p): p is string => p !== undefined);
  if (Object.keys(locked).length === 0) return packages.map((name) => `${name}@${installedVersion(name)}`);
  while (todo.length) {
    const at = todo.pop()!;
    if (seen.has(at)) continue;
    seen.add(at);
    const entry = locked[at];
    for (const dep of Object.keys({
      ...entry.dependencies,
      ...entry.optionalDependencies,
      ...entry.peerDependencies,
    })) {
      const found = locate(locked, dep, at);
      if (found) todo.push(found);
    }
  }
  return [...seen].sort().map((at) => `${at}@${locked[at].version ?? "?"}`);
}

function locate(locked: Record<string, LockedPackage>, name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dir.includes("/node_modules/") ? dir.slice(0, dir.lastIndexOf("/node_modules/")) : "") {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (locked[candidate]) return candidate;
    if (!dir) return undefined;
  }
}

function installedVersion(name: string): string {
  try {
    return (
      JSON.parse(readFileSync(path.join(CODE_ROOT, "node_modules", name, "package.json"), "utf8")) as {
        version: string;
      }
    ).version;
  } catch {
    return "missing";
  }
}
