/**
 * Seed 002, 附件5: 「XX 区（单位）“人工智能+社会治理”创新应用项目申报信息汇总表」 — one sheet with the
 * template's four sub-tables, one per form.
 */
import type { SummaryColumn, SummaryTableSpec } from "./types.js";
import { contactName, contactPhone, description, field, index } from "./types.js";

const place: SummaryColumn = { header: "所在区/单位", width: 14, source: { kind: "place", level: "wuhan-district" } };
const applicant = field("申报单位名称", 24, "applicant.name", "cover.applicant");

export const WUHAN_GOVERNANCE_TABLE: SummaryTableSpec = {
  sheet: "人工智能+社会治理",
  attachment: "附件5",
  title: "XX区（单位）“人工智能+社会治理”创新应用项目申报信息汇总表",
  headerLines: ["推荐单位（盖章）：_____ 联系人：_____ 联系电话：_____"],
  sections: [
    {
      heading: "典型应用场景汇总表",
      callIds: ["wuhan-ai-governance-2026/scenario"],
      columns: [
        index(),
        place,
        applicant,
        field("场景名称", 20, "scenario.name", "cover.caseName"),
        field("场景方向", 14, "scenario.type"),
        description("场景描述（100字左右）", "project.overview", "case.background", "applicant.intro"),
        contactName(),
        contactPhone(),
      ],
    },
    {
      heading: "模型和智能体项目汇总表",
      callIds: ["wuhan-ai-governance-2026/model-agent"],
      columns: [
        index(),
        place,
        applicant,
        field("产品名称", 20, "product.name", "cover.productName"),
        field("产品类型", 14, "product.type"),
        description("产品描述（100字左右）", "project.overview", "applicant.intro"),
        contactName(),
        contactPhone(),
      ],
    },
    {
      heading: "公共服务平台申报信息汇总表",
      callIds: ["wuhan-ai-governance-2026/platform"],
      columns: [
        index(),
        place,
        applicant,
        field("平台名称", 20, "platform.name", "cover.productName"),
        field("服务领域", 14, "platform.field"),
        description("平台项目描述（100字左右）", "platform.intro", "project.overview", "applicant.intro"),
        contactName(),
        contactPhone(),
      ],
    },
    {
      heading: "智能终端产品汇总表",
      callIds: ["wuhan-ai-governance-2026/terminal"],
      columns: [
        index(),
        place,
        applicant,
        field("产品名称", 20, "product.name", "cover.productName"),
        description("产品描述（100字左右）", "product.intro", "product.overview", "applicant.intro"),
        contactName(),
        contactPhone(),
      ],
    },
  ],
};
