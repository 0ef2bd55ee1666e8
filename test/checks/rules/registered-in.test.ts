import { describe, expect, it } from "vitest";
import { registeredIn } from "../../../src/checks/rules/registered-in.js";
import { fakeContext, field, fixtureContext, outcome, place, reportsOf } from "../_support.js";

const wuhan = { prefixes: ["4201"], region: "武汉市", clause: "申报主体须是在武汉市境内登记注册" };

describe("registered-in", () => {
  it("the Wuhan applicants (company and 事业单位) are registered in 4201", async () => {
    expect(outcome(registeredIn, await fixtureContext("wuhan-vertical-a"), wuhan)).toEqual({ status: "pass" });
    expect(outcome(registeredIn, await fixtureContext("wuhan-vertical-c"), wuhan)).toEqual({ status: "pass" });
  });

  it("the Changsha applicant (430104) is outside 武汉市, reported at the form's code", async () => {
    const reports = reportsOf(registeredIn, await fixtureContext("hunan-ai-model-b"), wuhan);
    expect(reports.map((r) => [r.messageId, r.actual, place(r)])).toEqual([
      ["outside", "430104", "2025年湖南省人工智能大模型项目申报书（湘江智语）.pdf#4"],
    ]);
  });

  it("is not evaluated when no code passes its checksum", () => {
    expect(
      outcome(registeredIn, fakeContext({ fields: [field("applicant.uscc", "91420100MA4KQ7U39E")] }), wuhan).status,
    ).toBe("not-evaluated");
  });
});
