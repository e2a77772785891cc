/**
 * Runs planned stages as soon as the stages they come after have finished, as many at a time as
 * are ready. A skipped stage finishes at once, with no result, but only once its own predecessors
 * have: what comes after it still waits for them. When one fails, no further stage starts; the
 * ones running are let finish (so no Chromium or Pagefind process is left behind) and the first
 * failure is thrown. Each stage's result is handed to later stages through ctx.result(name).
 */
import type { BuildContext } from "./index.ts";

/** A stage as the scheduler sees it: a name, what it comes after, and work that returns a result. */
export interface Schedulable {
  name: string;
  after: string[];
  load(): Promise<{ run(ctx: BuildContext): Promise<unknown> }>;
}

/** Returns the results of the stages that ran, by stage name. */
export async function runStages(
  planned: Schedulable[],
  ctx: BuildContext,
  time: (name: string, work: () => Promise<unknown>) => Promise<unknown>,
): Promise<Record<string, unknown>> {
  const todo = [...planned];
  const known = new Set(planned.map(({ name }) => name));
  for (const { name, after } of todo) {
    const unknown = after.filter((other) => !known.has(other));
    if (unknown.length) throw new Error(`stage ${name} comes after unknown stages: ${unknown.join(", ")}`);
  }
  const done = new Set<string>();
  const results: Record<string, unknown> = {};
  const running = new Map<string, Promise<void>>();
  let failure: { error: unknown } | undefined;
  const outcomes = new Map(planned.map(({ name }) => [name, settleable()]));
  ctx.result = ((name: string) =>
    outcomes.get(name)?.promise ?? Promise.reject(new Error(`unknown stage ${name}`))) as BuildContext["result"];
  const fail = (error: unknown) => {
    failure ??= { error };
    // Stages that will not run now must not keep a stage that waits for them waiting.
    for (const { name } of todo) outcomes.get(name)!.reject(new Error(`stage ${name} did not run`));
  };

  while (todo.length || running.size) {
    if (!failure) {
      for (const item of todo.filter(({ after }) => after.every((name) => done.has(name)))) {
        todo.splice(todo.indexOf(item), 1);
        const { name } = item;
        const work = ctx.options.skip.has(name)
          ? Promise.resolve(undefined)
          : time(name, async () => (await item.load()).run(ctx));
        const run = work.then(
          (result) => {
            done.add(name);
            if (result !== undefined) results[name] = result;
            outcomes.get(name)!.resolve(result);
          },
          (error: unknown) => {
            outcomes.get(name)!.reject(error);
            fail(error);
          },
        );
        running.set(
          name,
          run.finally(() => running.delete(name)),
        );
      }
    }
    if (!running.size) break; // failed, or nothing left that can start
    await Promise.race(running.values());
  }
  if (failure) throw failure.error;
  if (todo.length) throw new Error(`stages never became ready: ${todo.map(({ name }) => name).join(", ")}`);
  return results;
}

/** A promise settled from outside; rejecting it without a listener is not an unhandled rejection. */
function settleable(): {
  promise: Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
} {
  let resolve!: (value: unknown) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<unknown>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}
