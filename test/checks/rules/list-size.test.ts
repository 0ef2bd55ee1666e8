import { describe, expect, it } from "vitest";
import { listSize, splitList } from "../../../src/checks/rules/list-size.js";
import { fakeContext, field, fixtureContext, outcome, place, reportsOf } from "../_support.js";

const options = { key: "applicant.consortium", max: 3, clause: "联合体成员数量不超过3家" };

describe("list-size", () => {
  it("「无」 on the wuhan fixture form is no consortium", async () => {
    expect(outcome(listSize, await fixtureContext("wuhan-vertical-a"), options)).toEqual({ status: "pass" });
  });

  it("hunan-digital-center-j: the three members of the numbered rows are within the centre's limit of 7", async () => {
    const ctx = await fixtureContext("hunan-digital-center-j");
    expect(outcome(listSize, ctx, { ...options, max: 7 })).toEqual({ status: "pass" });
    // Under a limit of 2 the same rows are one name too many: they are read as one list of three.
    expect(outcome(listSize, ctx, { ...options, max: 2 })).toMatchObject({
      status: "fail",
      reports: [
        {
          actual: [
            "长沙星联工程机械有限公司（制造业企业）",
            "湖南麓山工业互联网研究院（科研院所）",
            "湖南湘云数据服务有限公司（服务商）",
          ],
        },
      ],
    });
  });

  it("four members is one too many, reported at the cell", () => {
    const ctx = fakeContext({
      fields: [field("applicant.consortium", "1.武汉甲公司 2.华中乙大学 3.丙研究院 4.丁公司", "d1", { page: 2 })],
    });
    const reports = reportsOf(listSize, ctx, options);
    expect(reports.map((r) => [r.messageId, place(r), (r.actual as string[]).length])).toEqual([
      ["tooMany", "申报书.pdf#2", 4],
    ]);
  });

  it("splits the usual ways of writing a list", () => {
    expect(splitList("甲公司、乙大学；丙研究院")).toEqual(["甲公司", "乙大学", "丙研究院"]);
    expect(splitList("1.甲公司\n2.乙大学")).toEqual(["甲公司", "乙大学"]);
    expect(splitList("1、甲公司 2、乙大学")).toEqual(["甲公司", "乙大学"]);
    expect(outcome(listSize, fakeContext({}), options).status).toBe("not-evaluated");
  });
});
