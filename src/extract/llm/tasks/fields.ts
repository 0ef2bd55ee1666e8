/**
 * Task (b): fields the rules did not find (参数量 in prose, 模型底座, 应用领域, 数据集来源), read from the
 * application form's text. A value is kept only when grounded; it fills a gap and never replaces a rule value.
 */
import type { Field } from "../../../model.js";
import { parseParams } from "../../normalize/params.js";
import { groundValue } from "../grounding.js";
import { loadPrompt } from "../prompts.js";
import { FieldsAnswer, LLM_FIELD_KEYS, type LlmFieldKey } from "../schemas.js";
import { chunkPages, inbound, joinPages, outbound, pageTexts, type TaskContext } from "./context.js";

const CHUNK_CHARS = 12_000;
const CONFIDENCE = 0.6;

export async function extractMissingFields(ctx: TaskContext): Promise<Field[]> {
  const have = new Set(ctx.extraction.fields.map((f) => f.key));
  const keys = LLM_FIELD_KEYS.filter((k) => !have.has(k));
  const forms = ctx.extraction.documents.filter((d) => d.type === "application-form");
  if (keys.length === 0 || forms.length === 0) return [];
  const prompt = loadPrompt("fields");
  const jobs = forms.flatMap((document) =>
    chunkPages(pageTexts(ctx, document), CHUNK_CHARS).map((pages) => ({ document, pages })),
  );
  const answers = await Promise.all(
    jobs.map(({ pages }) =>
      ctx.client.run({ prompt, schema: FieldsAnswer, params: { keys }, data: outbound(ctx, joinPages(pages)) }),
    ),
  );
  const found = new Map<LlmFieldKey, Field>();
  answers.forEach((answer, i) => {
    const { document, pages } = jobs[i]!;
    for (const item of answer?.fields ?? []) {
      if (!keys.includes(item.key) || found.has(item.key)) continue;
      const raw = inbound(ctx, item.value).trim();
      const evidence = groundValue(raw, inbound(ctx, item.quote), pages);
      if (!evidence) {
        ctx.stats.ungrounded++;
        continue;
      }
      const value = normalise(item.key, raw);
      if (value === null) {
        ctx.stats.rejected++;
        continue;
      }
      found.set(item.key, {
        key: item.key,
        value,
        raw,
        ...(item.key === "model.paramsYi" ? { unit: "亿" } : {}),
        documentId: document.id,
        confidence: CONFIDENCE,
        extractor: `llm:${ctx.client.config.model}`,
        evidence: [evidence],
      });
    }
  });
  return [...found.values()];
}

function normalise(key: LlmFieldKey, raw: string): string | number | null {
  if (key === "model.paramsYi") return parseParams(raw)?.yi ?? null;
  return raw.length > 0 && raw.length <= 200 ? raw : null;
}
