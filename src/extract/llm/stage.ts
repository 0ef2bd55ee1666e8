/**
 * The LLM stage: after the rules, before the checks, only when configured. It may retype low-confidence
 * documents, fill field gaps with grounded values, and add advisory notes (narrative gaps, summary); it never
 * overwrites a rule value and never writes a finding.
 */
import { FieldSchema, type Package } from "../../model.js";
import type { Extraction } from "../extract.js";
import { LlmClient } from "./client.js";
import type { LlmConfig } from "./config.js";
import { createRedactor } from "./redact.js";
import { classifyLowConfidence } from "./tasks/classify.js";
import type { TaskContext } from "./tasks/context.js";
import { extractMissingFields } from "./tasks/fields.js";
import { checkNarratives, type NarrativeGap } from "./tasks/narrative.js";
import { summarise, type Summary } from "./tasks/summary.js";

export interface LlmStageReport {
  used: true;
  model: string;
  calls: number;
  tokens: number;
  cachedCalls: number;
  promptTokens: number;
  completionTokens: number;
  tokenBudget: number;
  overBudget: number;
  errors: number;
  /** Answers dropped as invalid after the repair round / accepted after it. */
  invalid: number;
  repaired: number;
  ungrounded: number;
  rejected: number;
  fieldsAdded: number;
  reclassified: number;
  redacted: number | null;
  narrativeChecked: number;
  /** prompt name → sha256 of the prompt file used. */
  prompts: Record<string, string>;
  narrative: NarrativeGap[];
  summary?: Summary;
  ms: number;
}

export interface LlmStageResult {
  extraction: Extraction;
  report: LlmStageReport;
}

export async function runLlmStage(pkg: Package, extraction: Extraction, config: LlmConfig): Promise<LlmStageResult> {
  const started = performance.now();
  const client = new LlmClient(config);
  const redactor = config.redact ? createRedactor({ uscc: config.redactUscc }) : null;
  const stats = { ungrounded: 0, rejected: 0 };
  const base: TaskContext = { client, redactor, pkg, extraction, stats };

  const classified = await classifyLowConfidence(base);
  const retyped: Extraction = {
    ...extraction,
    documents: classified.documents,
    fields: [...extraction.fields, ...classified.fields],
  };
  const ctx: TaskContext = { ...base, extraction: retyped };
  const [added, narrative, summary] = await Promise.all([
    extractMissingFields(ctx),
    checkNarratives(ctx),
    summarise(ctx),
  ]);

  const have = new Set(retyped.fields.map((f) => f.key));
  const gaps = added.filter((f) => !have.has(f.key)).map((f) => FieldSchema.parse(f));
  const u = client.usage;
  return {
    extraction: { ...retyped, fields: [...retyped.fields, ...gaps] },
    report: {
      used: true,
      model: config.model,
      calls: u.calls,
      tokens: client.tokens,
      cachedCalls: u.cachedCalls,
      promptTokens: u.promptTokens,
      completionTokens: u.completionTokens,
      tokenBudget: config.tokenBudget,
      overBudget: u.overBudget,
      errors: u.errors,
      invalid: u.invalid,
      repaired: u.repaired,
      ungrounded: stats.ungrounded,
      rejected: stats.rejected,
      fieldsAdded: gaps.length,
      reclassified: classified.reclassified,
      redacted: redactor ? redactor.count : null,
      narrativeChecked: narrative.checked,
      prompts: Object.fromEntries([...client.prompts].sort()),
      narrative: narrative.gaps,
      ...(summary ? { summary } : {}),
      ms: Math.round(performance.now() - started),
    },
  };
}
