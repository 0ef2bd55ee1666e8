/** Label matching on its own: the few rules every source relies on. */
import { describe, expect, it } from "vitest";
import { headerYear, labelVariants, matchLabel } from "../../../src/extract/form/label.js";

const m = (text: string, label: string, fuzzy = false) => matchLabel(text, labelVariants(label), fuzzy);

describe("matchLabel", () => {
  it("matches after normalisation: widths, spaces, a trailing colon", () => {
    expect(m("2024 年营业收入 (万元)：", "2024年营业收入（万元）")?.kind).toBe("exact");
    expect(m("统一社会信用代码:", "统一社会信用代码")?.kind).toBe("exact");
  });

  it("reads any year where the label has one", () => {
    expect(m("2025年人工智能营业收入（万元）", "2024年人工智能营业收入（万元）")).toMatchObject({ kind: "exact", year: "2025" });
    expect(m("人工智能营业收入（万元）", "2024年人工智能营业收入（万元）")).toBeNull();
  });

  it("returns the value written after the label in the same cell", () => {
    expect(m("员工总数 203人", "员工总数")).toMatchObject({ kind: "prefix", rest: "203人" });
    expect(m("电话：027-87651234", "电话")).toMatchObject({ kind: "prefix", rest: "027-87651234" });
  });

  it("tolerates one wrong character in an OCR'd label of 4 or more characters, not in shorter ones", () => {
    expect(m("统一社会信朋代码", "统一社会信用代码", true)).toMatchObject({ kind: "exact", errors: 1 });
    expect(m("统一社会信朋代码", "统一社会信用代码", false)).toBeNull();
    expect(m("统二社会信朋代码", "统一社会信用代码", true)).toBeNull();
    expect(m("单位名", "单位名称", true)).toMatchObject({ kind: "exact", errors: 1 });
    expect(m("电活", "电话", true)).toBeNull();
  });

  it("treats a stray OCR character after a label as noise, not as a value", () => {
    expect(m("单位性质生：", "单位性质", true)?.kind).toBe("exact");
    expect(m("单位性质生：", "单位性质", false)?.kind).toBe("prefix");
  });

  it("accepts the label without a trailing bracket note when 4+ characters remain", () => {
    expect(m("联合体成员单位", "联合体成员单位（如有）")?.kind).toBe("exact");
    expect(m("参数量", "参数量（亿）")).toBeNull();
  });
});

describe("headerYear", () => {
  it("reads year column headers", () => {
    expect(headerYear("2024年")).toBe("2024");
    expect(headerYear("2023 年度")).toBe("2023");
    expect(headerYear("2024年营业收入")).toBeUndefined();
  });
});
