/** 营业执照 (2019 SAMR layout and older ones): the label table; extraction is shared with 事业单位法人证书. */
import type { FieldExtractor } from "../types.js";
import { extractRegistration, REGISTRAR, type LabelSpec } from "./_internal/registration.js";

export const LICENSE_LABELS: readonly LabelSpec[] = [
  { labels: ["统一社会信用代码", "注册号", "编号"], kind: "none" },
  { key: "applicant.name", labels: ["名称", "企业名称"], kind: "text", multiline: true },
  { key: "applicant.type", labels: ["类型", "主体类型", "企业类型"], kind: "text", multiline: true },
  { key: "applicant.legalRep", labels: ["法定代表人", "负责人", "经营者", "执行事务合伙人", "投资人"], kind: "text", person: true },
  { key: "applicant.registeredCapital", labels: ["注册资本", "注册资金", "出资额"], kind: "amount" },
  { key: "applicant.foundedOn", labels: ["成立日期", "注册日期"], kind: "date" },
  { key: "applicant.term", labels: ["营业期限", "经营期限", "合伙期限"], kind: "period" },
  { key: "applicant.address", labels: ["住所", "主要经营场所", "经营场所", "营业场所", "地址"], kind: "text", multiline: true },
  { key: "applicant.businessScope", labels: ["经营范围"], kind: "text", multiline: true },
  { key: "applicant.registrar", labels: ["登记机关"], kind: "text", pattern: REGISTRAR },
];

export const businessLicense: FieldExtractor = {
  name: "business-license",
  docTypes: ["business-license"],
  extract: (input) => extractRegistration(input, "business-license", LICENSE_LABELS),
};
