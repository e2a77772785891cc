/**
 * A second checkout of this repository, as the working tree is now, for tests that build from
 * another folder or change the code: `git clone --local` of ROOT plus its uncommitted changes and
 * untracked files (a clone alone would test the last commit), or a plain copy when ROOT is not a
 * git work tree. node_modules is ROOT's, linked, so no install is needed.
 */
import { execFile, execFileSync } from "node:child_process";
import { cpSync, mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { ROOT } from "../helpers.ts";

const run = promisify(execFile);
const NOT_SOURCE = new Set(["node_modules", ".git", ".cache", "reports", ".scratch"]);

export function checkout(dir: string): string {
  mkdirSync(path.dirname(dir), { recursive: true });
  if (isGitWorkTree()) {
    execFileSync("git", ["clone", "--quiet", "--local", ROOT, dir]);
    const changes = execFileSync("git", ["-C", ROOT, "diff", "HEAD", "--binary"]);
    if (changes.length)
      execFileSync("git", ["-C", dir, "apply", "--binary", "--whitespace=nowarn", "-"], { input: changes });
    const untracked = execFileSync("git", ["-C", ROOT, "ls-files", "--others", "--exclude-standard", "-z"], {
      encoding: "utf8",
    })
      .split("\0")
      .filter(Boolean);
    for (const file of untracked.filter((f) => !NOT_SOURCE.has(f.split("/")[0])))
      cpSync(path.join(ROOT, file), path.join(dir, file));
  } else {
    cpSync(ROOT, dir, {
      recursive: true,
      filter: (source) => !NOT_SOURCE.has(path.basename(source)) && !/^_site/.test(path.basename(source)),
    });
  }
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

function isGitWorkTree(): boolean {
  try {
    return (
      execFileSync("git", ["-C", ROOT, "rev-parse", "--is-inside-work-tree"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }).trim() === "true"
    );
  } catch {
    return false;
  }
}

export interface CheckoutBuild {
  code: number;
  stdout: string;
  stderr: string;
  /** The last line of --json output. */
  stats: Record<string, number>;
}

/** `tsx scripts/build.ts` of that checkout, from inside it (so its defaults are its own content/, _site/, .cache/). */
export async function buildIn(checkoutDir: string, args: string[]): Promise<CheckoutBuild> {
  const argv = [
    path.join(checkoutDir, "node_modules/tsx/dist/cli.mjs"),
    path.join(checkoutDir, "scripts/build.ts"),
    "--json",
    ...args,
  ];
  try {
    const { stdout, stderr } = await run(process.execPath, argv, { cwd: checkoutDir, maxBuffer: 64 * 1024 * 1024 });
    return {
      code: 0,
      stdout,
      stderr,
      stats: (JSON.parse(stdout.trim().split("\n").at(-1)!) as { counts: Record<string, number> }).counts,
    };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "", stats: {} };
  }
}
