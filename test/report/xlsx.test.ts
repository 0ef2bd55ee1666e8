import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Field } from "../../src/model.js";
import { buildReport } from "../../src/pipeline.js";
import type { Report } from "../../src/report/schema.js";
import { summaryTableFor } from "../../src/report/summary-table/index.js";
import { cellText, trimToSentence } from "../../src/report/summary-table/values.js";
import { MISSING_FILL, writeSummaryWorkbook, writeSummaryXlsx } from "../../src/report/xlsx.js";
import { loadFixture, type FixtureName } from "../checks/_support.js";

const check = async (name: FixtureName) => {
  const { pkg, extraction } = await loadFixture(name);
  return buildReport(pkg, extraction);
};
const rowValues = (sheet: ExcelJS.Worksheet, n: number) =>
  (sheet.getRow(n).values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)));
const withField = (report: Report, field: Partial<Field> & Pick<Field, "key" | "value">): Report => ({
  ...report,
  fields: [
    ...report.fields,
    { raw: String(field.value), documentId: "d0", confidence: 0.9, extractor: "llm:test", evidence: [], ...field },
  ],
});

let dir: string;
let a: Report;
let c: Report;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "shenbao-xlsx-"));
  [a, c] = await Promise.all([check("wuhan-vertical-a"), check("wuhan-vertical-c")]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writeSummaryXlsx", () => {
  it("writes the 附件2 template: title, recommender lines, header row, one filled row per package", async () => {
    // Without model.domain the 申报领域方向 cell cannot be filled.
    const noDomain: Report = { ...c, fields: c.fields.filter((f) => f.key !== "model.domain") };
    const file = path.join(dir, "vertical.xlsx");
    await writeSummaryXlsx([a, noDomain], "wuhan-vertical-model-2025", file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell("A2").value).toBe("XX区垂直行业模型申报推荐表");
    expect(sheet.getCell("A3").value).toBe("推荐单位：（盖章）");
    expect(sheet.getCell("A4").value).toBe("联系人及联系方式：");
    const header = rowValues(sheet, 5);
    expect(header).toEqual([
      "序号",
      "所在区",
      "申报单位名称",
      "模型名称",
      "申报领域方向",
      "垂直行业模型描述（100字左右）",
      "联系人",
      "联系方式",
    ]);
    expect(sheet.rowCount).toBe(7);
    for (const [n, report] of [[6, a] as const, [7, noDomain] as const]) {
      const row = rowValues(sheet, n);
      expect(row[0]).toBe(String(n - 5));
      expect(row[2]).toBe(cellText(report, { kind: "field", keys: ["applicant.name"] }, 1));
      expect(row[2]).not.toBe("");
      expect(row[3]).not.toBe("");
      expect([...row[5]!].length).toBeLessThanOrEqual(121);
    }
    expect(rowValues(sheet, 6)[1]).toBe("东湖新技术开发区");
    expect(rowValues(sheet, 6)[4]).toBe("工业质检");
    const empty = sheet.getRow(7).getCell(5);
    expect(empty.value ?? "").toBe("");
    expect(empty.fill).toEqual(MISSING_FILL);
    expect(sheet.getRow(6).getCell(3).fill).not.toEqual(MISSING_FILL);
    expect(sheet.getColumn(6).width).toBeGreaterThan(30);
    expect(sheet.getRow(6).getCell(6).alignment?.wrapText).toBe(true);
  });

  it("the batch workbook has one sheet per notice template", async () => {
    const hunan = await check("hunan-ai-model-b");
    const file = path.join(dir, "all.xlsx");
    expect(await writeSummaryWorkbook([a, hunan, c], file)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["垂直行业模型", "项目推荐汇总表"]);
    const sheet = workbook.getWorksheet("项目推荐汇总表")!;
    expect(rowValues(sheet, 4)).toEqual(
      summaryTableFor("hunan-ai-model-2025")!.sections[0]!.columns.map((col) => col.header),
    );
    expect(rowValues(sheet, 5)).toEqual([
      "1",
      "湖南湘江智语科技有限公司",
      "湘智工程机械运维大模型",
      "工程机械",
      "长沙市",
      "岳麓区",
      "罗俊峰 18673125506",
      "人工智能大模型",
      "垂直领域",
    ]);
    expect(await writeSummaryWorkbook([{ ...a, call: null }], path.join(dir, "none.xlsx"))).toBe(false);
  });

  it("leaves a column that does not apply to the call empty but not highlighted (子方向 of a 促进中心)", async () => {
    const hunan = await check("hunan-ai-model-b");
    const center: Report = {
      ...hunan,
      call: { id: "hunan-digital-center-2025", title: "湖南省制造业数字化转型促进中心" },
      fields: hunan.fields.filter((f) => f.key !== "model.type"),
    };
    const file = path.join(dir, "center.xlsx");
    await writeSummaryXlsx([hunan, center], "hunan-digital-center-2025", file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const row = workbook.worksheets[0]!.getRow(5);
    expect(row.getCell(8).value).toBe("制造业数字化转型促进中心");
    expect(row.getCell(9).value ?? "").toBe("");
    expect(row.getCell(9).fill).not.toEqual(MISSING_FILL);
  });

  it("rejects a call without a template", async () => {
    await expect(writeSummaryXlsx([a], "no-such-call", path.join(dir, "x.xlsx"))).rejects.toThrow(RangeError);
  });
});

describe("summary-table cells", () => {
  const description = { kind: "description", keys: ["project.overview"] } as const;
  const district = { kind: "place", level: "wuhan-district" } as const;

  it("prefers the LLM stage's description over the form's own text", () => {
    const llm = {
      used: true as const,
      model: "qwen",
      calls: 1,
      tokens: 100,
      summary: { description: "大模型写的摘要。", abstract: "摘要" },
    };
    expect(cellText({ ...a, stages: { ...a.stages, llm } }, description, 1)).toBe("大模型写的摘要。");
    expect(cellText(a, description, 1)).not.toBe("大模型写的摘要。");
  });

  it("maps Wuhan division codes to districts", () => {
    const dropped = new Set(["applicant.address", "cover.address", "applicant.divisionCode"]);
    const moved = { ...a, fields: a.fields.filter((f) => !dropped.has(f.key)) };
    expect(
      cellText(
        withField(moved, { key: "applicant.divisionCode", value: "420102", extractor: "rule:form" }),
        district,
        1,
      ),
    ).toBe("江岸区");
    expect(cellText(moved, district, 1)).toBeNull();
  });

  it("trims at a sentence end near 100 characters", () => {
    const s = "一".repeat(70) + "。" + "二".repeat(50) + "。" + "三".repeat(30) + "。";
    expect(trimToSentence(s, 100)).toBe("一".repeat(70) + "。");
    expect(trimToSentence("一".repeat(50) + "。" + "二".repeat(50) + "。" + "三".repeat(30), 100)).toBe(
      "一".repeat(50) + "。" + "二".repeat(50) + "。",
    );
    expect(trimToSentence("短句。", 100)).toBe("短句。");
    expect(trimToSentence("长".repeat(300), 100)).toBe("长".repeat(100) + "…");
  });
});
