/** What each task's answer must look like (zod, sent to the server as JSON Schema). */
import { z } from "zod";
import { DOC_TYPES } from "../../model.js";

export const ClassifyAnswer = z.object({
  type: z.enum(DOC_TYPES).describe("文档类型编号"),
  confidence: z.number().min(0).max(1),
  /** A phrase on the page that shows the type (its title, usually). */
  quote: z.string().describe("页面上能说明类型的原文片段（通常是标题），逐字摘录"),
});
export type ClassifyAnswer = z.infer<typeof ClassifyAnswer>;

/** The keys the field task may fill; anything else is ignored. */
export const LLM_FIELD_KEYS = ["model.paramsYi", "model.baseModel", "model.domain", "dataset.source"] as const;
export type LlmFieldKey = (typeof LLM_FIELD_KEYS)[number];

export const FieldsAnswer = z.object({
  fields: z.array(
    z.object({
      key: z.enum(LLM_FIELD_KEYS),
      value: z.string().describe("原文中写法的取值，逐字摘录"),
      quote: z.string().describe("包含该取值的原文句子，逐字摘录"),
    }),
  ),
});
export type FieldsAnswer = z.infer<typeof FieldsAnswer>;

export const NarrativeAnswer = z.object({
  missing: z.array(z.string()).describe("栏目原文没有涉及的要点，只能取自给定的要点列表"),
});
export type NarrativeAnswer = z.infer<typeof NarrativeAnswer>;

export const SummaryAnswer = z.object({
  description: z.string().describe("汇总表用的项目简介，100字左右"),
  abstract: z.string().describe("评审摘要，300字以内"),
});
export type SummaryAnswer = z.infer<typeof SummaryAnswer>;
