/**
 * `--fail-on`: which findings make `shenbao check` and `shenbao batch` exit 1 (for scripts and CI). 0: nothing
 * at or above the level; 1: at least one finding at or above it; 2 is left to usage and internal errors.
 */
import type { Severity } from "./model.js";
import type { BatchResult } from "./report/batch-index.js";
import type { Report } from "./report/schema.js";

export type FailOn = Severity | "none";

export const FAIL_ON_VALUES: readonly FailOn[] = ["error", "warning", "info", "none"];

export const FAIL_ON_HELP = `  --fail-on error|warning|info|none
                         有该级别及以上的问题时退出码为 1（默认 error；none 总是 0）；参数或内部错误退出码为 2`;

export const BATCH_FAIL_ON_HELP = `  --fail-on error|warning|info|none
                         任一申报包或批次检查有该级别及以上的问题、或有申报包检查失败时退出码为 1（默认 error；
                         none 总是 0）；参数错误退出码为 2，中断为 130`;

export function parseFailOn(value: string | undefined): FailOn | null {
  const v = value ?? "error";
  return (FAIL_ON_VALUES as readonly string[]).includes(v) ? (v as FailOn) : null;
}

/** The usage message for a `--fail-on` value parseFailOn refused. */
export function badFailOn(value: string | undefined): string {
  return `--fail-on 只能是 error、warning、info 或 none（收到：${value}）\n`;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function exitCodeFor(report: Report, failOn: FailOn): 0 | 1 {
  if (failOn === "none") return 0;
  return report.findings.some((f) => RANK[f.severity] <= RANK[failOn]) ? 1 : 0;
}

const COUNT: Record<Severity, "errors" | "warnings" | "infos"> = { error: "errors", warning: "warnings", info: "infos" };

/**
 * A batch fails at `failOn` when a package's report or a cross-package finding reaches the level, or when a
 * package could not be checked at all: nothing is known of it, so it cannot count as passing.
 */
export function batchExitCodeFor(batch: BatchResult, failOn: FailOn): 0 | 1 {
  if (failOn === "none") return 0;
  const reached = (Object.keys(RANK) as Severity[]).filter((s) => RANK[s] <= RANK[failOn]);
  const packageFails = batch.packages.some((p) => p.status === "failed" || reached.some((s) => (p[COUNT[s]] ?? 0) > 0));
  return packageFails || batch.findings.some((f) => reached.includes(f.severity)) ? 1 : 0;
}
