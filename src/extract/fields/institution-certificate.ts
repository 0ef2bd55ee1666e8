/** 事业单位法人证书: the label table; 开办资金 is read as the registered capital, 有效期 as the term. */
import type { FieldExtractor } from "../types.js";
import { extractRegistration, REGISTRAR, type LabelSpec } from "./_internal/registration.js";

export const INSTITUTION_LABELS: readonly LabelSpec[] = [
  { labels: ["统一社会信用代码"], kind: "none" },
  { key: "applicant.certificateNo", labels: ["证书号", "证书编号"], kind: "text" },
  { key: "applicant.name", labels: ["名称", "单位名称"], kind: "text", multiline: true },
  { key: "applicant.businessScope", labels: ["宗旨和业务范围", "宗旨和业务"], kind: "text", multiline: true },
  { key: "applicant.address", labels: ["住所", "地址"], kind: "text", multiline: true },
  { key: "applicant.legalRep", labels: ["法定代表人"], kind: "text", person: true },
  { key: "applicant.fundingSource", labels: ["经费来源"], kind: "text" },
  { key: "applicant.registeredCapital", labels: ["开办资金"], kind: "amount" },
  { key: "applicant.sponsor", labels: ["举办单位"], kind: "text", multiline: true },
  { key: "applicant.term", labels: ["有效期"], kind: "period" },
  { key: "applicant.registrar", labels: ["登记管理机关"], kind: "text", pattern: REGISTRAR },
];

export const institutionCertificate: FieldExtractor = {
  name: "institution-certificate",
  docTypes: ["institution-certificate"],
  extract: (input) => extractRegistration(input, "institution-certificate", INSTITUTION_LABELS),
};
