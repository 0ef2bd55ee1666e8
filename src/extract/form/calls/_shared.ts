/** Rows several forms share (same wording in the seeds), as spec fragments. */
import type { DerivedSpec, FieldSpec, ValueKind } from "../types.js";

export const f = (label: string, key: string, kind: ValueKind = "text", more: Partial<FieldSpec> = {}): FieldSpec => ({
  label,
  key,
  kind,
  ...more,
});

export const group = (label: string): FieldSpec => ({ label, key: "", kind: "text", group: true });

export const check = (label: string, key: string, options: readonly string[], more: Partial<FieldSpec> = {}): FieldSpec =>
  f(label, key, "checkbox", { options, ...more });

export const WUHAN_NATURES = ["党政机关", "事业单位", "社会团体", "国有企业", "民营企业", "外资企业", "其他（请注明）"];

/** Spellings applicants and older templates use for the same rows. */
export const unitBasics: FieldSpec[] = [
  f("单位名称", "applicant.name", "text", { aliases: ["申报单位名称", "企业名称", "单位全称"] }),
  f("统一社会信用代码", "applicant.uscc", "uscc", { aliases: ["社会信用代码", "信用代码", "统一信用代码"] }),
  f("单位地址", "applicant.address", "text", { aliases: ["注册地址", "通讯地址", "单位注册地址"] }),
];

const PHONE_ALIASES = ["联系电话", "手机", "手机号码", "电话/手机"];

/** 「负责人姓名 | | 职务 | | 电话 |」 and the same for the person filing, whose row label varies by form. */
export function contacts(contactLabel: "申报人姓名" | "联系人姓名"): FieldSpec[] {
  return [
    f("负责人姓名", "principal.name"),
    f("职务", "principal.title", "text", { row: "负责人姓名" }),
    f("电话", "principal.phone", "phone", { row: "负责人姓名", aliases: PHONE_ALIASES }),
    f(contactLabel, "contact.name"),
    f("职务", "contact.title", "text", { row: contactLabel }),
    f("电话", "contact.phone", "phone", { row: contactLabel, aliases: PHONE_ALIASES }),
  ];
}

export const staffRow = (rdLabel = "研发人员数量"): FieldSpec[] => [
  group("单位人才情况"),
  f("员工总数", "staff.total", "integer"),
  f(rdLabel, rdLabel === "研发人员数量" ? "staff.rd" : "staff.ops", "integer"),
  f("人工智能研发人员数量", "staff.aiRd", "integer"),
];

export const INTRO_COMPANY =
  "（包括公司基本情况、主营业务及产品、核心优势、研发团队等，重点突出人工智能研发团队及领军人才、人工智能的技术攻关和产品研发、人工智能应用赋能等情况）";
export const INTRO_UNIT =
  "（包括单位基本情况、主营业务及产品、核心优势、研发团队等，重点突出人工智能研发团队及领军人才、人工智能的技术攻关和产品研发、人工智能应用赋能等情况）";
export const FILING_INSTRUCTION = "(包括国家网信办模型(算法)备案、省委网信办登记等相关情况)";

/** 备案号 and 备案时间 written inside a 备案情况 cell or after 「是否通过大模型备案：☑是（备案号：…」. */
export const filingDerived: DerivedSpec[] = [
  { key: "model.filingNumber", kind: "text", pattern: /备案(?:号|编号)\s*[:：]?\s*([\u4e00-\u9fa5]{0,6}[A-Za-z0-9][A-Za-z0-9-]*)/u },
  { key: "model.filingDate", kind: "date", pattern: /备案(?:时间|日期)\s*[:：]?\s*(\d{4}\s*[年.\-/]\s*\d{1,2}\s*[月.\-/]\s*\d{1,2}\s*日?)/u },
];

/** 「开源：Qwen2.5-VL-72B」 → the model's name after its kind. */
export const baseModelDerived: DerivedSpec = {
  key: "model.baseModel",
  kind: "text",
  pattern: /^(?:(?:开源|闭源|商业|商用|自研|第三方|国产|国外)[^：:]{0,8}[：:])?\s*(.+)$/u,
};

export const SECTION_OVERVIEW =
  "包括立项的背景、意义、国内外研究现状和发展趋势，本项目进展情况和下一步计划。项目牵头或参与制修订标准情况、参与省部级以上项目情况以及获得荣誉表彰情况。";
export const SECTION_INNOVATION_MODEL =
  "包括采用的基础大模型，使用的架构、数据集、工具箱，产品的关键技术、性能指标和创新性，并与国内外同类模型进行对比分析。算力使用量、使用类型、服务方式、算力供给方情况，模型部署灵活性与兼容性以及安全保障情况。";
