/**
 * Unfilled cells on a real form: the fixture's Word form with cells blanked, left as placeholders or given back
 * their template instructions (fixtures/forms, made by fixtures/generate/unfilled-form.ts), read as DOCX and as
 * its LibreOffice PDF export.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { FormParse, UnfilledReason } from "../../../src/extract/form/types.js";
import { FUNDING_TEXT, UNFILLED_FORM } from "../../../fixtures/generate/unfilled-form.js";
import { ROOT, parseFile, valuesOf } from "./_helpers.js";

const CALL = "wuhan-vertical-model-2025";

const WANT: [string, UnfilledReason][] = [
  ["applicant.address", "blank"],
  ["model.name", "placeholder"],
  ["model.type", "unchecked"],
  ["applicant.intro", "template-instruction"],
  ["model.rdCost", "template-instruction"],
  ["staff.total", "blank"],
  ["project.effect", "template-instruction"],
];

function reasons(p: FormParse): Record<string, UnfilledReason> {
  return Object.fromEntries(p.unfilled.map((u) => [u.key, u.reason]));
}

describe("a form with cells left blank or as the template wrote them", () => {
  const parses: Record<string, FormParse> = {};
  beforeAll(async () => {
    const base = path.join(ROOT, "fixtures/forms", UNFILLED_FORM);
    parses.docx = await parseFile(`${base}.docx`, CALL);
    // Page 1 of the export is the cover; the pledge is not in this form, so every page is the form.
    parses.pdf = await parseFile(`${base}.pdf`, CALL);
  });

  it.each(["docx", "pdf"])("%s: reports each unfilled cell with its reason", (source) => {
    const got = reasons(parses[source]!);
    for (const [key, reason] of WANT) expect.soft(got[key], key).toBe(reason);
  });

  it.each(["docx", "pdf"])("%s: reports nothing for the cells that were filled", (source) => {
    const p = parses[source]!;
    const unfilled = new Set(p.unfilled.map((u) => u.key));
    const wanted = new Set([...WANT.map(([k]) => k), "cover.date"]);
    expect([...unfilled].filter((k) => !wanted.has(k))).toEqual([]);
    const got = valuesOf(p.fields);
    expect(got["applicant.name"]).toBe("武汉云帆智算科技有限公司");
    expect(got["staff.rd"]).toBe(121);
    for (const k of WANT.map(([key]) => key)) expect(got[k], k).toBeUndefined();
  });

  it.each(["docx", "pdf"])("%s: keeps what the applicant wrote after an instruction left in place", (source) => {
    const funding = parses[source]!.fields.find((f) => f.key === "model.rdFunding")!;
    expect(String(funding.value).replace(/\s+/g, "")).toBe(FUNDING_TEXT);
  });

  it("docx: the cover date left as 「____年__月__日」 is a placeholder", () => {
    expect(reasons(parses.docx!)["cover.date"]).toBe("placeholder");
  });

  it("gives evidence for unfilled cells: the label's or the empty value's place", () => {
    for (const u of parses.pdf!.unfilled) {
      expect(u.evidence[0]!.file).toMatch(/未填完\.pdf$/);
      expect(u.evidence[0]!.page).toBeGreaterThanOrEqual(1);
    }
  });
});
