import { describe, expect, it } from "vitest";
import { FieldSink } from "../../../src/extract/fields/amounts-dates.js";
import { emitUscc, findUsccs, repairUscc } from "../../../src/extract/fields/uscc-field.js";
import { units } from "../../../src/extract/fields/amounts-dates.js";
import { linesDoc } from "./helpers.js";

const XIAOMI = "91110108551385082Q";

describe("repairUscc", () => {
  it("accepts a valid code unchanged", () => {
    expect(repairUscc(XIAOMI)).toMatchObject({ code: XIAOMI, valid: true, repaired: false });
  });

  it("repairs O→0 and S→5 in OCR'd text only because the repaired code checks out", () => {
    expect(repairUscc("9111O1O8SS1385082Q", { ocr: true })).toMatchObject({ code: XIAOMI, valid: true, repaired: true });
  });

  it("never repairs typed text: the typo is the applicant's to fix", () => {
    expect(repairUscc("9111O1O8SS1385082Q")).toMatchObject({ code: "9111O1O8SS1385082Q", valid: false, repaired: false });
  });

  it("drops one character OCR inserted when exactly one deletion validates", () => {
    expect(repairUscc("91430104MA4R83N2C6D", { ocr: true })).toMatchObject({ code: "91430104MA4R8N2C6D", valid: true, repaired: true });
  });

  it("leaves a wrong check digit invalid, with the problems", () => {
    const r = repairUscc("91110108551385082R");
    expect(r.valid).toBe(false);
    expect(r.problems.join()).toContain("第18位校验码应为“Q”");
  });

  it("does not swap a legal B for 8 unless that makes the code valid", () => {
    expect(repairUscc("91420100MA4K7Q2X5B", { ocr: true }).code).toBe("91420100MA4K7Q2X5B");
  });
});

describe("findUsccs / emitUscc", () => {
  it("finds a code split by OCR spaces", () => {
    expect(findUsccs("信用代码 9111 0108 5513 8508 2Q")[0]?.code).toBe(XIAOMI);
    expect(findUsccs("信用代码 9111 0108 5513 85O8 2Q", { ocr: true })[0]).toMatchObject({ code: XIAOMI, repaired: true });
  });

  it("emits code and division, confidence 0.3 plus problems when invalid", () => {
    const doc = linesDoc("business-license", ["统一社会信用代码：91110108551385082R"]);
    const sink = new FieldSink("d1", "test");
    emitUscc(sink, units(doc));
    expect(sink.fields.map((f) => [f.key, f.value, f.confidence])).toEqual([
      ["applicant.uscc", "91110108551385082R", 0.3],
      ["applicant.divisionCode", "110108", 0.3],
      ["applicant.uscc.problems", ["第18位校验码应为“Q”，实际为“R”"], 0.3],
    ]);
  });
});

describe("blurred digits (OCR only)", () => {
  it("repairs one 8 read as 3 when both check characters confirm it", () => {
    expect(repairUscc("91430104MA4R3N2C6D", { ocr: true })).toMatchObject({ code: "91430104MA4R8N2C6D", valid: true, repaired: true });
    expect(repairUscc("91430104MA4R3N2C6D").valid).toBe(false);
  });

  it("never moves a wrong final check character into another digit", () => {
    // 腾讯's code with its last character mistyped: changing position 4 would satisfy the mod-31 check alone.
    expect(repairUscc("91440300708461136X", { ocr: true })).toMatchObject({ code: "91440300708461136X", valid: false });
  });
});
