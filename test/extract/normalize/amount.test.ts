import { describe, expect, it } from "vitest";
import { parseAmount } from "../../../src/extract/normalize/amount.js";
import type { AmountUnit } from "../../../src/extract/normalize/amount.js";

describe("parseAmount", () => {
  it.each<[string, number, AmountUnit]>([
    ["12,345.68", 1.234568, "元"],
    ["12 345.68", 1.234568, "元"],
    ["1,234,567.00", 123.4567, "元"],
    ["￥1,234,567.00", 123.4567, "元"],
    ["¥ 1,234,567.00", 123.4567, "元"],
    ["人民币1,234,567.00元", 123.4567, "元"],
    ["RMB 800,000", 80, "元"],
    ["1234567元", 123.4567, "元"],
    ["1.2345亿", 12345, "亿元"],
    ["1.2345亿元", 12345, "亿元"],
    ["3亿元", 30000, "亿元"],
    ["0.5亿", 5000, "亿元"],
    ["500万", 500, "万元"],
    ["500.00万元", 500, "万元"],
    ["500 万元", 500, "万元"],
    ["1,200万元", 1200, "万元"],
    ["1200万元人民币", 1200, "万元"],
    ["320W", 320, "万元"],
    ["850千元", 85, "千元"],
    ["１２３，４５６．７８元", 12.345678, "元"],
    ["0", 0, "元"],
    ["0.01元", 0.000001, "元"],
  ])("%s → %d 万元 written in %s", (text, wan, unit) => {
    expect(parseAmount(text)).toEqual({ wan, raw: text, unit });
  });

  it.each<[string, number, AmountUnit]>([
    ["人民币壹仟贰佰万元整", 1200, "万元"],
    ["壹佰万元整", 100, "万元"],
    ["叁仟肆佰伍拾陆元柒角捌分", 0.345678, "元"],
    ["壹拾贰万叁仟肆佰伍拾陆元整", 12.3456, "元"],
    ["伍拾万元正", 50, "万元"],
    ["伍亿元整", 50000, "亿元"],
    ["壹亿零伍佰万元整", 10500, "万元"],
    ["叁仟元零伍分", 0.300005, "元"],
    ["壹万元零捌角", 1.00008, "元"],
    ["贰佰零伍万零叁佰元整", 205.03, "元"],
    ["大写：人民币叁拾万元整", 30, "万元"],
    ["一百万元", 100, "万元"],
    ["1亿2000万元", 12000, "万元"],
    ["3456元7角8分", 0.345678, "元"],
  ])("Chinese numerals: %s → %d 万元 (%s)", (text, wan, unit) => {
    expect(parseAmount(text)).toEqual({ wan, raw: text, unit });
  });

  it.each<[string, number]>([
    ["(1,234.00)", -1234],
    ["（1,234.00）", -1234],
    ["-1,234.00", -1234],
    ["－56.7", -56.7],
    ["−0.5", -0.5],
  ])("negative %s in a 万元 column → %d", (text, wan) => {
    expect(parseAmount(text, { defaultUnit: "万元" })?.wan).toBe(wan);
  });

  it("reads bare numbers in the column's unit, but an explicit unit wins", () => {
    expect(parseAmount("12,345.68", { defaultUnit: "万元" })).toEqual({
      wan: 12345.68,
      raw: "12,345.68",
      unit: "万元",
    });
    expect(parseAmount("１２３", { defaultUnit: "万元" })?.wan).toBe(123);
    expect(parseAmount("2.5", { defaultUnit: "亿元" })?.wan).toBe(25000);
    expect(parseAmount("8,500", { defaultUnit: "千元" })?.wan).toBe(850);
    expect(parseAmount("1,234,567.00元", { defaultUnit: "万元" })?.wan).toBe(123.4567);
    expect(parseAmount("500万", { defaultUnit: "元" })?.wan).toBe(500);
    expect(parseAmount("伍佰", { defaultUnit: "万元" })?.wan).toBe(500);
  });

  it("keeps 6 decimals of 万元 without float noise", () => {
    expect(parseAmount("1.2345亿")?.wan).toBe(12345);
    expect(parseAmount("0.1万")?.wan).toBe(0.1);
    expect(parseAmount("0.3万元")?.wan).toBe(0.3);
    expect(parseAmount("12,345.6789")?.wan).toBe(1.234568);
    expect(parseAmount("98,765,432,109.87")?.wan).toBe(9876543.210987);
    expect(parseAmount("1.1", { defaultUnit: "万元" })?.wan).toBe(1.1);
  });

  it.each(["—", "-", "/", "", "  ", "——", "--", "无", "／", "N/A"])("%j means no amount", (text) => {
    expect(parseAmount(text)).toBeNull();
  });

  it.each(["1,2345", "2024 1200", "12.34.56", "约五百", "万元", "abc", "(-5)", "壹佰万美元", "1,234,56"])(
    "rejects %j",
    (text) => {
      expect(parseAmount(text)).toBeNull();
    },
  );
});
