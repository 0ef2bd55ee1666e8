/**
 * `--fail-on`: which findings make `shenbao check` exit 1 (for scripts and CI). 0: nothing at or above the level;
 * 1: at least one finding at or above it; 2 is left to usage and internal errors.
 */
import type { Severity } from "./model.js";
import type { Report } from "./report/schema.js";

export type FailOn = Severity | "none";

export const FAIL_ON_VALUES: readonly FailOn[] = ["error", "warning", "info", "none"];

export const FAIL_ON_HELP = `  --fail-on error|warning|info|none
                         有该级别及以上的问题时退出码为 1（默认 error；none 总是 0）；参数或内部错误退出码为 2`;

export function parseFailOn(value: string | undefined): FailOn | null {
  const v = value ?? "error";
  return (FAIL_ON_VALUES as readonly string[]).includes(v) ? (v as FailOn) : null;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function exitCodeFor(report: Report, failOn: FailOn): 0 | 1 {
  if (failOn === "none") return 0;
  return report.findings.some((f) => RANK[f.severity] <= RANK[failOn]) ? 1 : 0;
}
