/**
 * The JSON report (DESIGN.md "Contract: the JSON report"), as a zod schema other tools can validate against:
 * `shenbao schema` prints its JSON Schema. Bump SCHEMA_VERSION on any change; additive changes bump the minor.
 */
import { z } from "zod";
import { DocumentSchema, EvidenceSchema, FieldSchema, FindingSchema } from "../model.js";

export const SCHEMA_VERSION = "1.1.0";

export const ReportFileSchema = z.object({
  path: z.string(),
  sha256: z.string(),
  bytes: z.number().int().min(0),
  kind: z.string(),
  pages: z.number().int().min(0),
  textSource: z.enum(["text", "ocr", "mixed", "none"]),
});

export const VerdictSchema = z.enum(["pass", "fix", "reject"]);
export type Verdict = z.infer<typeof VerdictSchema>;

export const SummarySchema = z.object({
  errors: z.number().int().min(0),
  warnings: z.number().int().min(0),
  infos: z.number().int().min(0),
  verdict: VerdictSchema,
  /**
   * Extension to the contract (additive, optional): how many rules of the call's pack passed, failed, or could
   * not be evaluated because their input was missing — a clean report also says how much was checked.
   */
  rules: z
    .object({ passed: z.number().int().min(0), failed: z.number().int().min(0), notEvaluated: z.number().int().min(0) })
    .optional(),
});

const count = z.number().int().min(0);

export const LlmStageSchema = z.union([
  z.object({
    used: z.literal(true),
    model: z.string().optional(),
    calls: z.number().int().min(0),
    tokens: z.number().int().min(0),
    /** Extension (additive, optional): what the stage spent, refused and added (src/extract/llm/stage.ts). */
    cachedCalls: count.optional(),
    promptTokens: count.optional(),
    completionTokens: count.optional(),
    tokenBudget: count.optional(),
    overBudget: count.optional(),
    errors: count.optional(),
    invalid: count.optional(),
    repaired: count.optional(),
    ungrounded: count.optional(),
    rejected: count.optional(),
    fieldsAdded: count.optional(),
    reclassified: count.optional(),
    /** Distinct numbers masked before sending; null when redaction was off. */
    redacted: count.nullable().optional(),
    narrativeChecked: count.optional(),
    /** Prompt name → sha256 of the prompt file used. */
    prompts: z.record(z.string(), z.string()).optional(),
    /** Advisory, never findings: template topics a narrative section may not cover. */
    narrative: z
      .array(
        z.object({
          key: z.string(),
          label: z.string(),
          missing: z.array(z.string()),
          message: z.string(),
          evidence: z.array(EvidenceSchema),
        }),
      )
      .optional(),
    /** Model-written: the 汇总表 description (100字左右) and the evaluator abstract. */
    summary: z.object({ description: z.string(), abstract: z.string() }).optional(),
    ms: z.number().min(0).optional(),
  }),
  z.object({ used: z.literal(false), reason: z.string() }),
]);

export const ReportSchema = z.object({
  schemaVersion: z.string(),
  tool: z.object({ name: z.string(), version: z.string() }),
  /** null: the call was not recognised (a finding says so). */
  call: z.object({ id: z.string(), title: z.string() }).nullable(),
  package: z.object({ name: z.string(), files: z.array(ReportFileSchema) }),
  documents: z.array(DocumentSchema),
  fields: z.array(FieldSchema),
  findings: z.array(FindingSchema),
  summary: SummarySchema,
  stages: z.object({
    ingest_ms: z.number().min(0),
    ocr_pages: z.number().int().min(0),
    extract_ms: z.number().min(0),
    llm: LlmStageSchema,
  }),
});
export type Report = z.infer<typeof ReportSchema>;

export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ReportSchema) as Record<string, unknown>;
}
