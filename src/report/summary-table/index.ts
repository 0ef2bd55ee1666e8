/** The summary-table spec of every call (DESIGN.md call ids). */
import { HUBEI_INDUSTRIAL_TABLE } from "./hubei-industrial-model-2026.js";
import { HUNAN_TABLE } from "./hunan-2025.js";
import type { SummaryTableSpec } from "./types.js";
import { WUHAN_GOVERNANCE_TABLE } from "./wuhan-ai-governance-2026.js";
import { WUHAN_VERTICAL_TABLE } from "./wuhan-vertical-model-2025.js";

export const SUMMARY_TABLES: readonly SummaryTableSpec[] = [
  WUHAN_VERTICAL_TABLE,
  HUBEI_INDUSTRIAL_TABLE,
  WUHAN_GOVERNANCE_TABLE,
  HUNAN_TABLE,
];

export function summaryTableFor(callId: string): SummaryTableSpec | undefined {
  return SUMMARY_TABLES.find((t) => t.sections.some((s) => (s.callIds as readonly string[]).includes(callId)));
}

export * from "./types.js";
