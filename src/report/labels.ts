/** The Chinese words every report writer uses for verdicts, severities, categories and text sources. */
import type { Category, Severity } from "../model.js";
import type { Verdict } from "./schema.js";

export const VERDICT_LABELS: Record<Verdict, string> = { pass: "通过", fix: "需补正", reject: "不予受理" };

export const VERDICT_NOTES: Record<Verdict, string> = {
  pass: "未发现错误或需要处理的问题。",
  fix: "存在需要更正或补充的问题，请按下列意见修改后重新提交。",
  reject: "缺少通知要求的必备材料（材料不齐者不予受理），请补齐后重新提交。",
};

export const SEVERITY_LABELS: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

export const CATEGORY_LABELS: Record<Category, string> = {
  missing: "材料缺漏",
  order: "材料顺序",
  consistency: "前后一致",
  eligibility: "申报条件",
  format: "格式与填写",
  ingest: "文件读取",
};

export const TEXT_SOURCE_LABELS: Record<string, string> = {
  text: "文字层",
  ocr: "图像识别",
  mixed: "文字层+图像识别",
  none: "无文字",
};

/** Heading of the LLM's advisory notes: they never change the verdict. */
export const LLM_ADVICE_TITLE = "大模型提示（仅供参考，不影响结论）";
