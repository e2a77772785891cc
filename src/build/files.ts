/** File writes that other stages, running at the same time, may be reading. */
import { atomicWrite } from "../cache/index.ts";

/** Replaces a file in one rename, so a concurrent reader sees the old or the new content, never half. */
export async function replaceFile(file: string, content: string): Promise<void> {
  await atomicWrite(file, content);
}
