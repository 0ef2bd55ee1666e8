import { describe, expect, it } from "vitest";
import { BATCH_RULES } from "../../src/checks/batch.js";
import { CALL_PACKS, packFor } from "../../src/checks/calls/index.js";
import { runChecks } from "../../src/checks/engine.js";
import { RULES } from "../../src/checks/rules/index.js";
import { CALL_IDS } from "../../src/extract/types.js";
import { DOC_TYPES } from "../../src/model.js";
import { doc, fakeContext, field } from "./_support.js";

describe("call packs", () => {
  it("there is one pack per call id, under its own id", () => {
    expect(Object.keys(CALL_PACKS).sort()).toEqual([...CALL_IDS].sort());
    for (const [id, pack] of Object.entries(CALL_PACKS)) expect(pack.callId).toBe(id);
    expect(packFor("no-such-call")).toBeNull();
    expect(packFor(undefined)).toBeNull();
  });

  it.each(Object.values(CALL_PACKS).map((p) => [p.callId, p] as const))(
    "%s: rules exist, every document cites its clause",
    (_, pack) => {
      for (const id of Object.keys(pack.rules)) expect(RULES[id], id).toBeDefined();
      for (const id of Object.keys(pack.batch ?? {})) expect(BATCH_RULES[id], id).toBeDefined();
      expect(pack.documents.some((d) => d.docTypes.includes("application-form"))).toBe(true);
      for (const d of pack.documents) {
        expect(d.clause.length, d.name).toBeGreaterThan(4);
        for (const t of d.docTypes) expect(DOC_TYPES).toContain(t);
      }
    },
  );

  it.each(Object.values(CALL_PACKS).map((p) => [p.callId, p] as const))(
    "%s: runs over a package that has only a form",
    (_, pack) => {
      const ctx = fakeContext(
        { documents: [doc("d1", "application-form")], fields: [field("applicant.uscc", "91420100MA4KQ7U39D")] },
        pack,
      );
      const result = runChecks(ctx);
      expect(result.findings.some((f) => f.ruleId === "required-document" && f.severity === "error")).toBe(true);
      expect(result.rejected).toBe(true);
    },
  );
});
