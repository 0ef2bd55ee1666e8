/**
 * Task (c): does each long narrative section cover what its template asks for? The model names missing topics;
 * only names from the template's topic list are kept (anything else is counted and dropped). The result is
 * advisory (report stages.llm.narrative): it never becomes a finding, so no document text can change findings.
 */
import type { Evidence } from "../../../model.js";
import { FORM_SPECS } from "../../form/calls/index.js";
import { loadPrompt } from "../prompts.js";
import { NarrativeAnswer } from "../schemas.js";
import { matchTopic, topicsOf } from "../topics.js";
import { outbound, type TaskContext } from "./context.js";

/** Sections shorter than this are left to the 字数 and required-field rules. */
export const MIN_SECTION_CHARS = 150;
const MAX_CHARS = 8000;

export interface NarrativeGap {
  key: string;
  label: string;
  /** Template topics the section does not cover, in template order. */
  missing: string[];
  /** Simplified Chinese, built from the template's words only. */
  message: string;
  evidence: Evidence[];
}

export async function checkNarratives(ctx: TaskContext): Promise<{ checked: number; gaps: NarrativeGap[] }> {
  const form = ctx.extraction.form;
  const callId = ctx.extraction.call?.id;
  if (!form || !callId) return { checked: 0, gaps: [] };
  const specs = new Map(FORM_SPECS[callId].sections.map((s) => [s.key, s]));
  const jobs = form.sections
    .filter((s) => s.charCount >= MIN_SECTION_CHARS)
    .map((section) => ({ section, topics: topicsOf(specs.get(section.key)?.instruction) }))
    .filter((j) => j.topics.length > 0);
  const prompt = loadPrompt("narrative");
  const answers = await Promise.all(
    jobs.map(({ section, topics }) =>
      ctx.client.run({
        prompt,
        schema: NarrativeAnswer,
        params: { section: section.label, topics },
        data: outbound(ctx, section.text.slice(0, MAX_CHARS)),
      }),
    ),
  );
  const gaps: NarrativeGap[] = [];
  answers.forEach((answer, i) => {
    if (!answer) return;
    const { section, topics } = jobs[i]!;
    const named = new Set<string>();
    for (const m of answer.missing) {
      const topic = matchTopic(m, topics);
      if (topic) named.add(topic);
      else ctx.stats.rejected++;
    }
    const missing = topics.filter((t) => named.has(t));
    if (missing.length === 0) return;
    const where = section.evidence[0] ? `（「${section.evidence[0].file}」第${section.evidence[0].page}页）` : "";
    gaps.push({
      key: section.key,
      label: section.label,
      missing,
      message: `申报书「${section.label}」${where}可能未写到模板要求的：${missing.join("、")}。请对照模板补充（大模型辅助判断，仅供参考）。`,
      evidence: section.evidence.slice(0, 1),
    });
  });
  return { checked: jobs.length, gaps };
}
