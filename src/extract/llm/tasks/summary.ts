/**
 * Task (d): the 「100字左右」 description for the 汇总表 and a short abstract for the evaluator summary, written
 * from the form's narrative sections. Generated text, so it is labelled as such and never read by a check.
 */
import { countChars } from "../../normalize/text.js";
import { loadPrompt } from "../prompts.js";
import { SummaryAnswer } from "../schemas.js";
import { inbound, outbound, type TaskContext } from "./context.js";

const MAX_CHARS = 10_000;
/** 「100字左右」 read generously; outside it the description is dropped as unusable. */
const DESCRIPTION_CHARS: readonly [number, number] = [50, 160];
const ABSTRACT_MAX = 400;

export interface Summary {
  description: string;
  abstract: string;
}

export async function summarise(ctx: TaskContext): Promise<Summary | null> {
  const form = ctx.extraction.form;
  if (!form) return null;
  const text = form.sections
    .filter((s) => s.charCount > 0)
    .map((s) => `【${s.label}】\n${s.text}`)
    .join("\n\n")
    .slice(0, MAX_CHARS);
  if (text === "") return null;
  const answer = await ctx.client.run({
    prompt: loadPrompt("summary"),
    schema: SummaryAnswer,
    params: { callId: ctx.extraction.call?.id ?? null },
    data: outbound(ctx, text),
  });
  if (!answer) return null;
  const description = inbound(ctx, answer.description).trim();
  const abstract = inbound(ctx, answer.abstract).trim();
  const n = countChars(description);
  if (n < DESCRIPTION_CHARS[0] || n > DESCRIPTION_CHARS[1] || countChars(abstract) > ABSTRACT_MAX) {
    ctx.stats.rejected++;
    return null;
  }
  return { description, abstract };
}
