/** File writes that other stages, running at the same time, may be reading. */
import { rename, writeFile } from "node:fs/promises";

/** Replaces a file in one rename, so a concurrent reader sees the old or the new content, never half. */
export async function replaceFile(file: string, content: string): Promise<void> {
  const temp = `${file}.tmp-${process.pid}`;
  await writeFile(temp, content);
  await rename(temp, file);
}
