import { describe, expect, it } from "vitest";
import { findPhones, parsePhone } from "../../../src/extract/normalize/phone.js";

describe("parsePhone", () => {
  it.each([
    "13812345678",
    "138 1234 5678",
    "138-1234-5678",
    "1381234 5678",
    "+86 138 1234 5678",
    "+86-13812345678",
    "+8613812345678",
    "008613812345678",
    "(+86)13812345678",
    "（+86）138 1234 5678",
    "１３８１２３４５６７８",
    "手机：13812345678",
  ])("%s is mobile 13812345678", (text) => {
    expect(parsePhone(text)).toEqual({ kind: "mobile", normalized: "13812345678", e164: "+8613812345678", raw: text });
  });

  it.each([
    "027-85317019",
    "(027)85317019",
    "（027）85317019",
    "(027) 8531-7019",
    "027 8531 7019",
    "027-8531-7019",
    "02785317019",
    "027—85317019",
    "０２７－８５３１７０１９",
    "+86 27 8531 7019",
    "+86-27-85317019",
  ])("%s is landline 027-85317019", (text) => {
    expect(parsePhone(text)).toEqual({
      kind: "landline",
      normalized: "027-85317019",
      e164: "+862785317019",
      raw: text,
    });
  });

  it.each<[string, string, string]>([
    ["010-62751234", "010-62751234", "+861062751234"],
    ["0755-2345678", "0755-2345678", "+867552345678"],
    ["0731-88881234", "0731-88881234", "+8673188881234"],
    ["027-85317019转8012", "027-85317019转8012", "+862785317019"],
    ["027-85317019-8012", "027-85317019转8012", "+862785317019"],
  ])("%s → %s", (text, normalized, e164) => {
    expect(parsePhone(text)).toEqual({ kind: "landline", normalized, e164, raw: text });
  });

  it.each<[string, string]>([
    ["85317019", "85317019"],
    ["8531 7019", "85317019"],
    ["8531-7019", "85317019"],
    ["6275123", "6275123"],
  ])("%s is a local number without area code", (text, normalized) => {
    expect(parsePhone(text)).toEqual({ kind: "local", normalized, raw: text });
  });

  it.each([
    ["400-820-8820", "400-820-8820"],
    ["4008208820", "400-820-8820"],
    ["800 810 8888", "800-810-8888"],
  ])("%s is a service number", (text, normalized) => {
    expect(parsePhone(text)).toEqual({ kind: "service", normalized, raw: text });
  });

  it("takes the first of several numbers in one cell", () => {
    expect(parsePhone("027-85317019/13812345678")?.normalized).toBe("027-85317019");
    expect(parsePhone("13812345678、13987654321")?.normalized).toBe("13812345678");
  });

  it.each([
    "12345678901",
    "1381234567",
    "138123456789",
    "010-12345678",
    "0271234567",
    "914201007483077429",
    "420106199001011234",
    "",
    "—",
  ])("rejects %j", (text) => {
    expect(parsePhone(text)).toBeNull();
  });
});

describe("findPhones", () => {
  it("finds mobiles and landlines in running text with offsets, skipping other digit runs", () => {
    const text = "联系人：张三，电话13812345678，办公027-85317019；金额12345678元，日期20251014";
    const found = findPhones(text);
    expect(found.map((p) => [p.kind, p.normalized])).toEqual([
      ["mobile", "13812345678"],
      ["landline", "027-85317019"],
    ]);
    for (const p of found) expect(text.slice(p.start, p.end)).toBe(p.raw);
  });

  it("reports bare local numbers only when asked", () => {
    expect(findPhones("办公电话 85317019")).toEqual([]);
    expect(findPhones("办公电话 85317019", { includeLocal: true })).toEqual([
      { kind: "local", normalized: "85317019", raw: "85317019", start: 5, end: 13 },
    ]);
  });
});
