/** Headcounts: 120人, 员工总数 120 名, and 「总共X人，其中Y人，占Z%」 with its arithmetic checked. */
import { chineseNumeralToNumber, toHalfWidth } from "./text.js";

export interface Headcount {
  total: number | null;
  /** The 其中 part (研发人员, 行业技术人才与数字化专业人才 …), when written. */
  part: number | null;
  /** The written share of `part` in `total`, 0..100. */
  percent: number | null;
  raw: string;
  /**
   * False when the numbers contradict each other: part > total, or part/total differs from the written percent by
   * one unit of its last written digit or more (so 1/3 written as 33%, 33.3% or 34% passes, 30% does not).
   * True when there is nothing to compare.
   */
  consistent: boolean;
}

const COUNT = String.raw`(\d+|[零〇一二两三四五六七八九十百千]+)\s*(?:人|名|位)`;
const TOTAL_RE = new RegExp(String.raw`^(?:.*?(?:总共|共计|合计|总计|共|总数|总人数|人数)[^\d其]*?)?${COUNT}`, "u");
const PART_RE = new RegExp(String.raw`其中[^\d]*?${COUNT}`, "u");
const PERCENT_RE = /(?:占|比例|比重)[^\d%]*?(\d+(?:\.\d+)?)\s*%/u;

function count(s: string | undefined): number | null {
  if (s === undefined) return null;
  return /^\d+$/.test(s) ? Number(s) : chineseNumeralToNumber(s);
}

export function parseHeadcount(text: string): Headcount | null {
  const s = toHalfWidth(text).replace(/\s+/g, "");
  const bare = /^(\d+)$/.exec(s);
  const head = s.split(/其中/u)[0]!;
  const total = bare ? Number(bare[1]) : count(TOTAL_RE.exec(head)?.[1]);
  const part = count(PART_RE.exec(s)?.[1]);
  const pct = PERCENT_RE.exec(s)?.[1];
  const percent = pct === undefined ? null : Number(pct);
  if (total === null && part === null) return null;
  return { total, part, percent, raw: text, consistent: isConsistent(total, part, pct) };
}

function isConsistent(total: number | null, part: number | null, written: string | undefined): boolean {
  if (total !== null && part !== null && part > total) return false;
  if (total === null || part === null || written === undefined) return true;
  if (total === 0) return false;
  const decimals = written.split(".")[1]?.length ?? 0;
  return Math.abs((part / total) * 100 - Number(written)) < 10 ** -decimals;
}
