/** The stage scheduler: order from `after`, independent stages at the same time, failures stop the rest. */
import { describe, expect, it } from "vitest";
import type { BuildContext } from "../../src/pipeline/index.ts";
import { runStages, type Schedulable } from "../../src/pipeline/schedule.ts";

/** Stages that record when they start and end, and finish only when the test releases them. */
function harness() {
  const events: string[] = [];
  const releases = new Map<string, (error?: Error) => void>();
  const started = new Map<string, Promise<void>>();
  const startedResolvers = new Map<string, () => void>();
  const plan = (name: string, after: string[] = []): Schedulable => {
    started.set(name, new Promise((resolve) => startedResolvers.set(name, resolve)));
    const stage = {
      run: () =>
        new Promise<void>((resolve, reject) => {
          events.push(`start ${name}`);
          releases.set(name, (error) => {
            events.push(`end ${name}`);
            if (error) reject(error);
            else resolve();
          });
          startedResolvers.get(name)!();
        }),
    };
    return { name, after, load: async () => stage };
  };
  const ctx = (skip: string[] = []) => ({ options: { skip: new Set(skip) } }) as unknown as BuildContext;
  const time = (_: string, work: () => Promise<unknown>) => work();
  return {
    events,
    plan,
    ctx,
    time,
    release: (name: string, error?: Error) => releases.get(name)!(error),
    started: (name: string) => started.get(name)!,
  };
}

describe("runStages", () => {
  it("starts a stage only after the stages it comes after, and independent ones together", async () => {
    const h = harness();
    const plan = [
      h.plan("html"),
      h.plan("pdf", ["html"]),
      h.plan("search", ["html"]),
      h.plan("gate", ["pdf", "search"]),
    ];
    const done = runStages(plan, h.ctx(), h.time);
    await h.started("html");
    expect(h.events).toEqual(["start html"]);
    h.release("html");
    await Promise.all([h.started("pdf"), h.started("search")]);
    expect(h.events).toEqual(["start html", "end html", "start pdf", "start search"]);
    h.release("search");
    await new Promise((r) => setTimeout(r, 10));
    expect(h.events).not.toContain("start gate"); // pdf is still running
    h.release("pdf");
    await h.started("gate");
    h.release("gate");
    await done;
    expect(h.events.at(-2)).toBe("start gate");
  });

  it("passes over a skipped stage, still in order: what comes after it waits for what it came after", async () => {
    const h = harness();
    const done = runStages([h.plan("html"), h.plan("pdf", ["html"]), h.plan("gate", ["pdf"])], h.ctx(["pdf"]), h.time);
    await h.started("html");
    await new Promise((r) => setTimeout(r, 10));
    expect(h.events).toEqual(["start html"]);
    h.release("html");
    await h.started("gate");
    h.release("gate");
    await done;
    expect(h.events).not.toContain("start pdf");
  });

  it("returns each stage's result, and none for a skipped stage", async () => {
    const plan: Schedulable[] = ["html", "pdf"].map((name) => ({
      name,
      after: [],
      load: async () => ({ run: async () => ({ made: name }) }),
    }));
    const ctx = { options: { skip: new Set(["pdf"]) } } as unknown as BuildContext;
    expect(await runStages(plan, ctx, (_, work) => work())).toEqual({ html: { made: "html" } });
  });

  it("starts nothing after a failure, lets running stages finish, and throws the failure", async () => {
    const h = harness();
    const done = runStages(
      [h.plan("html"), h.plan("pdf", ["html"]), h.plan("search", ["html"]), h.plan("gate", ["search"])],
      h.ctx(),
      h.time,
    );
    const outcome = done.then(
      () => "passed",
      (error: Error) => error.message,
    );
    await h.started("html");
    h.release("html");
    await Promise.all([h.started("pdf"), h.started("search")]);
    h.release("pdf", new Error("Chromium fejlede"));
    await new Promise((r) => setTimeout(r, 10));
    expect(h.events).not.toContain("end search"); // still waited for
    h.release("search");
    expect(await outcome).toBe("Chromium fejlede");
    expect(h.events).not.toContain("start gate");
  });

  it("lets a stage wait mid-way for another it does not come after, and not forever when that one fails", async () => {
    for (const searchFails of [false, true]) {
      const events: string[] = [];
      let releaseSearch!: (ok: boolean) => void;
      const plan: Schedulable[] = [
        {
          name: "search",
          after: [],
          load: async () => ({
            run: () =>
              new Promise<{ counts: object }>((resolve, reject) => {
                releaseSearch = (ok) =>
                  ok ? resolve({ counts: { pages: 7 } }) : reject(new Error("Pagefind fejlede"));
              }),
          }),
        },
        {
          name: "gate",
          after: [],
          load: async () => ({
            run: async (ctx: BuildContext) => {
              events.push("gate: other pages");
              const search = await ctx.result("search");
              events.push(`gate: search page, ${search?.counts.pages} pages indexed`);
              return { counts: {} };
            },
          }),
        },
      ];
      const ctx = { options: { skip: new Set() } } as unknown as BuildContext;
      const outcome = runStages(plan, ctx, (_, work) => work()).then(
        () => "passed",
        (error: Error) => error.message,
      );
      await new Promise((r) => setTimeout(r, 10));
      expect(events).toEqual(["gate: other pages"]);
      releaseSearch(!searchFails);
      expect(await outcome).toBe(searchFails ? "Pagefind fejlede" : "passed");
      expect(events).toEqual(
        searchFails ? ["gate: other pages"] : ["gate: other pages", "gate: search page, 7 pages indexed"],
      );
    }
  });

  it("refuses a plan that names a stage that does not exist", async () => {
    const h = harness();
    await expect(runStages([h.plan("gate", ["serach"])], h.ctx(), h.time)).rejects.toThrow(/unknown stages: serach/);
  });
});
