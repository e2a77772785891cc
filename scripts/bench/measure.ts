/**
 * Runs a command as a child process and measures it: wall time, peak RSS of its largest single
 * process (GNU time -v, when installed) and peak memory of the whole process tree (the build plus
 * the Chromium and Pagefind processes it starts), sampled from /proc as the sum of PSS, so pages
 * that Chromium's processes share are counted once.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const GNU_TIME = "/usr/bin/time";
const SAMPLE_MS = 200;

export interface Measured {
  code: number;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Peak RSS of the largest single process in the tree (GNU time), in KiB; undefined without GNU time. */
  maxRssKb?: number;
  /** Peak of the summed PSS of every process in the tree, sampled every 200 ms, in KiB. */
  treePeakKb: number;
}

export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

export async function measure(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<Measured> {
  const timeFile = path.join(os.tmpdir(), `udgiv-bench-time-${process.pid}-${Date.now()}.txt`);
  const [file, argv] = hasGnuTime() ? [GNU_TIME, ["-v", "-o", timeFile, command, ...args]] : [command, args];
  const start = performance.now();
  const child = spawn(file, argv, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  let treePeakKb = 0;
  const sampler = setInterval(() => {
    if (child.pid) treePeakKb = Math.max(treePeakKb, treeMemoryKb(child.pid));
  }, SAMPLE_MS);
  const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1)));
  clearInterval(sampler);
  const wallMs = performance.now() - start;
  let maxRssKb: number | undefined;
  if (existsSync(timeFile)) {
    const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeFile, "utf8"));
    maxRssKb = match ? Number(match[1]) : undefined;
    rmSync(timeFile, { force: true });
  }
  return { code, stdout, stderr, wallMs, maxRssKb, treePeakKb };
}

/** Sum of PSS (RSS where PSS is unreadable) of a process and all its descendants, in KiB. */
export function treeMemoryKb(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = parentOf(Number(entry));
    if (ppid === undefined) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  let total = 0;
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    total += memoryKb(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces and parentheses: read after the last ")".
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined; // the process ended while we looked
  }
}

function memoryKb(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const pss = /^Pss:\s+(\d+) kB/m.exec(rollup);
    if (pss) return Number(pss[1]);
  } catch {
    // fall through to statm
  }
  try {
    const pages = Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]);
    return (pages * 4096) / 1024;
  } catch {
    return 0;
  }
}
