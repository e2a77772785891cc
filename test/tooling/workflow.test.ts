/**
 * The GitHub Actions workflow is valid YAML and runs exactly the README's commands (the ones
 * .ci/run runs too): build with the gate and test on pull requests, with .cache/ kept and the site
 * and reports uploaded; build with the Pages path prefix and deploy on main.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { buildCommandLine } from "../../scripts/options.ts";
import { ROOT } from "../helpers.ts";

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  id?: string;
  if?: string;
}
interface Job {
  if?: string;
  needs?: string | string[];
  container?: string;
  steps: Step[];
  permissions?: Record<string, string>;
}

const text = readFileSync(path.join(ROOT, ".github/workflows/udgiv.yml"), "utf8");
const document = parseDocument(text, { uniqueKeys: true });
const workflow = document.toJS() as { on: Record<string, unknown>; jobs: Record<string, Job> };

/** Shell commands, one per line, comments and `set`/`cd` boilerplate left out. */
function commands(script: string): string[] {
  return script
    .split("\n")
    .map((line) =>
      line
        .replace(/\s#.*$/, "")
        .replace(/^#.*$/, "")
        .trim(),
    )
    .filter((line) => line && !/^(set|cd)\b/.test(line));
}

function readmeCommands(): string[] {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = readme.split(/^## /m).find((s) => s.startsWith("The two commands"));
  const block = /```sh\n([\s\S]*?)```/.exec(section ?? "")?.[1] ?? "";
  return commands(block);
}

const runs = (job: Job) => job.steps.flatMap((s) => (s.run ? commands(s.run) : []));
const uses = (job: Job, action: string) => job.steps.filter((s) => s.uses?.startsWith(`${action}@`));
const pr = workflow.jobs["pull-request"];
const pagesBuild = workflow.jobs["build-pages"];
const deploy = workflow.jobs["deploy-pages"];

describe(".github/workflows/udgiv.yml", () => {
  it("is valid YAML with the expected triggers", () => {
    expect(document.errors).toEqual([]);
    expect(document.warnings).toEqual([]);
    expect(workflow.on).toHaveProperty("pull_request");
    expect((workflow.on.push as { branches: string[] }).branches).toEqual(["main"]);
  });

  it("runs the README's commands, the same as .ci/run, and no others", () => {
    const readme = readmeCommands();
    expect(readme).toEqual(["npm run build", "npm test"]);
    const ci = commands(readFileSync(path.join(ROOT, ".ci/run"), "utf8").replace(/^#!.*\n/, ""));
    expect(ci.length).toBeGreaterThan(0);
    expect(readme).toEqual(expect.arrayContaining(ci));
    expect(runs(pr)).toEqual(readme);
    expect(runs(pagesBuild)).toEqual(["npm run build"]);
    for (const job of Object.values(workflow.jobs)) for (const c of runs(job)) expect(readme).toContain(c);
  });

  it("pull requests: Node 20 on Debian, .cache/ kept by content and lockfile, site and reports uploaded", () => {
    expect(pr.if).toBe("github.event_name == 'pull_request'");
    expect(pr.container).toMatch(/^node:20-bookworm/);
    expect(uses(pr, "actions/setup-node")[0].with?.["node-version"]).toBe(20);
    const cache = uses(pr, "actions/cache")[0];
    expect(cache.with?.path).toBe(".cache");
    expect(cache.with?.key).toMatch(/hashFiles\('package-lock\.json'\).*hashFiles\('content\/\*\*'\)/);
    const uploads = uses(pr, "actions/upload-artifact").map((s) => s.with?.path);
    expect(uploads).toEqual(["_site", "reports"]);
    expect(uses(pr, "actions/upload-artifact").every((s) => s.if === "always()")).toBe(true);
    // Build before test, artifacts after both.
    const order = pr.steps.map((s) => s.run ?? s.uses ?? "");
    expect(order.indexOf("npm run build")).toBeLessThan(order.indexOf("npm test"));
    expect(JSON.stringify(workflow)).not.toMatch(/github-script|create-comment|comment/i);
  });

  it("main: built with the Pages path prefix and deployed with GitHub's Pages actions", () => {
    const configure = uses(pagesBuild, "actions/configure-pages")[0];
    const build = pagesBuild.steps.find((s) => s.run === "npm run build")!;
    expect(build.env?.UDGIV_PATH_PREFIX).toBe(`\${{ steps.${configure.id}.outputs.base_path }}/`);
    expect(buildCommandLine([], { UDGIV_PATH_PREFIX: "/repo/" }, ROOT).options.pathPrefix).toBe("/repo/");
    expect(uses(pagesBuild, "actions/cache")[0].with?.path).toBe(".cache");
    expect(uses(pagesBuild, "actions/upload-pages-artifact")[0].with?.path).toBe("_site");
    expect(deploy.needs).toBe("build-pages");
    expect(uses(deploy, "actions/deploy-pages")).toHaveLength(1);
    expect(deploy.permissions).toEqual({ pages: "write", "id-token": "write" });
  });

  it("pins every action to a major version", () => {
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps.filter((s) => s.uses)) expect(step.uses).toMatch(/^[\w-]+\/[\w-]+@v\d+$/);
    }
  });
});
