import { describe, expect, it } from "vitest";
import { filingNumber } from "../../../src/checks/rules/filing-number.js";
import { fakeContext, field, findingsOf, fixtureContext, outcome, place, reportsOf } from "../_support.js";

const options = { clause: "附件1 备案情况（包括国家网信办模型（算法）备案、省委网信办登记等相关情况）" };
const form = (...values: string[]) =>
  fakeContext({ fields: values.map((v, i) => field("model.filingNumber", v, "d1", { page: 3 + i })) });

describe("filing-number", () => {
  it("wuhan-vertical-c: the form's 网信算备 number has 16 digits, not 21 → one finding for the Word and PDF copies", async () => {
    const findings = findingsOf(filingNumber, await fixtureContext("wuhan-vertical-c"), options, "warning");
    expect(findings.map((f) => [f.severity, f.fieldKeys, f.actual, place(f)])).toEqual([
      ["warning", ["model.filingNumber"], "网信算备4201002412160302", "武汉市垂直行业模型项目申报书.docx#3"],
    ]);
    expect(findings[0]!.message).toContain("网信算备编号应为21位数字，实际为16位");
    expect(findings[0]!.message).toContain("Hubei-YunFanGongZhi-202505120015");
  });

  it.each([
    "网信算备330109830471102220013号",
    "网信算备420100838291501250017",
    "Beijing-XiaoBu-20240101S0001",
    "Hubei-YunFanGongZhi-202505120015",
  ])("%s is well formed", (number) => {
    expect(outcome(filingNumber, form(number), options)).toEqual({ status: "pass" });
  });

  it("a number of no known shape, and an impossible date, are reported with what is wrong", () => {
    const reports = reportsOf(filingNumber, form("BA2024-0302", "Hubei-YunFan-20251399"), options);
    expect(reports.map((r) => [r.actual, place(r)])).toEqual([
      ["BA2024-0302", "申报书.pdf#3"],
      ["Hubei-YunFan-20251399", "申报书.pdf#4"],
    ]);
    expect(String(reports[0]!.data?.problems)).toContain("既不是「网信算备」编号");
    expect(String(reports[1]!.data?.problems)).toContain("20251399");
  });

  it("an OCR copy is not judged when a text-layer copy exists; 无 and absence are not evaluated", () => {
    const ctx = fakeContext({
      fields: [
        field("model.filingNumber", "网信算备330109830471102220013号", "d1", { file: "pkg/a.docx", page: 3 }),
        field("model.filingNumber", "网信算备33010983047110222OO13号", "d2", { page: 3 }),
      ],
      ocrPages: ["pkg/申报书.pdf#3"],
    });
    expect(outcome(filingNumber, ctx, options)).toEqual({ status: "pass" });
    expect(outcome(filingNumber, form("无"), options).status).toBe("not-evaluated");
  });
});
