/**
 * The EPUB stage's worker thread: builds one book per message (package.ts, zip.ts) and sends the
 * zip back. Why a thread: every chapter goes through an HTML parser, and that garbage piles up in
 * the main thread's heap, which Eleventy and the model have made large, until V8 gets round to
 * it (about 1 GiB over a 1,000-publication build). Here the heap holds one book at a time, so
 * it is collected at that size, and it is gone when the stage ends the thread.
 */
import { parentPort } from "node:worker_threads";
import { BuildFailure } from "../failure.ts";
import { epubEntries, type EpubInput } from "./package.ts";
import { zipEpub } from "./zip.ts";

export interface BookRequest {
  input: EpubInput;
  isoDate: string;
}

/** The zip, or a BuildFailure's message for the editor, or any other error's stack. */
export type BookReply = { zip: Uint8Array } | { failure: string } | { error: string };

parentPort!.on("message", ({ input, isoDate }: BookRequest) => {
  try {
    const zip = zipEpub(epubEntries(input), isoDate);
    parentPort!.postMessage({ zip } satisfies BookReply, [zip.buffer as ArrayBuffer]); // moved, not copied
  } catch (error) {
    const reply: BookReply =
      error instanceof BuildFailure ? { failure: error.message } : { error: String((error as Error).stack ?? error) };
    parentPort!.postMessage(reply);
  }
});
