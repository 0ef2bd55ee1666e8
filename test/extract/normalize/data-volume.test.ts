import { describe, expect, it } from "vitest";
import { findDataVolumes, parseDataVolume } from "../../../src/extract/normalize/data-volume.js";

describe("parseDataVolume", () => {
  it.each<[string, number]>([
    ["1.5TB", 1.5],
    ["1.5 TB", 1.5],
    ["10T", 10],
    ["10 t", 10],
    ["2PB", 2048],
    ["0.5P", 512],
    ["500GB", 0.48828125],
    ["512G", 0.5],
    ["1,024GB", 1],
    ["2 TiB", 2],
    ["1048576MB", 1],
    ["１０ＴＢ", 10],
    ["约 3.2 TB", 3.2],
    ["1EB", 1048576],
    ["12T字节", 12],
  ])("%s → %d TB", (text, tb) => {
    expect(parseDataVolume(text)).toEqual({ kind: "bytes", tb, raw: text });
  });

  it.each<[string, number]>([
    ["2万亿tokens", 2e12],
    ["1.8万亿 Token", 1.8e12],
    ["3000亿token", 3e11],
    ["15T tokens", 15e12],
    ["500B tokens", 5e11],
    ["五千亿tokens", 5e11],
    ["1.2万亿个token", 1.2e12],
    ["8000亿词元", 8e11],
  ])("%s is a token count of %d, not bytes", (text, tokens) => {
    expect(parseDataVolume(text)).toEqual({ kind: "tokens", tokens, raw: text });
  });

  it("reads a bare number in the column's unit", () => {
    expect(parseDataVolume("12", { defaultUnit: "TB" })).toEqual({ kind: "bytes", tb: 12, raw: "12" });
    expect(parseDataVolume("2048", { defaultUnit: "GB" })).toMatchObject({ kind: "bytes", tb: 2 });
    expect(parseDataVolume("1.5", { defaultUnit: "PB" })).toMatchObject({ kind: "bytes", tb: 1536 });
    expect(parseDataVolume("12")).toBeNull();
  });

  it.each(["", "—", "大量数据", "TB", "128K上下文窗口"])("rejects %j", (text) => {
    expect(parseDataVolume(text)).toBeNull();
  });
});

describe("findDataVolumes", () => {
  it("lists each modality's volume and tokens in order, with offsets", () => {
    const text = "文本1.2TB、图像800GB，约3000亿tokens";
    const found = findDataVolumes(text);
    expect(found.map((f) => f.volume)).toEqual([
      { kind: "bytes", tb: 1.2, raw: "1.2TB" },
      { kind: "bytes", tb: 0.78125, raw: "800GB" },
      { kind: "tokens", tokens: 3e11, raw: "3000亿tokens" },
    ]);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.volume.raw);
  });
});
