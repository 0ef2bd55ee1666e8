import { describe, expect, it } from "vitest";
import {
  isValidUscc,
  makeUscc,
  normalizeUscc,
  orgCodeCheckChar,
  parseUscc,
  usccCheckChar,
} from "../../src/extract/fields/uscc.js";

/** Published codes of well-known companies (from their licences / 国家企业信用信息公示系统). */
const REAL = {
  华为技术有限公司: "914403001922038216",
  深圳市腾讯计算机系统有限公司: "91440300708461136T",
  小米科技有限责任公司: "91110108551385082Q",
  百度在线网络技术北京有限公司: "91110000802100433B",
  中国石油天然气股份有限公司: "91110000710925462X",
  贵州茅台酒股份有限公司: "91520000214434146R",
  比亚迪股份有限公司: "91440300192317458F",
  特斯拉上海有限公司: "91310000MA1FL1MMXL",
};

describe("isValidUscc", () => {
  it.each(Object.entries(REAL))("accepts %s", (_name, code) => {
    expect(isValidUscc(code)).toBe(true);
  });

  it("accepts lower case, full-width characters and spaces as typed in forms", () => {
    expect(isValidUscc("91310000ma1fl1mmxl")).toBe(true);
    expect(isValidUscc("９１４４０３００１９２２０３８２１６")).toBe(true);
    expect(isValidUscc("9144 0300 1922 0382 16")).toBe(true);
  });

  it("rejects a changed check character", () => {
    expect(isValidUscc("914403001922038217")).toBe(false);
    expect(isValidUscc("91440300708461136A")).toBe(false);
  });

  it("rejects one changed digit in the body", () => {
    expect(isValidUscc("914403001922038316")).toBe(false);
    expect(isValidUscc("91110108551385083Q")).toBe(false);
  });

  it("rejects two swapped neighbours", () => {
    expect(isValidUscc("914403009122038216")).toBe(false);
  });

  it("rejects wrong lengths and forbidden letters", () => {
    expect(isValidUscc("91440300192203821")).toBe(false);
    expect(isValidUscc("9144030019220382166")).toBe(false);
    expect(isValidUscc("91310000MA1FL1MMOL")).toBe(false);
    expect(isValidUscc("")).toBe(false);
  });
});

describe("check characters", () => {
  it("computes the GB 32100 check character", () => {
    for (const code of Object.values(REAL)) expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it("computes the GB 11714 organisation code check character, including X and 0", () => {
    expect(orgCodeCheckChar("19220382")).toBe("1");
    expect(orgCodeCheckChar("71092546")).toBe("2");
    expect(orgCodeCheckChar("MA1FL1MM")).toBe("X");
    // weighted sum ≡ 0 (mod 11) gives 11 - 0 = 11, written "0"
    expect(orgCodeCheckChar("00000000")).toBe("0");
  });

  it("throws RangeError on malformed input", () => {
    expect(() => usccCheckChar("123")).toThrow(RangeError);
    expect(() => usccCheckChar("9144030019220382I")).toThrow(RangeError);
    expect(() => orgCodeCheckChar("1922038")).toThrow(RangeError);
  });
});

describe("parseUscc", () => {
  it("splits a company code into its parts", () => {
    const p = parseUscc(REAL.华为技术有限公司);
    expect(p).toMatchObject({
      registrationAuthority: "工商",
      orgType: "企业",
      divisionCode: "440300",
      orgCode: "192203821",
      valid: true,
      problems: [],
    });
  });

  it("reads an institution (事业单位) code", () => {
    const code = makeUscc("12", "420100", "77456120");
    const p = parseUscc(code);
    expect(p.valid).toBe(true);
    expect(p.registrationAuthority).toBe("机构编制");
    expect(p.orgType).toBe("事业单位");
    expect(p.divisionCode).toBe("420100");
  });

  it("names the wrong organisation-code check and the wrong final check", () => {
    const p = parseUscc("91310000MA1FL1MM1L");
    expect(p.valid).toBe(false);
    expect(p.problems.some((m) => m.includes("组织机构代码校验位应为“X”"))).toBe(true);
  });

  it("flags an unknown authority and a type that does not belong to it", () => {
    const bad = "Z".concat(REAL.华为技术有限公司.slice(1));
    expect(parseUscc(bad).problems[0]).toContain("第1位字符");
    const wrongType = makeUscc("97", "420100", "12345678");
    const p = parseUscc(wrongType);
    expect(p.valid).toBe(false);
    expect(p.problems[0]).toContain("机构类别代码");
  });

  it("reports the length", () => {
    expect(parseUscc("9142010").problems).toEqual(["长度应为18位，实际为7位"]);
  });
});

describe("makeUscc / normalizeUscc", () => {
  it("builds valid Wuhan and Hunan codes", () => {
    for (const div of ["420100", "420106", "420111", "430100", "430104"]) {
      expect(isValidUscc(makeUscc("91", div, "MA4K3B7C"))).toBe(true);
    }
  });

  it("normalises full-width, spaces and hyphens", () => {
    expect(normalizeUscc(" ９１４２-0100 ab ")).toBe("91420100AB");
  });
});
