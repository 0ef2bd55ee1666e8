/** Dates and periods as written in forms, licences and calls: 2025年10月14日, 2025.10.14, 二〇二五年十月十四日, 2024年度. */
import { chineseNumeralToNumber, toHalfWidth } from "./text.js";

export type DatePrecision = "day" | "month" | "year";

export interface ParsedDate {
  /** ISO 8601 at the written precision: "2025-10-14", "2025-10" or "2025". */
  iso: string;
  precision: DatePrecision;
  raw: string;
}

export interface FoundDate extends ParsedDate {
  /** [start, end) of `raw` in the searched text. */
  start: number;
  end: number;
}

export interface Period {
  /** First day of the period, "YYYY-MM-DD" (a month or year start is expanded to its first day). */
  from: string;
  /** Last day of the period, "YYYY-MM-DD"; null for an open end (长期, 至今). */
  to: string | null;
  raw: string;
  /** Why `to` is null: 长期/永久/无固定期限 ("long-term") or 至今/现在 ("present"). */
  openEnd?: "long-term" | "present";
}

const CN_DIGIT = "〇零○一二三四五六七八九";
const YEAR = `\\d{4}|[${CN_DIGIT}]{4}`;
const MONTH_DAY = `\\d{1,2}|[${CN_DIGIT}十]{1,3}`;
const DATE_RE = new RegExp(
  `(?<![\\d${CN_DIGIT}])(?:(${YEAR})\\s*年\\s*(?:(${MONTH_DAY})\\s*月(?:\\s*(${MONTH_DAY})\\s*[日号])?|(度))?` +
    `|(\\d{4})([./-])(\\d{1,2})(?:\\6(\\d{1,2}))?(?!\\d))`,
  "gu",
);

function numberOf(text: string | undefined): number | null {
  if (text === undefined) return null;
  return /^\d+$/.test(text) ? Number(text) : chineseNumeralToNumber(text);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A checked calendar date at the precision given by which parts are present, or null. */
function makeDate(year: number | null, month: number | null, day: number | null, raw: string): ParsedDate | null {
  if (year === null || year < 1900 || year > 2100) return null;
  if (month === null) return { iso: String(year), precision: "year", raw };
  if (month < 1 || month > 12) return null;
  if (day === null) return { iso: `${year}-${pad(month)}`, precision: "month", raw };
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { iso: `${year}-${pad(month)}-${pad(day)}`, precision: "day", raw };
}

/** Every date in `text`, with offsets. Dotted month-only forms (2025.10) are skipped when they read as amounts. */
export function findDates(text: string): FoundDate[] {
  const s = toHalfWidth(text);
  const found: FoundDate[] = [];
  for (const m of s.matchAll(DATE_RE)) {
    const raw = text.slice(m.index, m.index + m[0].length);
    let date: ParsedDate | null;
    if (m[1] !== undefined) {
      const year = /^\d/.test(m[1]) ? Number(m[1]) : numberOf(m[1]);
      date = makeDate(year, numberOf(m[2]), numberOf(m[3]), raw);
    } else {
      if (m[8] === undefined && /^\s*(?:[万亿元千%]|\.\d)/.test(s.slice(m.index + m[0].length))) continue;
      date = makeDate(Number(m[5]), Number(m[7]), m[8] === undefined ? null : Number(m[8]), raw);
    }
    if (date) found.push({ ...date, start: m.index, end: m.index + m[0].length });
  }
  return found;
}

/** One date making up the whole text (surrounding spaces allowed), or null. Also reads compact 20251014. */
/** Quotes, brackets and stops around a date: OCR of a form cell often adds a stray 「“」 or 「。」. */
const WRAPPING = /^[\s“”"'‘’「」『』（）()]+|[\s“”"'‘’「」『』（）()。．.，,]+$/gu;

export function parseDate(text: string): ParsedDate | null {
  const trimmed = text.replace(WRAPPING, "");
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(toHalfWidth(trimmed));
  if (compact) return makeDate(Number(compact[1]), Number(compact[2]), Number(compact[3]), text);
  const found = findDates(trimmed);
  const only = found[0];
  if (found.length !== 1 || !only || only.start !== 0 || only.end !== trimmed.length) return null;
  return { iso: only.iso, precision: only.precision, raw: text };
}

function firstDay(d: ParsedDate): string {
  return d.precision === "day" ? d.iso : d.precision === "month" ? `${d.iso}-01` : `${d.iso}-01-01`;
}

function lastDay(d: ParsedDate): string {
  if (d.precision === "day") return d.iso;
  if (d.precision === "year") return `${d.iso}-12-31`;
  const [y, m] = d.iso.split("-").map(Number) as [number, number];
  return `${d.iso}-${pad(daysInMonth(y, m))}`;
}

const SEPARATOR = /^\s*(?:起?至|到|[-~\u2010-\u2015\u301C]+)\s*/u;
const OPEN_END: [RegExp, Period["openEnd"]][] = [
  [/^(?:长期(?:有效)?|永久|永久有效|无固定期限|不约定期限)/u, "long-term"],
  [/^至?(?:今|现在|目前)/u, "present"],
];

/**
 * A period: 2022年10月1日至2025年9月30日, 2022.10.1-2025.9.30, 自2022年10月至2025年9月 (month ends expanded),
 * 2024年度 (the whole year), 2023-2025年, 2025年1月1日至12月31日 (end year taken from the start),
 * 2018年05月10日至长期 / 2023年1月1日至今 (open end). A leading label up to a colon (营业期限：) is ignored.
 */
export function parsePeriod(text: string): Period | null {
  const s = toHalfWidth(text)
    .trim()
    .replace(/^[^:\d]{1,12}:\s*/u, "")
    .replace(/^[自从]\s*/u, "");
  const years = /^(\d{4})\s*(?:年度?)?\s*(?:至|到|[-~\u2010-\u2015]+)\s*(\d{4})\s*年度?$/u.exec(s);
  if (years) {
    const [from, to] = [makeDate(Number(years[1]), null, null, ""), makeDate(Number(years[2]), null, null, "")];
    return from && to ? { from: firstDay(from), to: lastDay(to), raw: text } : null;
  }
  const start = findDates(s)[0];
  if (!start || start.start !== 0) return null;
  let rest = s.slice(start.end).replace(/^\s*起(?!至)/u, "");
  if (rest.trim() === "") return { from: firstDay(start), to: lastDay(start), raw: text };
  const sep = SEPARATOR.exec(rest);
  if (!sep) return null;
  rest = rest.slice(sep[0].length);
  const tail = /^[\s止。.;；)]*$/u;
  for (const [re, openEnd] of OPEN_END) {
    const open = re.exec(rest);
    if (open && tail.test(rest.slice(open[0].length))) return { from: firstDay(start), to: null, raw: text, openEnd };
  }
  const end = findDates(rest)[0];
  if (end && end.start === 0 && tail.test(rest.slice(end.end))) {
    return { from: firstDay(start), to: lastDay(end), raw: text };
  }
  // The end written without its year (至12月31日) or month (至15日) takes them from the start.
  const [year, month] = start.iso.split("-").map(Number) as [number, number | undefined];
  const partial = /^(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?|^(\d{1,2})\s*[日号]/u.exec(rest);
  if (!partial || !tail.test(rest.slice(partial[0].length))) return null;
  const endDate =
    partial[3] !== undefined
      ? makeDate(year, month ?? null, Number(partial[3]), "")
      : makeDate(year, Number(partial[1]), partial[2] === undefined ? null : Number(partial[2]), "");
  if (!endDate || (partial[3] !== undefined && start.precision !== "day")) return null;
  return { from: firstDay(start), to: lastDay(endDate), raw: text };
}
