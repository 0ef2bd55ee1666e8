import { describe, expect, it } from "vitest";
import { listSize, splitList } from "../../../src/checks/rules/list-size.js";
import { fakeContext, field, fixtureContext, outcome, place, reportsOf } from "../_support.js";

const options = { key: "applicant.consortium", max: 3, clause: "联合体成员数量不超过3家" };

describe("list-size", () => {
  it("「无」 on the wuhan fixture form is no consortium", async () => {
    expect(outcome(listSize, await fixtureContext("wuhan-vertical-a"), options)).toEqual({ status: "pass" });
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
