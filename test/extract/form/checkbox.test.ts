/** Checkbox cells as the three sources write them. */
import { describe, expect, it } from "vitest";
import { readCheckboxes } from "../../../src/extract/form/checkbox.js";

const SERVICE = ["APP", "网页", "API接口", "其他（请注明）"];

describe("readCheckboxes", () => {
  it("reads Word's and PDF's ☑/☐ and keeps 口 inside API接口 a letter", () => {
    expect(readCheckboxes("☐APP ☑网页☑API接口☐其他（请注明）", SERVICE).chosen).toEqual(["网页", "API接口"]);
    expect(readCheckboxes("口APP 口网页 ☑API接口 口其他（请注明）", SERVICE, undefined, true).chosen).toEqual(["API接口"]);
  });

  it("takes the note written after 其他", () => {
    const g = readCheckboxes("☐APP ☐网页 ☐API接口 ☑其他（请注明）：小程序", SERVICE);
    expect(g.chosen).toEqual(["其他"]);
    expect(g.options.at(-1)).toEqual({ label: "其他", checked: true, note: "小程序" });
  });

  it("finds options people reordered and the shortened form of a long option", () => {
    const g = readCheckboxes("是（☑省级  ☐国家级  ☐重点小巨人）  ☐否", ["是", "重点小巨人", "国家级", "省级", "否"]);
    expect(g.chosen).toEqual(["省级"]);
    expect(readCheckboxes("☑工业制造 ☐工业质检", ["工业制造（含电子信息制造等）", "工业质检"]).chosen).toEqual(["工业制造"]);
  });

  it("reads what OCR makes of a ticked box when the empty ones are 口", () => {
    expect(readCheckboxes("口语言大模型口视觉大模型名多模态大模型口其他（请注明）", ["语言大模型", "视觉大模型", "多模态大模型", "其他（请注明）"], undefined, true).chosen).toEqual(["多模态大模型"]);
  });
});
