/**
 * Runs planned stages as soon as the stages they come after have finished, as many at a time as
 * are ready. A skipped stage finishes at once, but only once its own predecessors have: what comes
 * after it still waits for them. When one fails, no further stage starts; the ones running are let
 * finish (so no Chromium or Pagefind process is left behind) and the first failure is thrown.
 * A stage that needs another only for part of its work waits for it with ctx.finished(name).
 */
import type { BuildContext } from "./index.ts";
import type { PlannedStage } from "./stages.ts";

export async function runStages(
  planned: PlannedStage[],
  ctx: BuildContext,
  time: (name: string, work: () => Promise<void>) => Promise<void>,
): Promise<void> {
  const todo = [...planned];
  const known = new Set(planned.map(({ name }) => name));
  for (const { name, after } of todo) {
    const unknown = after.filter((other) => !known.has(other));
    if (unknown.length) throw new Error(`stage ${name} comes after unknown stages: ${unknown.join(", ")}`);
  }
  const done = new Set<string>();
  const running = new Map<string, Promise<void>>();
  let failure: { error: unknown } | undefined;
  const outcomes = new Map(planned.map(({ name }) => [name, settleable()]));
  ctx.finished = (name) => outcomes.get(name)?.promise ?? Promise.reject(new Error(`unknown stage ${name}`));
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
          ? Promise.resolve()
          : time(name, async () => (await item.load()).run(ctx));
        const run = work.then(
          () => {
            done.add(name);
            outcomes.get(name)!.resolve();
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
}

/** A promise settled from outside; rejecting it without a listener is not an unhandled rejection. */
function settleable(): { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}
