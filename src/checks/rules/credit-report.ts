/**
 * What a 信用中国 查询报告 in the package says about the applicant, against the notice's credit conditions
 * (「未列入严重违法失信名单」「近三年无违法违规行为」「正常开展经营活动」): entries on the 严重失信主体名单 or as a
 * 失信被执行人 fail the condition (the pack's level); 行政处罚 and 经营异常名录 records are warnings for a reviewer to
 * weigh (a fine for a late filing is not a 重大违法). Where the notice asks for the state 「至今」, the report's query
 * date must fall in the window the pack gives.
 *
 * Whether the report is there at all is required-document's (Hubei asks for it; the Wuhan notices only state
 * the condition, so a report the applicant adds is judged too); whose report it is, field-equal's
 * (`applicant.name`, `applicant.uscc` read from the report).
 */
import type { Field } from "../../model.js";
import { evidenceOf } from "../_internal/fields.js";
import type { Rule, RuleContext, RuleReport } from "../types.js";

export interface CreditReportOptions {
  /** The notice's credit condition. */
  clause: string;
  /** The window the query date must fall in, when the notice asks for a current report. */
  queried?: { notBefore?: string; notAfter?: string; clause: string; severity?: "warning" | "info" };
}

const DISHONEST = [
  { key: "credit.seriousDishonest", label: "严重失信主体名单" },
  { key: "credit.dishonestDebtor", label: "失信被执行人" },
] as const;
const FOR_REVIEW = [
  { key: "credit.penalties", messageId: "penalties" },
  { key: "credit.abnormal", messageId: "abnormal" },
] as const;

export const creditReport: Rule<CreditReportOptions> = {
  meta: {
    id: "credit-report",
    description: "信用中国查询报告无严重失信记录，行政处罚与经营异常记录提示审核，查询日期符合通知要求",
    category: "eligibility",
    messages: {
      dishonest:
        "信用中国查询报告显示申报单位有{{count}}条「{{list}}」记录（{{where}}）。通知要求：「{{clause}}」。不符合申报条件；如已移出名单或完成信用修复，请提供相关证明。",
      penalties:
        "信用中国查询报告显示申报单位有{{count}}条行政处罚记录（{{where}}）。通知要求：「{{clause}}」。请提供处罚决定书和整改情况说明，由审核人员判断是否属于重大违法违规。",
      abnormal:
        "信用中国查询报告显示申报单位有{{count}}条经营异常名录记录（{{where}}）。通知要求：「{{clause}}」。请说明原因并提供已移出经营异常名录的证明。",
      staleQuery:
        "信用中国查询报告的查询日期为{{date}}，早于{{limit}}（{{where}}）。通知要求：「{{clause}}」。请重新查询并提交最新的信用报告。",
      lateQuery:
        "信用中国查询报告的查询日期为{{date}}，晚于{{limit}}（{{where}}）。通知要求：「{{clause}}」。请核对查询日期。",
      unread:
        "未能从信用中国查询报告中读出严重失信、行政处罚等记录条数（{{where}}）。请人工核对报告内容，或提交清晰完整的报告。",
    },
  },
  check(ctx, options) {
    const reports = ctx.documents.filter((d) => d.type === "credit-report");
    if (reports.length === 0) return { status: "not-evaluated", reason: "材料中没有信用中国查询报告" };
    const ids = new Set(reports.map((d) => d.id));
    const of = (key: string) => ctx.fields(key).filter((f) => ids.has(f.documentId));
    const out: RuleReport[] = [];
    for (const { key, label } of DISHONEST) {
      for (const f of positive(of(key))) out.push(count("dishonest", f, options.clause, { list: label }));
    }
    for (const { key, messageId } of FOR_REVIEW) {
      for (const f of positive(of(key))) out.push({ ...count(messageId, f, options.clause), severity: "warning" });
    }
    if (options.queried) out.push(...queryDate(of("credit.queryDate"), options.queried));
    const read = [...DISHONEST, ...FOR_REVIEW].some(({ key }) => of(key).length > 0);
    if (!read) out.push(unread(ctx, reports[0]!.file, reports[0]!.pages[0]));
    return out.length ? { status: "fail", reports: out } : { status: "pass" };
  },
};

const positive = (fields: Field[]) => fields.filter((f) => typeof f.value === "number" && f.value > 0);

function count(messageId: string, f: Field, clause: string, extra: Record<string, string> = {}): RuleReport {
  return {
    messageId,
    data: { count: f.value as number, clause, ...extra },
    evidence: evidenceOf(f),
    docType: "credit-report",
    fieldKeys: [f.key],
    basis: [f],
    expected: { [f.key]: 0, clause },
    actual: { [f.key]: f.value },
  };
}

function queryDate(fields: Field[], window: NonNullable<CreditReportOptions["queried"]>): RuleReport[] {
  return fields.flatMap((f) => {
    const date = String(f.value);
    const early = window.notBefore !== undefined && date < window.notBefore;
    const late = window.notAfter !== undefined && date > window.notAfter;
    if (!early && !late) return [];
    return [
      {
        messageId: early ? "staleQuery" : "lateQuery",
        data: { date, limit: (early ? window.notBefore : window.notAfter)!, clause: window.clause },
        evidence: evidenceOf(f),
        docType: "credit-report" as const,
        fieldKeys: ["credit.queryDate"],
        basis: [f],
        category: "format" as const,
        expected: { notBefore: window.notBefore, notAfter: window.notAfter, clause: window.clause },
        actual: date,
        ...(window.severity ? { severity: window.severity } : {}),
      },
    ];
  });
}

function unread(ctx: RuleContext, file: string, page: number): RuleReport {
  const doc = ctx.documents.find((d) => d.file === file && d.pages[0] === page);
  return {
    messageId: "unread",
    evidence: [{ file, page, quote: doc?.title ?? "信用报告" }],
    docType: "credit-report",
    severity: "info",
  };
}
