import { describe, expect, it } from "vitest";
import { consortiumPledge } from "../../../src/checks/rules/consortium-pledge.js";
import { doc, DOCX, fakeContext, field, findingsOf, fixtureContext, outcome, place, reportsOf } from "../_support.js";

const options = {
  key: "applicant.consortium",
  clause: "一、真实性承诺（联合申报的，所有申报单位均需提供真实性承诺书）",
};

describe("consortium-pledge", () => {
  it("hunan-digital-center-j: three members listed, only the lead's pledge in the combined PDF → error at the cell", async () => {
    const findings = findingsOf(consortiumPledge, await fixtureContext("hunan-digital-center-j"), options);
    expect(findings.map((f) => [f.severity, f.category, f.docType, f.fieldKeys, f.actual])).toEqual([
      [
        "error",
        "missing",
        "pledge",
        ["applicant.consortium"],
        {
          pledges: 1,
          members: ["长沙星联工程机械有限公司", "湖南麓山工业互联网研究院", "湖南湘云数据服务有限公司"],
        },
      ],
    ]);
    expect(findings[0]!.message).toContain("共需4份真实性承诺书，材料中只找到1份");
    expect(findings[0]!.evidence.map((e) => e.page)).toEqual([4, 3]);
  });

  it("wuhan-vertical-a: 联合体成员单位「无」 passes", async () => {
    expect(outcome(consortiumPledge, await fixtureContext("wuhan-vertical-a"), options)).toEqual({ status: "pass" });
  });

  const members = field("applicant.consortium", "甲科技有限公司（服务商）、乙大学（科研院所）");

  it("one pledge page per unit passes; the Word copies of a stamped pledge do not count twice", () => {
    const enough = fakeContext({
      documents: [doc("p1", "pledge", "pkg/承诺书.pdf", [1, 3])],
      fields: [members],
    });
    expect(outcome(consortiumPledge, enough, options)).toEqual({ status: "pass" });

    const copies = fakeContext({
      documents: [
        doc("w1", "pledge", DOCX, [5, 5]),
        doc("w2", "pledge", DOCX, [6, 6]),
        doc("w3", "pledge", DOCX, [7, 7]),
        doc("p1", "pledge", "pkg/承诺书.pdf", [1, 2]),
      ],
      fields: [members],
    });
    const reports = reportsOf(consortiumPledge, copies, options);
    expect(reports.map((r) => [r.messageId, r.data?.needed, r.data?.found, r.data?.members, place(r)])).toEqual([
      ["tooFew", 3, 2, "甲科技有限公司、乙大学", "申报书.pdf#1"],
    ]);
  });

  it("Word pledges count when nothing stamped exists; not evaluated without the cell", () => {
    const word = fakeContext({
      documents: [doc("w1", "pledge", DOCX, [5, 7])],
      fields: [members],
    });
    expect(outcome(consortiumPledge, word, options)).toEqual({ status: "pass" });
    expect(outcome(consortiumPledge, fakeContext({ documents: [doc("p1", "pledge")] }), options).status).toBe(
      "not-evaluated",
    );
  });
});
