import { describe, expect, it } from "vitest";
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

describe("pledge signature line", () => {
  it.each([
    [["法定代表人（签字）：张三", "2025年1月2日"], { "pledge.signed": true, "pledge.signer": "张三", "pledge.date": "2025-01-02" }],
    [["法定代表人（签字）：", "年  月  日"], { "pledge.signed": false, "pledge.date": null }],
    [["法人代表（签名）：            日期：2025年3月1日"], { "pledge.signed": false, "pledge.date": "2025-03-01" }],
  ])("%j", (lines, want) => expect(byKey(extractPledge(linesDoc("pledge", lines)))).toMatchObject(want));
});
