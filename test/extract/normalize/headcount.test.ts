import { describe, expect, it } from "vitest";
import { parseHeadcount } from "../../../src/extract/normalize/headcount.js";

describe("parseHeadcount", () => {
  it.each<[string, number]>([
    ["120人", 120],
    ["120", 120],
    ["１２０人", 120],
    ["员工总数 120 人", 120],
    ["职工总数：86人", 86],
    ["共有员工150名", 150],
    ["在职人数 300 人", 300],
    ["合计45人", 45],
    ["一百二十人", 120],
  ])("%s → total %d", (text, total) => {
    expect(parseHeadcount(text)).toEqual({ total, part: null, percent: null, raw: text, consistent: true });
  });

  it("reads the 总共X人，其中Y人，占Z% sentence from the application forms", () => {
    const text = "总共120人，其中行业技术人才与数字化专业人才60人，占50%";
    expect(parseHeadcount(text)).toEqual({ total: 120, part: 60, percent: 50, raw: text, consistent: true });
  });

  it.each<[string, number, number, number]>([
    ["总共 120 人，其中行业技术人才与数字化专业人才 45 人，占 37.5 %", 120, 45, 37.5],
    ["总共３０人，其中１０人，占３３．３％", 30, 10, 33.3],
    ["共有员工150名，其中研发人员40名，占比26.67%", 150, 40, 26.67],
    ["员工总数200人，其中研发人员58人，研发人员占比29%", 200, 58, 29],
    ["总共30人，其中10人，占33%", 30, 10, 33],
    ["总共30人，其中10人，占34%", 30, 10, 34],
  ])("%s is consistent", (text, total, part, percent) => {
    expect(parseHeadcount(text)).toMatchObject({ total, part, percent, consistent: true });
  });

  it.each([
    "总共30人，其中10人，占30%",
    "总共120人，其中行业技术人才与数字化专业人才60人，占60%",
    "总共 120 人，其中 45 人，占 37 .6%".replace(" .", "."),
    "总共30人，其中40人",
    "总共30人，其中40人，占133%",
    "总共0人，其中0人，占0%",
  ])("%s is inconsistent", (text) => {
    expect(parseHeadcount(text)?.consistent).toBe(false);
  });

  it("keeps what was filled in when the form is partly blank", () => {
    expect(parseHeadcount("总共 80 人，其中行业技术人才与数字化专业人才    人，占  %")).toMatchObject({
      total: 80,
      part: null,
      percent: null,
      consistent: true,
    });
  });

  it.each(["总共    人，其中行业技术人才与数字化专业人才    人，占  %", "", "—", "若干"])("rejects %j", (text) => {
    expect(parseHeadcount(text)).toBeNull();
  });
});
