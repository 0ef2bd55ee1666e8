/** Rows the four 「人工智能+社会治理」 forms (seed 002) share. */
import type { CoverSpec, FieldSpec } from "../types.js";
import { WUHAN_NATURES, check, contacts, f, group, unitBasics } from "./_shared.js";

export const governanceUnit = (contactGroup: "申报人员" | "联系人情况"): FieldSpec[] => [
  ...unitBasics,
  check("单位性质", "applicant.nature", WUHAN_NATURES),
  group(contactGroup),
  ...contacts(contactGroup === "申报人员" ? "联系人姓名" : "申报人姓名"),
];

export const governanceFinance: FieldSpec[] = [
  group("单位经营情况"),
  f("2025年营业收入（万元）", "finance.revenue.{year}", "amount"),
  f("2025年人工智能营业收入（万元）", "finance.aiRevenue.{year}", "amount"),
];

export const partnerIntro = (instruction: string): FieldSpec =>
  f("联合单位情况介绍（如有）", "applicant.partnerIntro", "longText", { instruction });

export const governanceCover = (nameLabel: "案例名称" | "产品名称"): CoverSpec[] => [
  { label: "申报单位", key: "cover.applicant", kind: "text" },
  { label: "联合申报单位", key: "cover.partner", kind: "text" },
  { label: nameLabel, key: nameLabel === "案例名称" ? "cover.caseName" : "cover.productName", kind: "text" },
  { label: "单位地址", key: "cover.address", kind: "text" },
  { label: "申报日期", key: "cover.date", kind: "date" },
];
