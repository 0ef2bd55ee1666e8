/**
 * Label-table extraction shared by 营业执照 and 事业单位法人证书: every label found (same line or the
 * value on the next unit), parsed by kind, one field per key; the code via uscc-field; the unlabelled date
 * under the seal as the issue date.
 */
import type { Field } from "../../../model.js";
import type { DocumentPages } from "../../types.js";
import { parseDate } from "../../normalize/index.js";
import {
  amount,
  FieldSink,
  firstDate,
  fixDateOcr,
  period,
  segment,
  units,
  valueAfter,
  type Unit,
} from "../amounts-dates.js";
import { emitUscc } from "../uscc-field.js";

export type ValueKind = "text" | "amount" | "date" | "period" | "none";

export interface LabelSpec {
  /** Field key; omitted for labels that only bound other values (统一社会信用代码 is read by uscc-field). */
  key?: string;
  labels: readonly string[];
  kind: ValueKind;
  /** The value may wrap onto following lines (names, addresses, scopes). */
  multiline?: boolean;
  /** A person's name: only the leading run of 汉字 (and ·) is kept, dropping OCR specks after it. */
  person?: boolean;
  /** A text value must match this (the registrar's name ends in 局; seal OCR noise does not). */
  pattern?: RegExp;
}

/** A registration authority's name ends like this; the seal's OCR noise does not. */
export const REGISTRAR = /(?:局|委员会|厅|办公室|管理处)$/u;

/** OCR misreadings of capital-form numerals seen on licence scans (善仟 for 壹仟). */
const NUMERAL_OCR: Record<string, string> = {
  善: "壹",
  壶: "壹",
  壸: "壹",
  查: "叁",
  参: "叁",
  武: "贰",
  贰: "贰",
  任: "仟",
  仔: "仟",
  伯: "佰",
  桔: "拾",
  阙: "圆",
  园: "圆",
  阅: "圆",
  阆: "圆",
};

function parseCapital(text: string): { wan: number; repaired: boolean } | null {
  const cleaned = text.replace(/\s+/g, "").replace(/(?:人民币|\(人民币\)|（人民币）)$/u, "");
  const direct = amount(cleaned);
  if (direct) return { wan: direct.wan, repaired: false };
  // OCR specks around the amount (羡1200万元 for ￥1200万元, 伍仟万元柳 for 伍仟万元整) are cut off.
  const from = cleaned.search(/[\d壹贰叁肆伍陆柒捌玖拾佰仟零一二三四五六七八九十百千善壶壸查参武任仔伯桔]/u);
  const mapped = [...cleaned.slice(Math.max(from, 0))].map((c) => NUMERAL_OCR[c] ?? c).join("");
  const fixed = amount(/^.*[元圆]/u.exec(mapped)?.[0] ?? mapped);
  return fixed ? { wan: fixed.wan, repaired: true } : null;
}

/**
 * Spaces between 汉字 are layout, not content; trailing OCR specks (丨『」|) are dropped, and so are bars
 * anywhere (a rule read at the end of one line of a multi-line value lands mid-value once lines are joined).
 */
function cleanText(value: string): string {
  return value
    .replace(/\s*[|‖丨｜]+\s*/gu, "")
    .replace(/\s+/g, (s, i: number) => (/[\u4e00-\u9fff（）()]/u.test(value[i - 1] ?? "") ? "" : s))
    .replace(/[^\p{L}\p{N}）)。.]+$/u, "")
    .trim();
}

/**
 * The leading 汉字 run of a name field. A run longer than a name usually carries the next label OCR could
 * not split off (陈志远营业期限, or 阙雅琴蔼业期限 with one character misread): strip a suffix that matches a
 * label with at most one wrong character.
 */
function personName(value: string, labels: readonly string[]): string {
  const run = /^[\u4e00-\u9fff·]{2,}/u.exec(value)?.[0] ?? "";
  if (run.length <= 4) return run;
  for (const l of labels) {
    const tail = run.slice(-l.length);
    const wrong = [...tail].filter((c, i) => c !== l[i]).length;
    if (l.length >= 3 && tail.length === l.length && wrong <= 1 && run.length - l.length >= 2)
      return run.slice(0, -l.length);
  }
  return run.length <= 6 ? run : "";
}

/** One value as a field; false when the text does not parse as its kind (the label is then tried again later). */
function emit(sink: FieldSink, spec: LabelSpec, value: string, from: Unit[], labels: readonly string[] = []): boolean {
  const key = spec.key!;
  switch (spec.kind) {
    case "text": {
      const v = spec.person ? personName(value, labels) : cleanText(value);
      if (v.length < 2 || (spec.pattern && !spec.pattern.test(v))) return false;
      sink.add(key, v, value, from);
      return true;
    }
    case "amount": {
      const a = parseCapital(value);
      if (!a) return false;
      sink.add(key, a.wan, value, from, { unit: "万元", confidence: a.repaired ? 0.8 : 1 });
      return true;
    }
    case "date": {
      const d = firstDate(value);
      if (!d) return false;
      sink.add(key, d, value, from);
      return true;
    }
    case "period": {
      const p = period(value);
      if (!p) return false;
      // ISO 8601 interval; an open end (长期, 无固定期限) is written "..".
      sink.add(key, `${p.from}/${p.to ?? ".."}`, value, from);
      return true;
    }
    case "none":
      return true;
  }
}

/**
 * A 成立日期 whose day OCR lost (2019年03月记日) is completed from the 营业期限 start when year and month
 * agree: a licence's term starts on its founding day. Confidence ×0.7, both lines as evidence.
 */
function dateFromTerm(sink: FieldSink): void {
  const founded = sink.fields.find((f) => f.key === "applicant.foundedOn");
  const term = sink.fields.find((f) => f.key === "applicant.term");
  if (!founded || !term || typeof founded.value !== "string" || founded.value.length !== 7) return;
  const from = String(term.value).slice(0, 10);
  if (!from.startsWith(founded.value)) return;
  founded.value = from;
  founded.confidence = Math.round(Math.min(founded.confidence, term.confidence) * 0.7 * 1000) / 1000;
  founded.evidence.push(...term.evidence);
}

/**
 * Value shapes for scans whose labels OCR lost (bold labels on a patterned background often vanish while the
 * values survive). Tried only for keys still missing, on units no label claimed; confidence ×0.7.
 */
const SHAPES: readonly { key: string; kind: ValueKind; re: RegExp }[] = [
  {
    key: "applicant.term",
    kind: "period",
    re: /\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*至\s*(?:长期|永久|无.定期限|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)/u,
  },
  { key: "applicant.legalRep", kind: "text", re: /^[\u4e00-\u9fff·]{2,4}(?=\s*\d{4}\s*年[^至]*至)/u },
  {
    key: "applicant.type",
    kind: "text",
    re: /(?<=^|[\s；;])(?:有限责任公司|股份有限公司|个人独资企业|有限合伙企业|普通合伙企业|个体工商户|农民专业合作社)(?:[（(〔][^）)〕]{2,20}[）)〕])?/u,
  },
  {
    key: "applicant.name",
    kind: "text",
    re: /(?<=^|[\s；;])(?!有限|股份)[\u4e00-\u9fff（）]{2,30}?(?:有限责任公司|股份有限公司|有限公司|研究院|研究所|中心)(?![\u4e00-\u9fff（(〔])/u,
  },
  { key: "applicant.registeredCapital", kind: "amount", re: /[壹贰叁肆伍陆柒捌玖拾佰仟零\d.]+[万亿]?[元圆]整?/u },
  { key: "applicant.foundedOn", kind: "date", re: /(?<![至\d])\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?!\s*至)/u },
];

function byShape(sink: FieldSink, table: readonly LabelSpec[], all: Unit[], used: Set<Unit>): void {
  for (const shape of SHAPES) {
    if (sink.has(shape.key) || !table.some((t) => t.key === shape.key)) continue;
    for (const u of all.filter((x) => !used.has(x))) {
      const m = shape.re.exec(u.text);
      const spec = { key: shape.key, labels: [], kind: shape.kind, person: shape.key === "applicant.legalRep" };
      if (m && emit(sink, spec, m[0], [u])) {
        const f = sink.fields.at(-1)!;
        f.confidence = Math.round(f.confidence * 0.7 * 1000) / 1000;
        break;
      }
    }
  }
}

/**
 * A licence pasted into a Word file or a PDF page as a picture: when OCR'd image lines carry the licence's
 * own words, only they are read, so the surrounding form's 统一社会信用代码 or dates are not taken for it.
 */
function imageLinesOnly(input: DocumentPages, marker: RegExp): DocumentPages {
  const fromImages = input.pages.flatMap((r) => r.page.lines.filter((l) => l.image !== undefined));
  if (!fromImages.some((l) => marker.test(l.text))) return input;
  return {
    ...input,
    pages: input.pages.map((r) => ({
      ...r,
      page: { ...r.page, lines: r.page.lines.filter((l) => l.image !== undefined) },
    })),
  };
}

/** The gap OCR reads between the characters of a letter-spaced label (住　　所 → 「住“所」「住 - “所」「往：所」). */
const LETTER_GAP = String.raw`[\s“”"'‘’·.:：\-—–|丨]{1,4}`;

/**
 * Keys no exact label found: a letter-spaced two-character label (住　　所, 名　　称, 类　　型) with its first
 * character misread (往：所, 余“所). The gap between the two characters is what marks the pair as a label, so
 * it is required; the second character must be exact (a misread second one would make 「姓名：张三」 a 名称), and
 * the value must parse as the key's kind.
 */
function byLetterSpacedLabel(
  sink: FieldSink,
  table: readonly LabelSpec[],
  all: Unit[],
  labels: readonly string[],
  used: Set<Unit>,
): void {
  for (const spec of table) {
    if (!spec.key || sink.has(spec.key)) continue;
    for (const label of spec.labels.filter((l) => l.length === 2)) {
      const re = new RegExp(`\\p{Script=Han}${LETTER_GAP}${label[1]}`, "u");
      const i = all.findIndex((u) => re.test(u.text));
      if (i < 0) continue;
      const u = all[i]!;
      const m = re.exec(u.text)!;
      const rest = u.text.slice(m.index + m[0].length);
      const value = rest
        .slice(0, segment(rest, labels)[0]?.start ?? rest.length)
        .replace(/^[\s:：“”"'‘’]+/u, "")
        .trim();
      const loc = valueAfter(all, i, value, labels, spec.multiline ?? false);
      if (loc && emit(sink, spec, loc.value, loc.units, labels)) {
        loc.units.forEach((x) => used.add(x));
        break;
      }
    }
  }
}

const MARKER = /统\s*一\s*社\s*会\s*信\s*用|营\s*业\s*执\s*照|法\s*人\s*证\s*书|法定代表人/u;

export function extractRegistration(input: DocumentPages, extractor: string, table: readonly LabelSpec[]): Field[] {
  const sink = new FieldSink(input.document.id, extractor);
  const all = units(imageLinesOnly(input, MARKER));
  emitUscc(sink, all);
  const labels = table.flatMap((s) => s.labels);
  const specOf = table.flatMap((s) => s.labels.map(() => s));
  const used = new Set<Unit>();
  all.forEach((u, i) => {
    for (const seg of segment(u.text, labels)) {
      const spec = specOf[seg.label]!;
      if (!spec.key || sink.has(spec.key)) continue;
      const loc = valueAfter(all, i, seg.value, labels, spec.multiline ?? false);
      if (loc && emit(sink, spec, loc.value, loc.units, labels)) loc.units.forEach((x) => used.add(x));
    }
  });
  byLetterSpacedLabel(sink, table, all, labels, used);
  byShape(sink, table, all, used);
  dateFromTerm(sink);
  // The issue date stands alone under the registrar's seal; the last such date wins.
  const issued = all.filter((u) => !used.has(u) && parseDate(fixDateOcr(u.text).replace(/\s+/g, "")));
  const last = issued.at(-1);
  if (last) sink.add("applicant.issuedOn", firstDate(last.text), last.text, [last]);
  return sink.fields;
}
