/**
 * Runs planned stages as soon as the stages they come after have finished, as many at a time as
 * are ready. A skipped stage finishes at once, but only once its own predecessors have: what comes
 * after it still waits for them. When one fails, no further stage starts; the ones running are let
 * finish (so no Chromium or Pagefind process is left behind) and the first failure is thrown.
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

  while (todo.length || running.size) {
    if (!failure) {
      for (const item of todo.filter(({ after }) => after.every((name) => done.has(name)))) {
        todo.splice(todo.indexOf(item), 1);
        const { name } = item;
        const work = ctx.options.skip.has(name) ? Promise.resolve() : time(name, async () => (await item.load()).run(ctx));
        const run = work.then(
          () => { done.add(name); },
          (error: unknown) => { failure ??= { error }; },
        );
        running.set(name, run.finally(() => running.delete(name)));
      }
    }
    if (!running.size) break; // failed, or nothing left that can start
    await Promise.race(running.values());
  }
  if (failure) throw failure.error;
  if (todo.length) throw new Error(`stages never became ready: ${todo.map(({ name }) => name).join(", ")}`);
}
