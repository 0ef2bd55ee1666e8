import { describe, expect, it } from "vitest";
import { amount, amountTokens } from "../../../src/extract/fields/amounts-dates.js";
import { extractAuditReport } from "../../../src/extract/fields/audit-report.js";
import { parseFilingNumber } from "../../../src/extract/fields/filing.js";
import { extractPledge } from "../../../src/extract/fields/pledge.js";
import { extractTaxReturn } from "../../../src/extract/fields/tax-return.js";
import { byKey, linesDoc } from "./helpers.js";

describe("parseFilingNumber", () => {
  it("accepts the published 21-digit 网信算备 format and reads its parts", () => {
    expect(parseFilingNumber("网信算备330109830471102220013号")).toMatchObject({
      number: "网信算备330109830471102220013号", kind: "algorithm", valid: true, divisionCode: "330109", year: 22,
    });
  });

  it("keeps a short number but flags it", () => {
    const f = parseFilingNumber("网信算备4201002504081701")!;
    expect(f.valid).toBe(false);
    expect(f.problems[0]).toContain("21位");
  });

  it("reads 生成式人工智能 备案 and 登记 numbers, and rejects an impossible date", () => {
    expect(parseFilingNumber("Beijing-XiaoBu-20240101S0001")).toMatchObject({ kind: "generative-ai", valid: true });
    expect(parseFilingNumber("ZheJiang-TongYiQianWen-20230901")?.valid).toBe(true);
    expect(parseFilingNumber("Hubei-YunFan-20241399S0001")?.valid).toBe(false);
    expect(parseFilingNumber("Acme-Widget-20240101")).toBeNull();
    expect(parseFilingNumber("备案号待定")).toBeNull();
  });
});

describe("audit opinion types", () => {
  const opinion = (lines: string[]) => byKey(extractAuditReport(linesDoc("audit-report", lines)))["audit.opinion"];
  it.each([
    [["一、审计意见", "我们认为，后附的财务报表在所有重大方面公允反映了…"], "标准无保留意见"],
    [["一、审计意见", "我们认为…公允反映了…", "三、强调事项", "我们提醒财务报表使用者关注…"], "带强调事项段的无保留意见"],
    [["一、保留意见", "二、形成保留意见的基础", "如果披露不充分，我们应当发表非无保留意见。"], "保留意见"],
    [["一、否定意见", "二、形成否定意见的基础"], "否定意见"],
    [["一、无法表示意见", "我们不对后附的贵公司财务报表发表审计意见。"], "无法表示意见"],
  ])("%j → %s", (lines, want) => expect(opinion(lines)).toBe(want));

  it("reads report numbers with [ ] and 【 】 brackets into 〔 〕", () => {
    const got = byKey(extractAuditReport(linesDoc("audit-report", ["众环审字[2025] 第 0123 号", "一、审计意见"])));
    expect(got["audit.reportNo"]).toBe("众环审字〔2025〕第0123号");
  });
});

describe("tax return rows from a plain text layer", () => {
  it("takes 行次 at row start and the amount at row end, in the stated unit", () => {
    const doc = linesDoc("tax-return-a100000", [
      "税款所属期间：2023年01月01日至2023年12月31日  金额单位：万元",
      "1 利润总额计算 一、营业收入（填写A101010\\101020\\103000） 5,236.84",
      "13 三、利润总额（10+11-12） 534.30",
      "24 税率（25%） 25%",
    ]);
    expect(byKey(extractTaxReturn(doc))).toMatchObject({
      "tax.year": "2023", "tax.a100000.line1": 5236.84, "finance.revenue.2023": 5236.84, "tax.a100000.line13": 534.3,
    });
  });
});

describe("statements and tax returns as OCR reads a poor scan", () => {
  const ocr = { source: "ocr" as const, confidence: 0.8 };
  const audit = (lines: string[], extra = ocr) => byKey(extractAuditReport(linesDoc("audit-report", lines, extra)));

  it("reads amounts whose separators OCR swapped, and nothing else as one", () => {
    expect(["1.876,500.00", "17.864.200.00", "73,186,200,00", "(1.203,000.00)", "1876,500.00", "38,056,.824.00"].map((t) => amount(t)?.wan))
      .toEqual([187.65, 1786.42, 7318.62, -120.3, 187.65, 3805.6824]);
    expect(amountTokens("五、1 24 758.580.00").map((t) => t.raw)).toEqual(["758.580.00"]);
    expect(amountTokens("5 123,456.00 12.50 2024.01.01").map((t) => t.raw)).toEqual(["123,456.00", "12.50"]);
  });

  it("takes a label with one misread character for its nearest statement label only", () => {
    const got = audit([
      "我们审计了甲公司财务报表，包括2024年12", "月31日的资产负债表", "项目 附注 本期金额 上期金额",
      "一营 M 收入 五25 | 73.186,200.00 52.368,400.00", "研发赏用 亚8 17.864.200.00 12,653,000.00",
      "四、洗利润 8,124,500.00 4,862,100.00", "营业外收入 1,000.00 900.00",
    ]);
    expect(got).toMatchObject({
      "audit.year": "2024", "finance.revenue.2024": 7318.62, "finance.rdExpense.2024": 1786.42, "finance.netProfit.2024": 812.45,
    });
  });

  it("does not take 营业外收入 for 营业收入, nor bend labels read from a text layer", () => {
    const lines = ["2024年度的利润表", "项目 本期金额 上期金额", "营业外收入 1,000.00 900.00", "研发赏用 17,864,200.00 12,653,000.00"];
    expect(audit(lines)["finance.revenue.2024"]).toBeUndefined();
    expect(audit(lines, { source: "text" as never, confidence: 1 })["finance.rdExpense.2024"]).toBeUndefined();
  });

  it("reads the audited year from the statements' header when the opinion does not state it", () => {
    expect(audit(["编制单位：甲公司 2024年12月31日 单位：元", "资产总计 112,539,000.00 84,263,700.00"])).toMatchObject({
      "audit.year": "2024", "finance.totalAssets.2024": 11253.9,
    });
  });

  it("repairs 审字 in a scanned report number, and only there", () => {
    expect(audit(["鄂华信审孙 [2025] 第0316号"])["audit.reportNo"]).toBe("鄂华信审字〔2025〕第0316号");
    expect(audit(["天健审〔2025〕1234号"])["audit.reportNo"]).toBe("天健审〔2025〕1234号");
  });

  it("reads A100000 rows whose 行次 OCR glued to the text, and skips the 税率 row", () => {
    const doc = linesDoc("tax-return-a100000", [
      "税款所属期间：2024年01月01日至2024年12月31日", "金额单位：人民币元",
      "1利润总额计算一、营业收入（填写 A101010\\101020\\103000） 73,186,200.00",
      "19应纳税所得额 | 四、纳税调整后所得 -9.084,800.00", "24应纳税所得额 | 税率（259%6） 2506",
    ], ocr);
    const got = byKey(extractTaxReturn(doc));
    expect(got).toMatchObject({ "tax.a100000.line1": 7318.62, "finance.revenue.2024": 7318.62, "tax.a100000.line19": -908.48 });
    expect(got["tax.a100000.line24"]).toBeUndefined();
  });

  it("places an A100000 row whose 行次 OCR could not read by its item, not by its 类别", () => {
    const doc = linesDoc("tax-return-a100000", [
      "金额单位：人民币元",
      "目利润总额计算 | 减：营业成本（填写 A102010\\102020\\103000） 38,056,824.00",
      "应纳税所得额 | 五、应纳税所得额（19-20-21-22） 0.00",
      "利润总额计算 | 营业外收入说明 12.00",
    ], ocr);
    const got = extractTaxReturn(doc);
    expect(byKey(got)).toEqual({ "tax.a100000.line2": 3805.6824, "tax.a100000.line23": 0 });
    expect(got.every((f) => f.confidence < 1)).toBe(true);
  });
});

describe("pledge signature line", () => {
  it.each([
    [["法定代表人（签字）：张三", "2025年1月2日"], { "pledge.signed": true, "pledge.signer": "张三", "pledge.date": "2025-01-02" }],
    [["法定代表人（签字）：", "年  月  日"], { "pledge.signed": false, "pledge.date": null }],
    [["法人代表（签名）：            日期：2025年3月1日"], { "pledge.signed": false, "pledge.date": "2025-03-01" }],
  ])("%j", (lines, want) => expect(byKey(extractPledge(linesDoc("pledge", lines)))).toMatchObject(want));
});
