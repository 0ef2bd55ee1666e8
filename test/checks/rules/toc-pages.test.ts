import { describe, expect, it } from "vitest";
import { tocPages } from "../../../src/checks/rules/toc-pages.js";
import { fixtureContext, findingsOf, outcome, place } from "../_support.js";

const options = { clause: "申报书 目录（请列明具体目录及页码）" };

describe("toc-pages", () => {
  it("hunan-ai-model-b: every 目录 page number points at the page where its document starts", async () => {
    const ctx = await fixtureContext("hunan-ai-model-b");
    expect(ctx.extraction.toc.some((e) => e.docType === "audit-report" && e.printedPage !== null)).toBe(true);
    expect(outcome(tocPages, ctx, options)).toEqual({ status: "pass" });
  });

  it("a 目录 entry two pages off is reported at the 目录 line and the document's real first page", async () => {
    const ctx = await fixtureContext("hunan-ai-model-b");
    const toc = ctx.extraction.toc.map((e) =>
      e.docType === "audit-report" && e.printedPage !== null ? { ...e, printedPage: e.printedPage + 2 } : e,
    );
    const shifted = { ...ctx, extraction: { ...ctx.extraction, toc } };
    const findings = findingsOf(tocPages, shifted, options, "warning");
    expect(findings).toHaveLength(1);
    const audit = ctx.documents.find((d) => d.type === "audit-report")!;
    expect(findings[0]!.docType).toBe("audit-report");
    expect(findings[0]!.category).toBe("order");
    expect(findings[0]!.actual).toEqual({ page: audit.pages[0] });
    expect(findings[0]!.evidence.map((e) => e.page)).toEqual([2, audit.pages[0]]);
    expect(place(findings[0]!)).toMatch(/#2$/);
  });

  it("a package without a 目录 is not evaluated", async () => {
    const ctx = await fixtureContext("wuhan-vertical-a");
    expect(outcome(tocPages, ctx, options).status).toBe("not-evaluated");
  });
});
