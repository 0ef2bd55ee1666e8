/**
 * The JSON report (DESIGN.md "Contract: the JSON report"), as a zod schema other tools can validate against:
 * `shenbao schema` prints its JSON Schema. Bump SCHEMA_VERSION on any change; additive changes bump the minor.
 */
import { z } from "zod";
import { DocumentSchema, FieldSchema, FindingSchema } from "../model.js";

export const SCHEMA_VERSION = "1.0.0";

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

export const LlmStageSchema = z.union([
  z.object({
    used: z.literal(true),
    model: z.string().optional(),
    calls: z.number().int().min(0),
    tokens: z.number().int().min(0),
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
