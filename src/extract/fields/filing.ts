/**
 * 备案号 on 网信办 filing / registration proofs → `model.filingNumber` (one field per number) and
 * `model.filingDate`. Formats, as published by the CAC and provincial 网信办:
 *  - 算法备案: 网信算备 + 21 digits + 号, e.g. 网信算备330109830471102220013号 = division code (6) + subject
 *    (7) + algorithm (2) + year (2) + sequence (4).
 *  - 生成式人工智能服务 备案 / 登记: <Province>-<PinyinName>-<YYYYMMDD>[S]<seq>, e.g.
 *    ZheJiang-TongYiQianWen-20230901, Beijing-XiaoBu-20240101S0001, Hubei-YunFanGongZhi-202505120015.
 * Numbers that match loosely (网信算备 + 12–20 digits) are still emitted at confidence ×0.6 with a
 * `model.filingNumber.problems` note, so a typo in the form is reported rather than lost.
 */
import type { Field } from "../../model.js";
import type { DocumentPages, FieldExtractor } from "../types.js";
import { toHalfWidth } from "../normalize/index.js";
import { FieldSink, firstDate, units } from "./amounts-dates.js";

export type FilingKind = "algorithm" | "generative-ai";

export interface ParsedFiling {
  number: string;
  kind: FilingKind;
  valid: boolean;
  problems: string[];
  /** Algorithm filings: the 6-digit division of the filing 网信办 and the two-digit year. */
  divisionCode?: string;
  year?: number;
}

const ALGORITHM = /网\s*信\s*算\s*备\s*[:：]?\s*(\d[\d\s]{10,24}\d)\s*号?/gu;
/** Provinces as the filing numbers spell them (pinyin, any case: ZheJiang, Zhejiang). */
const PROVINCES = [
  "Beijing", "Tianjin", "Shanghai", "Chongqing", "Hebei", "Shanxi", "Liaoning", "Jilin", "Heilongjiang", "Jiangsu",
  "Zhejiang", "Anhui", "Fujian", "Jiangxi", "Shandong", "Henan", "Hubei", "Hunan", "Guangdong", "Hainan", "Sichuan",
  "Guizhou", "Yunnan", "Shaanxi", "Gansu", "Qinghai", "Neimenggu", "Guangxi", "Xizang", "Ningxia", "Xinjiang",
];
const GENAI = new RegExp(`(?<![A-Za-z])(${PROVINCES.join("|")})-([A-Za-z][A-Za-z0-9]{1,40})-(\\d{8})(S?\\d{2,6})?(?![\\dA-Za-z])`, "giu");
const DATE_LABEL = /(?:备案|登记|上线)(?:日期|时间)\s*[:：]?/u;

export function parseFilingNumber(raw: string): ParsedFiling | null {
  const s = toHalfWidth(raw).trim();
  const alg = new RegExp(ALGORITHM.source, "u").exec(s);
  if (alg) {
    const digits = alg[1]!.replace(/\s+/g, "");
    const problems: string[] = [];
    if (digits.length !== 21) problems.push(`网信算备编号应为21位数字，实际为${digits.length}位`);
    const year = digits.length === 21 ? Number(digits.slice(15, 17)) : undefined;
    if (year !== undefined && (year < 22 || year > 40)) problems.push(`编号第16-17位年份“${digits.slice(15, 17)}”不合理`);
    return { number: `网信算备${digits}号`, kind: "algorithm", valid: problems.length === 0, problems, divisionCode: digits.slice(0, 6), ...(year !== undefined ? { year } : {}) };
  }
  const gen = new RegExp(GENAI.source, "iu").exec(s);
  if (gen) {
    const date = gen[3]!;
    const ok = firstDate(`${date.slice(0, 4)}年${date.slice(4, 6)}月${date.slice(6, 8)}日`) !== null;
    const problems = ok ? [] : [`编号中的日期“${date}”无效`];
    return { number: gen[0], kind: "generative-ai", valid: ok, problems };
  }
  return null;
}

export function extractFiling(input: DocumentPages): Field[] {
  const sink = new FieldSink(input.document.id, "filing");
  const all = units(input, Infinity);
  const seen = new Set<string>();
  for (const [i, u] of all.entries()) {
    // A number may wrap onto the next line (登记编号：Hubei- / YunFanGongZhi-…): match on the pair.
    const next = all[i + 1]?.page === u.page ? all[i + 1] : undefined;
    const text = toHalfWidth(u.text) + (next ? toHalfWidth(next.text) : "");
    for (const m of [...text.matchAll(ALGORITHM), ...text.matchAll(GENAI)]) {
      if (m.index >= u.text.length) continue;
      const f = parseFilingNumber(m[0]);
      if (!f || seen.has(f.number)) continue;
      seen.add(f.number);
      const from = m.index + m[0].length > u.text.length ? [u, next!] : [u];
      const confidence = f.valid ? 1 : 0.6;
      sink.add("model.filingNumber", f.number, (u.text + (next?.text ?? "")).slice(m.index, m.index + m[0].length), from, { confidence });
      if (!f.valid) sink.add("model.filingNumber.problems", f.problems, m[0], from, { confidence });
      // The date labelled on the same line, else on the next two lines.
      const dated = [u, all[i + 1], all[i + 2]].find((x) => x && DATE_LABEL.test(x.text));
      const iso = dated && firstDate(dated.text.slice(dated.text.search(DATE_LABEL)));
      if (dated && iso) sink.add("model.filingDate", iso, dated.text, [dated]);
    }
  }
  return sink.fields;
}

export const filing: FieldExtractor = {
  name: "filing",
  docTypes: ["filing-proof"],
  extract: (input) => extractFiling(input),
};
