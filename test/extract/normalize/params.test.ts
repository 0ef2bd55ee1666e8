import { describe, expect, it } from "vitest";
import { parseParams } from "../../../src/extract/normalize/params.js";

describe("parseParams", () => {
  it.each<[string, number]>([
    ["8亿", 8],
    ["8亿以上", 8],
    ["80亿参数", 80],
    ["130亿", 130],
    ["1300亿", 1300],
    ["1,300亿", 1300],
    ["１３０亿", 130],
    ["８亿", 8],
    ["72B", 720],
    ["72b", 720],
    ["7.5B", 75],
    ["0.8B", 8],
    ["6.7B参数", 67],
    ["1.5T", 15000],
    ["1.5万亿", 15000],
    ["700M", 7],
    ["7000万", 0.7],
    ["3千亿", 3000],
    ["175 billion", 1750],
    ["八十亿参数", 80],
    ["一千三百亿", 1300],
    ["七十亿", 70],
    ["十亿参数", 10],
    ["Qwen2.5-72B-Instruct", 720],
    ["参数量约为 70 亿", 70],
  ])("%s → %d 亿", (text, yi) => {
    expect(parseParams(text)).toMatchObject({ yi, values: [yi], raw: text });
  });

  it("returns every count in order and the first as yi", () => {
    expect(parseParams("7B/13B")).toEqual({ yi: 70, values: [70, 130], raw: "7B/13B" });
    expect(parseParams("提供7B、14B、72B三个版本")?.values).toEqual([70, 140, 720]);
    expect(parseParams("约70亿（7B）")?.values).toEqual([70, 70]);
  });

  it("reads a bare number in the column's unit", () => {
    expect(parseParams("130", { defaultUnit: "亿" })?.yi).toBe(130);
    expect(parseParams("7", { defaultUnit: "B" })?.yi).toBe(70);
    expect(parseParams("8000", { defaultUnit: "万" })?.yi).toBe(0.8);
    expect(parseParams("130")).toBeNull();
  });

  it("gives a magnitude without a number as qualitative, with no yi", () => {
    expect(parseParams("参数规模达到千亿级")).toEqual({
      yi: null,
      values: [],
      raw: "参数规模达到千亿级",
      qualitative: { text: "千亿级", atLeastYi: 1000 },
    });
    expect(parseParams("百亿级参数")?.qualitative).toEqual({ text: "百亿级", atLeastYi: 100 });
    expect(parseParams("万亿参数")?.qualitative?.atLeastYi).toBe(10000);
  });

  it("does not read token counts or unrelated numbers as parameters", () => {
    expect(parseParams("训练数据2T tokens")).toBeNull();
    expect(parseParams("3000亿tokens")).toBeNull();
    expect(parseParams("支持128个并发")).toBeNull();
    expect(parseParams("")).toBeNull();
    expect(parseParams("—")).toBeNull();
  });
});
