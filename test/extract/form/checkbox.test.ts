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

const NATURES = ["国有企业", "合资企业", "民营企业", "外资企业", "事业单位", "其他（请注明）"];
const CATEGORIES = ["单模态大模型", "多模态大模型", "任务型模型", "其他（请注明）"];
const YES_NO = ["是", "否"];

describe("readCheckboxes: a choice as people mark it", () => {
  it.each([
    ["√ before", "国有企业 合资企业 √民营企业 外资企业"],
    ["√ in the box's place", "□国有企业 □合资企业 √民营企业 □外资企业"],
    ["✓ and ✔", "☐国有企业 ✓民营企业 ☐外资企业"],
    ["■", "□国有企业 ■民营企业 □外资企业"],
    ["▇", "□国有企业 ▇民营企业 □外资企业"],
    ["█", "□国有企业 █民营企业 □外资企业"],
    ["◼", "□国有企业 ◼民营企业 □外资企业"],
    ["☒ (Word's checked box)", "☐国有企业 ☒民营企业 ☐外资企业"],
    ["[x]", "[ ]国有企业 [x]民营企业 [ ]外资企业"],
    ["[X]", "[ ] 国有企业 [X] 民营企业 [ ] 外资企业"],
    ["[√]", "[ ]国有企业 [√]民营企业"],
    ["(√)", "( )国有企业 (√)民营企业 ( )外资企业"],
    ["（√）", "（ ）国有企业（√）民营企业（ ）外资企业"],
    ["√ written after", "国有企业 合资企业 民营企业√ 外资企业"],
    ["（√） after", "国有企业（ ） 民营企业（√） 外资企业（ ）"],
  ])("ticked with %s", (_, text) => {
    const g = readCheckboxes(text, NATURES);
    expect(g.chosen).toEqual(["民营企业"]);
    expect(g.doubtful).toBeUndefined();
  });

  it("reads 是/否 with the box after or before the option", () => {
    expect(readCheckboxes("是 ☑ 否 ☐", YES_NO).chosen).toEqual(["是"]);
    expect(readCheckboxes("是 ☐ 否 ☑", YES_NO).chosen).toEqual(["否"]);
    expect(readCheckboxes("是（√）否（ ）", YES_NO).chosen).toEqual(["是"]);
    expect(readCheckboxes("☑是 □否", YES_NO).chosen).toEqual(["是"]);
    expect(readCheckboxes("☐是  ☑否", YES_NO).chosen).toEqual(["否"]);
  });

  it("takes a written choice, the others deleted, or written again after the list", () => {
    expect(readCheckboxes("多模态大模型", CATEGORIES).chosen).toEqual(["多模态大模型"]);
    expect(readCheckboxes("  多模态大模型（基于视觉与文本）", CATEGORIES).chosen).toEqual(["多模态大模型"]);
    expect(readCheckboxes("☐多模态大模型", CATEGORIES).chosen).toEqual(["多模态大模型"]);
    expect(readCheckboxes("单模态大模型/多模态大模型/任务型模型：多模态大模型", CATEGORIES).chosen).toEqual(["多模态大模型"]);
    const other = readCheckboxes("其他：工业视觉小模型", CATEGORIES);
    expect(other.chosen).toEqual(["其他"]);
    expect(other.options[0]).toEqual({ label: "其他", checked: true, note: "工业视觉小模型" });
  });

  it("takes the bold, highlighted or underlined option, and what is left when the others are struck out", () => {
    const text = "☐国有企业 ☐合资企业 ☐民营企业 ☐外资企业 ☐事业单位 ☐其他（请注明）";
    expect(readCheckboxes(text, NATURES, undefined, false, [{ text: "☐民营企业", kind: "bold" }]).chosen).toEqual(["民营企业"]);
    expect(readCheckboxes(text, NATURES, undefined, false, [{ text: "民营企业", kind: "highlight" }]).chosen).toEqual(["民营企业"]);
    expect(readCheckboxes(text, NATURES, undefined, false, [{ text: "民营企业 ", kind: "underline" }]).chosen).toEqual(["民营企业"]);
    const struck = ["☐国有企业 ☐合资企业 ", "☐外资企业 ☐事业单位 ☐其他（请注明）"].map((t) => ({ text: t, kind: "strike" as const }));
    expect(readCheckboxes(text, NATURES, undefined, false, struck).chosen).toEqual(["民营企业"]);
    // The whole list in bold singles nothing out; a tick wins over emphasis.
    expect(readCheckboxes(text, NATURES, undefined, false, [{ text, kind: "bold" }]).chosen).toEqual([]);
    expect(readCheckboxes(text.replace("☐国有", "☑国有"), NATURES, undefined, false, [{ text: "民营企业", kind: "bold" }]).chosen).toEqual(["国有企业"]);
  });

  it("reports nothing chosen only when nothing is marked", () => {
    const g = readCheckboxes("☐国有企业 ☐合资企业 ☐民营企业 ☐外资企业 ☐事业单位 ☐其他（请注明）", NATURES);
    expect(g.chosen).toEqual([]);
    expect(g.doubtful).toBeUndefined();
    expect(readCheckboxes("", NATURES)).toMatchObject({ chosen: [], options: [] });
  });

  it("marks doubtful what it cannot read as a choice, without inventing one", () => {
    // × alone: probably a tick, said to be in doubt.
    const crossed = readCheckboxes("☐国有企业 ×民营企业 ☐外资企业", NATURES);
    expect(crossed.chosen).toEqual(["民营企业"]);
    expect(crossed.doubtful).toMatch(/×/);
    // × beside a √: the crosses strike options out.
    const mixed = readCheckboxes("×国有企业 √民营企业 ×外资企业", NATURES);
    expect(mixed.chosen).toEqual(["民营企业"]);
    expect(mixed.doubtful).toBeUndefined();
    // Two options crossed, more than one left: no choice.
    const two = readCheckboxes("×国有企业 ×合资企业 民营企业 外资企业", NATURES);
    expect(two.chosen).toEqual([]);
    expect(two.doubtful).toBeDefined();
    // An answer that is not an option.
    const other = readCheckboxes("股份制企业", NATURES);
    expect(other.chosen).toEqual([]);
    expect(other.doubtful).toMatch(/股份制企业/);
    // Two options bold and two ticked: both kept, for the checks to judge.
    expect(readCheckboxes("☑国有企业 ☑民营企业 ☐外资企业", NATURES).chosen).toEqual(["国有企业", "民营企业"]);
  });

  it("takes several options written as a list, and the one option whose box was taken away", () => {
    const modes = ["APP", "网页", "API接口", "本地部署", "其他"];
    expect(readCheckboxes("网页、API接口、本地部署", modes).chosen).toEqual(["网页", "API接口", "本地部署"]);
    expect(readCheckboxes("开源（模型名称：Qwen2.5-32B）☐商业（模型名称：）☐自研（模型名称：）", ["开源", "商业", "自研"]).chosen).toEqual([
      "开源",
    ]);
    // The whole list printed without boxes and left as it is: nothing chosen.
    expect(readCheckboxes("APP 网页 API接口 本地部署 其他", modes).chosen).toEqual([]);
    // OCR may have lost the other options or the box: there neither reading is a choice.
    expect(readCheckboxes("网页、API接口", modes, undefined, true).chosen).toEqual([]);
  });
});
