/**
 * Application-form reading: the per-call form specs (data) and what the generic reader returns.
 * Boxes in evidence follow src/model.ts: page space, origin top-left, unit of the page ("pt" or "px").
 */
import type { Evidence, Field } from "../../model.js";
import type { CallId } from "../types.js";

/**
 * How the text of a value cell is read.
 * amount: 万元 (a bare number is 万元, the forms' labels say so); params: 亿 parameters; dataTB: TB;
 * integer: headcounts and counts; longText: free text whose 字数 matters (also reported as a Section).
 */
export type ValueKind =
  | "text"
  | "uscc"
  | "amount"
  | "integer"
  | "number"
  | "params"
  | "dataTB"
  | "percent"
  | "date"
  | "phone"
  | "checkbox"
  | "longText";

/** A value taken out of a cell's text by a pattern (e.g. 备案号 inside 备案情况); group 1 is the value. */
export interface DerivedSpec {
  key: string;
  kind: Exclude<ValueKind, "checkbox" | "longText">;
  pattern: RegExp;
}

export interface FieldSpec {
  /** The label as printed in the seed form. A year in it (2024年营业收入) matches any year; `{year}` in the key takes it. */
  label: string;
  /** Other spellings met in filled forms. */
  aliases?: readonly string[];
  /** Dotted key; `{year}` is replaced by the year read from the label or, for `matrix`, from the column header. */
  key: string;
  kind: ValueKind;
  /**
   * right (default): the value is in the same cell after the label, or in the next cell to the right, or — when the
   * label heads a row of labels — in the cell below. below: the label is a column header (「姓名 | 职务职称 | 联系电话」)
   * and the value is under it; it decides between two specs of the same label. matrix: a row label whose values sit
   * under year column headers (「营业收入（万元） | 2023年值 | 2024年值」). rows: a label beside numbered rows
   * (「联合体其他成员单位名称与类型 | 1 | 甲公司（制造业企业）」, 「2 | 乙研究院（科研院所）」…): one value, the rows' entries
   * joined with 、 as a list written in one cell would be, 无 when every row is left 「—」 or blank.
   */
  at?: "right" | "below" | "matrix" | "rows";
  /** For a label printed more than once (电话, 职务): another label that must be in the same row. */
  row?: string;
  /** For a label printed more than once in one row (第三方名称): the column header above it. */
  column?: string;
  /** Matrix columns headed by words rather than years: header label → what replaces `{col}` in the key. */
  columns?: Readonly<Record<string, string>>;
  /** Checkbox options as printed; an option ending in （请注明）/(请注明) takes a note. */
  options?: readonly string[];
  /** Template instruction printed in the value cell, e.g. 「（包括公司基本情况、主营业务及产品…）」. */
  instruction?: string;
  /** 字数 limit stated by the form or notice. */
  maxChars?: number;
  derive?: readonly DerivedSpec[];
  /** Matrix rows: also emit the latest year's value under this key (在职人员 → staff.total). */
  latestAs?: string;
  /** The label only heads a group of rows (联系人情况); it has no value of its own. */
  group?: boolean;
}

/** A narrative part of the form introduced by a numbered heading, e.g. 「（一）项目概述。包括立项的背景…」. */
export interface SectionSpec {
  key: string;
  label: string;
  instruction?: string;
  maxChars?: number;
}

/** Cover-page lines such as 「申报单位 ____（加盖公章）」. */
export interface CoverSpec {
  label: string;
  key: string;
  kind: "text" | "date";
  /**
   * A blank to fill with one of these options, printed after it in brackets: 「模型类别 ____ (单模态大模型/多模态大模型/
   * 任务型模型)」. The value is the option chosen: written in the blank, or marked in the list (ticked, bold, the
   * others deleted), see ./checkbox.ts.
   */
  options?: readonly string[];
}

export interface FormSpec {
  callId: CallId;
  /** The form's title as printed. */
  title: string;
  fields: readonly FieldSpec[];
  sections: readonly SectionSpec[];
  cover: readonly CoverSpec[];
  /** Table cells of the seed that carry no value: sub-headings, column headers (序号, 2023年). */
  structural: readonly string[];
}

/** unreadable: something was written, but it does not read as the kind of value the cell asks for (a date, a number). */
export type UnfilledReason = "blank" | "placeholder" | "template-instruction" | "unchecked" | "unreadable";

export interface Unfilled {
  key: string;
  label: string;
  reason: UnfilledReason;
  evidence: Evidence[];
  /** unreadable: the text as written and the kind of value it could not be read as. */
  written?: string;
  kind?: ValueKind;
  /** 0..1 when the reader doubts the cell (bounds guessed from positions, OCR'd text); absent when it was drawn and read. */
  confidence?: number;
}

export interface Section {
  key: string;
  label: string;
  /** The applicant's text, template instruction removed. */
  text: string;
  /** 字数 by countChars (visible characters). */
  charCount: number;
  maxChars?: number;
  evidence: Evidence[];
}

export interface CheckboxOption {
  label: string;
  checked: boolean;
  /** Text written after the option (「其他（请注明）：xxx」, 「开源（模型名称：Qwen）」). */
  note?: string;
}

export interface CheckboxGroup {
  key: string;
  label: string;
  options: CheckboxOption[];
  /** Labels of the checked options (without （请注明）). */
  chosen: string[];
  /**
   * Set when the cell is marked but the choice is in doubt (an option marked with ×, an answer that is not one of
   * the options, the same emphasis on several options); says why. With nothing chosen the cell is also reported
   * as unfilled, reason "unreadable".
   */
  doubtful?: string;
  evidence: Evidence[];
}

export interface FormParse {
  fields: Field[];
  unfilled: Unfilled[];
  sections: Section[];
  checkboxGroups: CheckboxGroup[];
}

export type { Field };
