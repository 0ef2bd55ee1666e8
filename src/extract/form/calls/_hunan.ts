/** Rows the two Hunan 申报信息表 (seed 003) share: registration details and the 2023/2024 operating matrix. */
import type { CoverSpec, FieldSpec } from "../types.js";
import { f, group } from "./_shared.js";

export const hunanRegistration: FieldSpec[] = [
  f("注册地址", "applicant.address"),
  f("注册资金（万元）", "applicant.registeredCapital", "amount"),
  f("注册时间", "applicant.foundedOn", "date"),
  f("统一社会信用代码", "applicant.uscc", "uscc", { aliases: ["社会信用代码", "信用代码", "统一信用代码"] }),
  f("开户银行", "applicant.bank"),
  f("账号", "applicant.bankAccount"),
  f("法人代表", "applicant.legalRep"),
  f("联系电话", "applicant.legalRepPhone", "phone", { row: "法人代表" }),
];

const m = (label: string, key: string, kind: FieldSpec["kind"], more: Partial<FieldSpec> = {}): FieldSpec =>
  f(label, key, kind, { at: "matrix", ...more });

/** 「营业收入（万元） | 2023年 | 2024年」: one field per year column; staff also under the plain key for the latest year. */
export function hunanOperations(withAi: boolean): FieldSpec[] {
  return [
    m("总资产（万元）", "finance.totalAssets.{year}", "amount"),
    m("资产负债率（%）", "finance.debtRatio.{year}", "percent"),
    m("营业收入（万元）", "finance.revenue.{year}", "amount"),
    ...(withAi ? [m("其中：AI业务收入（万元）", "finance.aiRevenue.{year}", "amount")] : []),
    m("净利润（万元）", "finance.netProfit.{year}", "amount"),
    m("税金（万元）", "finance.tax.{year}", "amount"),
    m("研发投入（万元）", "finance.rdExpense.{year}", "amount"),
    m("在职人员（人）", "staff.total.{year}", "integer", { latestAs: "staff.total" }),
    m("研发人员（人）", "staff.rd.{year}", "integer", { latestAs: "staff.rd" }),
  ];
}

export const honoursGroup = (label: string): FieldSpec => group(label);

export const HUNAN_HONOUR_HEADERS = ["序号", "荣誉名称", "获得时间"];

export const hunanCover: CoverSpec[] = [
  { label: "项目名称", key: "cover.projectName", kind: "text" },
  { label: "申报单位", key: "cover.applicant", kind: "text" },
  { label: "联系人及电话", key: "cover.contact", kind: "text" },
  { label: "申报时间", key: "cover.date", kind: "date" },
];
