/** File writes that other stages, running at the same time, may be reading; folders left by killed processes. */
import { existsSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { atomicWrite } from "./store.ts";

/** Replaces a file in one rename, so a concurrent reader sees the old or the new content, never half. */
export async function replaceFile(file: string, content: string): Promise<void> {
  await atomicWrite(file, content);
}

/**
 * Removes the entries of `dir` that a process which is gone left behind: those whose name matches
 * `pattern`, its first group being the owner's pid (a killed build cannot clean up after itself).
 */
export async function removeAbandoned(dir: string, pattern: RegExp): Promise<void> {
  if (!existsSync(dir)) return;
  for (const name of await readdir(dir)) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (pid && pid !== process.pid && !isRunning(pid)) await rm(path.join(dir, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
