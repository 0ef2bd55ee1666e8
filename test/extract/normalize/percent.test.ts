import { describe, expect, it } from "vitest";
import { parsePercent } from "../../../src/extract/normalize/percent.js";

describe("parsePercent", () => {
  it.each<[string, number]>([
    ["45%", 45],
    ["45.5％", 45.5],
    ["45 %", 45],
    ["４５％", 45],
    ["占50%", 50],
    ["占比 37.5%", 37.5],
    ["约30%", 30],
    ["100%", 100],
    ["0%", 0],
    ["-12.5%", -12.5],
    ["150%", 150],
    ["百分之四十五", 45],
    ["百分之45", 45],
    ["百分之三十三点三", 33.3],
    ["百分之百", 100],
    ["百分之五十", 50],
    ["千分之五", 0.5],
    ["5‰", 0.5],
    ["三成", 30],
  ])("%s → %d", (text, value) => {
    expect(parsePercent(text)).toEqual({ value, raw: text });
  });

  it("reads a bare number as a ratio only when the field is labelled so", () => {
    expect(parsePercent("0.45", { bare: "ratio" })?.value).toBe(45);
    expect(parsePercent("0.455", { bare: "ratio" })?.value).toBe(45.5);
    expect(parsePercent("0.07", { bare: "ratio" })?.value).toBe(7);
    expect(parsePercent("1", { bare: "ratio" })?.value).toBe(100);
    expect(parsePercent("0.45")).toBeNull();
  });

  it("reads a bare number in a （%） column as percent", () => {
    expect(parsePercent("62.3", { bare: "percent" })?.value).toBe(62.3);
    expect(parsePercent("62.3")).toBeNull();
    expect(parsePercent("62.3%", { bare: "ratio" })?.value).toBe(62.3);
  });

  it.each(["", "%", "—", "百分之", "很高", "45%%", "4 5%"])("rejects %j", (text) => {
    expect(parsePercent(text)).toBeNull();
  });
});
