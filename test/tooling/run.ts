/** Runs one of the editor commands (scripts/*.ts) the way npm does, without throwing on a non-zero exit. */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { ROOT, testCacheDir } from "../helpers.ts";

const run = promisify(execFile);

export interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export async function runScript(
  script: "check" | "new",
  args: string[],
  env: Record<string, string> = {},
): Promise<ScriptRun> {
  const argv = [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), path.join(ROOT, `scripts/${script}.ts`), ...args];
  const start = performance.now();
  try {
    const { stdout, stderr } = await run(process.execPath, argv, { cwd: ROOT, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr, ms: performance.now() - start };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof e.code === "number" ? e.code : 1,
      stdout: e.stdout ?? "",
      stderr: e.stderr ?? "",
      ms: performance.now() - start,
    };
  }
}

/** `npm run check` on a content folder, with the run's cache: its exit code and everything it printed. */
export async function runCheck(contentDir: string): Promise<{ code: number; out: string }> {
  const result = await runScript("check", ["--content", contentDir, "--cache", testCacheDir()]);
  return { code: result.code, out: result.stdout + result.stderr };
}
