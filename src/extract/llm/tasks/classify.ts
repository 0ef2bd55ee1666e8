/**
 * Task (a): documents the rules typed with low confidence (or as `other`) are shown to the model; a grounded,
 * confident answer of another type retypes the document (classifiedBy "llm") and the rule extractors of the new
 * type run on it. Rule fields already read stay.
 */
import { DOC_TYPES, type Document, type Field } from "../../../model.js";
import { documentPages } from "../../extract.js";
import { registry } from "../../fields/index.js";
import { groundQuote } from "../grounding.js";
import { loadPrompt } from "../prompts.js";
import { ClassifyAnswer } from "../schemas.js";
import { inbound, outbound, pageTexts, type TaskContext } from "./context.js";

/** Rule confidence below which a document is asked about. */
export const LOW_CONFIDENCE = 0.5;
const MIN_ANSWER_CONFIDENCE = 0.6;
const MAX_DOCUMENTS = 20;
const MAX_CHARS = 3000;

export interface ClassifyResult {
  documents: Document[];
  fields: Field[];
  reclassified: number;
}

export async function classifyLowConfidence(ctx: TaskContext): Promise<ClassifyResult> {
  const { documents } = ctx.extraction;
  const candidates = documents
    .filter((d) => d.type === "other" || d.confidence < LOW_CONFIDENCE)
    .slice(0, MAX_DOCUMENTS)
    .map((document) => ({ document, pages: pageTexts(ctx, document).filter((p) => p.text.trim() !== "") }))
    .filter((c) => c.pages.length > 0);
  const prompt = loadPrompt("classify");
  const answers = await Promise.all(
    candidates.map(({ document, pages }) =>
      ctx.client.run({
        prompt,
        schema: ClassifyAnswer,
        params: { types: DOC_TYPES, ruleGuess: document.type, fileName: document.file },
        data: outbound(
          ctx,
          pages
            .map((p) => p.text)
            .join("\n")
            .slice(0, MAX_CHARS),
        ),
      }),
    ),
  );
  const retyped = new Map<string, Document>();
  answers.forEach((answer, i) => {
    const { document, pages } = candidates[i]!;
    if (!answer || answer.type === document.type || answer.confidence < MIN_ANSWER_CONFIDENCE) return;
    if (!groundQuote(inbound(ctx, answer.quote), pages)) {
      ctx.stats.ungrounded++;
      return;
    }
    retyped.set(document.id, { ...document, type: answer.type, confidence: answer.confidence, classifiedBy: "llm" });
  });
  const fields: Field[] = [];
  for (const document of retyped.values()) {
    const input = { document, pages: documentPages(ctx.pkg, document) };
    const callId = ctx.extraction.call?.id;
    for (const extractor of registry) {
      if (extractor.docTypes.includes(document.type))
        fields.push(...extractor.extract(input, callId ? { callId } : {}));
    }
  }
  return {
    documents: documents.map((d) => retyped.get(d.id) ?? d),
    fields,
    reclassified: retyped.size,
  };
}
