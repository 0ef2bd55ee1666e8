import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { collect } from "../../src/ingest/collect.js";
import { DEFAULT_LIMITS } from "../../src/ingest/context.js";
import { expandArchive, safeEntryPath } from "../../src/ingest/archive.js";

const zipDir = path.resolve(import.meta.dirname, "../../fixtures/zip");
const load = (name: string) => readFile(path.join(zipDir, name));

describe("zip packages", () => {
  it("decodes GBK entry names written without the UTF-8 flag, and expands a nested zip one level", async () => {
    const { members, findings } = await collect([path.join(zipDir, "windows-gbk.zip")], DEFAULT_LIMITS);
    expect(findings).toEqual([]);
    expect(members.map((m) => m.path).sort()).toEqual(
      [
        "windows-gbk.zip/申报材料/武汉市垂直行业模型项目申报书.docx",
        "windows-gbk.zip/申报材料/说明（UTF-8标志）.docx",
        "windows-gbk.zip/申报材料/附件材料.zip/附件/应用证明.pdf",
        "windows-gbk.zip/申报材料/附件材料.zip/附件/承诺书.docx",
      ].sort(),
    );
    const proof = members.find((m) => m.path.endsWith("应用证明.pdf"))!;
    expect(proof.sniffed.kind).toBe("pdf");
  });

  it("refuses ../, absolute, drive-letter and symlink entries and still reads the safe one", async () => {
    const { members, findings } = await expandArchive(await load("zip-slip.zip"), "zip-slip.zip", DEFAULT_LIMITS);
    expect(members.map((m) => m.path)).toEqual(["zip-slip.zip/申报材料/承诺书.docx"]);
    expect(findings.map((f) => f.ruleId).sort()).toEqual([
      "ingest/zip-symlink",
      "ingest/zip-unsafe-path",
      "ingest/zip-unsafe-path",
      "ingest/zip-unsafe-path",
    ]);
    const traversal = findings.find((f) => f.message.includes("../../逃逸.docx"))!;
    expect(traversal.severity).toBe("error");
    expect(traversal.message).toMatch(/不安全.*请将材料放在/);
  });

  it("refuses a zip bomb entry by ratio and reads the real file beside it", async () => {
    const { members, findings } = await expandArchive(await load("zip-bomb.zip"), "zip-bomb.zip", DEFAULT_LIMITS);
    expect(members.map((m) => m.path)).toEqual(["zip-bomb.zip/承诺书.docx"]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.ruleId).toBe("ingest/zip-bomb");
    expect(findings[0]!.message).toContain("zip-bomb.zip/bomb.docx");
  });

  it("stops inflating at the byte limit even when the declared size is within limits", async () => {
    const limits = { ...DEFAULT_LIMITS, maxFileBytes: 10 * 1024 * 1024 };
    const { findings } = await expandArchive(await load("zip-bomb.zip"), "zip-bomb.zip", limits);
    expect(findings.map((f) => f.ruleId)).toEqual(["ingest/zip-bomb"]);
  });

  it("refuses a total uncompressed size over the archive limit", async () => {
    const limits = { ...DEFAULT_LIMITS, maxArchiveBytes: 5000 };
    const { findings } = await expandArchive(await load("windows-gbk.zip"), "w.zip", limits);
    expect(findings.some((f) => f.ruleId === "ingest/zip-bomb" && f.message.includes("总体积"))).toBe(true);
  });

  it("expands a nested zip one level and refuses the third level", async () => {
    const { members, findings } = await collect([path.join(zipDir, "nested-deep.zip")], DEFAULT_LIMITS);
    expect(members.map((m) => m.path)).toEqual(["nested-deep.zip/第二层.zip/第二层.docx"]);
    expect(findings.map((f) => f.ruleId)).toEqual(["ingest/zip-nested-too-deep"]);
    expect(findings[0]!.message).toContain("nested-deep.zip/第二层.zip/第三层.zip");
  });

  it("refuses encrypted entries", async () => {
    const { members, findings } = await expandArchive(await load("encrypted-entry.zip"), "e.zip", DEFAULT_LIMITS);
    expect(members.map((m) => m.path)).toEqual(["e.zip/承诺书.docx"]);
    expect(findings[0]!.ruleId).toBe("ingest/encrypted");
    expect(findings[0]!.message).toContain("加密的申报书.docx");
  });

  it("reports a truncated zip as corrupt instead of throwing", async () => {
    const bytes = await load("windows-gbk.zip");
    const { members, findings } = await expandArchive(bytes.subarray(0, bytes.length - 40), "cut.zip", DEFAULT_LIMITS);
    expect(members).toEqual([]);
    expect(findings.map((f) => f.ruleId)).toEqual(["ingest/corrupt"]);
  });
});

describe("safeEntryPath", () => {
  it.each([
    ["a/b.pdf", "a/b.pdf"],
    ["./a//b.pdf", "a/b.pdf"],
    ["a\\b.pdf", "a/b.pdf"],
    ["../a.pdf", null],
    ["a/../../b.pdf", null],
    ["/etc/passwd", null],
    ["C:\\x.pdf", null],
    ["c:/x.pdf", null],
  ])("%s → %s", (name, expected) => {
    expect(safeEntryPath(name)).toBe(expected);
  });
});
