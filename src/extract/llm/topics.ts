/**
 * The topics a narrative section's template asks for, read from its instruction: 「包括采用的基础大模型，使用的
 * 架构、数据集、工具箱，…」 → 基础大模型 · 架构 · 数据集 · 工具箱 · …. The model may only name topics of this list
 * as missing; whatever else it says is dropped.
 */
import { normalizeForMatch } from "../normalize/text.js";

const LEAD = /^(?:重点|简要)?(?:介绍|阐述|说明)?(?:包括但不限于|包括|包含)?(?:并|且|以及|及|可)?(?:与|在)?/u;
const ADJ = /^(?:项目|产品|平台|模型)?(?:采用|使用|研发)?的/u;

export function topicsOf(instruction: string | undefined): string[] {
  if (!instruction) return [];
  const parts = instruction
    .replace(/[（(][^）)]*[）)]/g, "")
    .split(/[，,。；;、]|以及|及其/u)
    .map((p) =>
      p
        .trim()
        .replace(LEAD, "")
        .replace(ADJ, "")
        .replace(/等(?:方面)?(?:的成效)?$/u, "")
        .trim(),
    )
    .filter((p) => p.length >= 2 && p.length <= 30 && !/^可?图文并茂$/u.test(p));
  return [...new Set(parts)];
}

/** The template topic a model's answer names, or null when it names none of them. */
export function matchTopic(answer: string, topics: readonly string[]): string | null {
  const a = normalizeForMatch(answer);
  return topics.find((t) => normalizeForMatch(t) === a) ?? null;
}
