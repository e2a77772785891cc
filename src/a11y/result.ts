/** What one run of the gate found: per page, after applying the ignored rules. */
import type { AuditConfig, Issue } from "./audit.ts";
import { findIgnore } from "./ignore.ts";
import type { LintResult } from "./lint.ts";
import type { AuditPage } from "./pages.ts";

export interface IgnoredIssue {
  issue: Issue;
  rule: string;
  reason: string;
}

export interface PageResult {
  page: AuditPage;
  cached: boolean;
  /** Set when the page could not be audited: that fails the gate, like an error. */
  failure?: string;
  title: string;
  issues: Issue[];
  ignoredIssues: IgnoredIssue[];
}

export interface GateResult {
  date: string; // ISO date of the build's content
  config: AuditConfig;
  pages: PageResult[];
  /** Every page of the site, the statement page included (pages holds them once audited). */
  pageCount: number;
  lint: LintResult;
  /** Ignore entries that matched nothing in this audit (stale escape hatches). */
  unusedIgnores: { source: string; url: string; rule: string; reason: string }[];
}

/** Splits a page's issues into those that count and those the page's front matter ignores. */
export function applyIgnores(page: AuditPage, issues: Issue[]): { issues: Issue[]; ignoredIssues: IgnoredIssue[] } {
  const kept: Issue[] = [];
  const ignoredIssues: IgnoredIssue[] = [];
  for (const issue of issues) {
    const entry =
      issue.type === "notice" ? undefined : findIgnore(page.ignored, { code: issue.code, criterion: issue.criterion });
    if (entry) ignoredIssues.push({ issue, rule: entry.rule, reason: entry.reason });
    else kept.push(issue);
  }
  return { issues: kept, ignoredIssues };
}

export const errorsOf = (p: PageResult) => p.issues.filter((i) => i.type === "error");
export const warningsOf = (p: PageResult) => p.issues.filter((i) => i.type === "warning");
export const noticesOf = (p: PageResult) => p.issues.filter((i) => i.type === "notice");

export function totals(result: GateResult) {
  const sum = (f: (p: PageResult) => number) => result.pages.reduce((n, p) => n + f(p), 0);
  return {
    pages: result.pages.length,
    audited: result.pages.filter((p) => !p.cached && !p.failure).length,
    cached: result.pages.filter((p) => p.cached).length,
    failed: result.pages.filter((p) => p.failure).length,
    errors: sum((p) => errorsOf(p).length),
    warnings: sum((p) => warningsOf(p).length),
    notices: sum((p) => noticesOf(p).length),
    ignored: sum((p) => p.ignoredIssues.length) + result.lint.ignored.length,
  };
}

export function passed(result: GateResult): boolean {
  const t = totals(result);
  return t.errors === 0 && t.failed === 0 && result.lint.problems.length === 0;
}
