import { describe, expect, it } from "vitest";
import {
  chineseNumeralToNumber,
  countChars,
  locateQuote,
  normalizeForMatch,
  toHalfWidth,
} from "../../../src/extract/normalize/text.js";

describe("toHalfWidth", () => {
  it("folds full-width digits, letters and ASCII punctuation, one unit for one", () => {
    expect(toHalfWidth("１２３ＡＢｃ")).toBe("123ABc");
    expect(toHalfWidth("（万元）：％，；")).toBe("(万元):%,;");
    expect(toHalfWidth("￥１，２００．５０")).toBe("¥1,200.50");
    expect(toHalfWidth("申报\u3000单位")).toBe("申报 单位");
    expect(toHalfWidth("《申报书》。、「」—")).toBe("《申报书》。、「」—");
  });
});

describe("normalizeForMatch", () => {
  it("gives a quote and the page text the same key despite spaces, width and punctuation", () => {
    const page = "“人工智能＋制造” 专项行动 — 2025年１０月。";
    const quote = '"人工智能+制造"专项行动-2025年10月.';
    expect(normalizeForMatch(page)).toBe(normalizeForMatch(quote));
    expect(normalizeForMatch(page)).toBe('"人工智能+制造"专项行动-2025年10月.');
  });

  it("drops zero-width characters and unifies brackets and letter case", () => {
    expect(normalizeForMatch("【ＡＩ】\u200b模型 《目录》")).toBe("[ai]模型<目录>");
    expect(normalizeForMatch("武汉\n  某某\t科技")).toBe("武汉某某科技");
  });
});

describe("locateQuote", () => {
  it("maps a match back to the original offsets", () => {
    const page = "申报单位：武汉  某某科技有限公司。\n成立于 2018 年";
    const at = locateQuote(page, "武汉某某科技有限公司");
    expect(at).toEqual({ start: 5, end: 17 });
    expect(page.slice(at!.start, at!.end)).toBe("武汉  某某科技有限公司");
    expect(locateQuote(page, "成立于２０１８年")).toEqual({ start: 19, end: 29 });
    expect(locateQuote("“人工智能＋制造”专项", '"人工智能+制造"')).toEqual({ start: 0, end: 9 });
  });

  it("returns null when the quote is not there", () => {
    expect(locateQuote("申报单位：武汉某某科技有限公司", "北京某某科技有限公司")).toBeNull();
    expect(locateQuote("申报单位", "  ")).toBeNull();
  });
});

describe("countChars", () => {
  it.each<[string, number]>([
    ["申报书", 3],
    ["申报书 Hello, 世界！", 12],
    ["第一章\n  项目概述\r\n", 7],
    ["2025年　ok", 7],
    ["Qwen2.5-72B", 11],
    ["（一）基本情况；", 8],
    ["𠀀字", 2],
    ["e\u0301", 1],
    ["\u200b\ufeff", 0],
    ["", 0],
  ])("%j counts %d", (text, n) => {
    expect(countChars(text)).toBe(n);
  });
});

describe("chineseNumeralToNumber", () => {
  it.each<[string, number]>([
    ["一千二百三十四", 1234],
    ["壹仟贰佰叁拾肆", 1234],
    ["壹佰万", 1_000_000],
    ["壹仟贰佰万", 12_000_000],
    ["一千二百三十四万五千六百七十八", 12_345_678],
    ["一亿零五百万", 105_000_000],
    ["一万亿", 1e12],
    ["十", 10],
    ["十五", 15],
    ["二十", 20],
    ["一百一十", 110],
    ["一千零五", 1005],
    ["两千", 2000],
    ["一万五", 15_000],
    ["三千五", 3500],
    ["三点五", 3.5],
    ["一点五亿", 150_000_000],
    ["二〇二五", 2025],
    ["二零二四", 2024],
    ["零", 0],
    ["1亿2000万", 120_000_000],
    ["3000亿", 300_000_000_000],
    ["１２３", 123],
  ])("%s → %d", (text, n) => {
    expect(chineseNumeralToNumber(text)).toBe(n);
  });

  it.each(["", "百", "二二十", "abc", "一万万", "元"])("rejects %j", (text) => {
    expect(chineseNumeralToNumber(text)).toBeNull();
  });
});
