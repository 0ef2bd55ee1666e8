/**
 * A call's 汇总表 (summary table) as data: the notice template's title, recommender line and columns, and where
 * each column's value comes from in a package's report. One file per notice under this folder.
 */
import type { CallId } from "../../extract/types.js";

export type ColumnSource =
  /** 序号 */
  | { kind: "index" }
  /**
   * The first of these field keys that has a value (form values preferred); with `options`, the first option
   * the value contains (a template column that takes one of fixed words).
   */
  | { kind: "field"; keys: readonly string[]; options?: readonly string[] }
  /** 所在区 / 市州 / 县市区 from applicant.divisionCode (else the address). */
  | { kind: "place"; level: "wuhan-district" | "prefecture" | "county" }
  /** The ~100 字 description: `summary.description` (LLM) first, else these form texts trimmed. */
  | { kind: "description"; keys: readonly string[] }
  /** Text that depends on the package's call, e.g. Hunan's 申报方向. */
  | { kind: "per-call"; values: Partial<Record<CallId, string>> }
  /** 联系人及电话 in one cell. */
  | { kind: "contact" };

export interface SummaryColumn {
  header: string;
  /** Excel column width in characters. */
  width: number;
  source: ColumnSource;
  /** The column applies only to these calls; for others it stays empty without being marked as missing. */
  onlyFor?: readonly CallId[];
}

export interface SummarySection {
  /** Sub-table heading when the template has several (the governance call's four tables). */
  heading?: string;
  /** Calls whose packages are listed in this section. */
  callIds: readonly CallId[];
  columns: readonly SummaryColumn[];
}

export interface SummaryTableSpec {
  /** Worksheet name (≤ 31 characters). */
  sheet: string;
  /** The notice's attachment label, e.g. 「附件2」. */
  attachment: string;
  title: string;
  /** The lines under the title, as in the template (e.g. 「推荐单位：（盖章）」). */
  headerLines: readonly string[];
  sections: readonly SummarySection[];
}

export const index = (): SummaryColumn => ({ header: "序号", width: 6, source: { kind: "index" } });
export const field = (header: string, width: number, ...keys: string[]): SummaryColumn => ({
  header,
  width,
  source: { kind: "field", keys },
});
export const description = (header: string, ...keys: string[]): SummaryColumn => ({
  header,
  width: 48,
  source: { kind: "description", keys },
});
export const contactName = (): SummaryColumn => field("联系人", 10, "contact.name", "principal.name");
export const contactPhone = (): SummaryColumn => field("联系方式", 16, "contact.phone", "principal.phone");
