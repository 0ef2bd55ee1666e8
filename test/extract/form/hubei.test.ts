/**
 * A Hubei 工业模型 form written with the docx library the fixtures use (one page, no cover break), half filled
 * in: the numbered 「1.项目概述」 sections under 「（五）…报告」, values in units other than the label's, template
 * text left in cells, read after a real ingest.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import { beforeAll, describe, expect, it } from "vitest";
import { FORM_SPECS } from "../../../src/extract/form/calls/index.js";
import type { FormParse } from "../../../src/extract/form/types.js";
import { parseFile, valuesOf } from "./_helpers.js";

const CALL = "hubei-industrial-model-2026";
const spec = FORM_SPECS[CALL];
const instructionOf = (key: string) => [...spec.fields, ...spec.sections].find((f) => f.key === key)!.instruction!;

const cell = (text: string, span?: number) => new TableCell({ columnSpan: span, children: [new Paragraph({ children: [new TextRun(text)] })] });
const para = (text: string) => new Paragraph({ children: [new TextRun(text)] });

async function hubeiForm(): Promise<string> {
  const rows: [string, string][] = [
    ["单位名称", ""],
    ["统一社会信用代码", "91420100MA4KQ7U39D"],
    ["单位地址", "____"],
    ["单位性质", "☐国有企业 ☐合资企业 ☑民营企业 ☐外资企业 ☐事业单位 ☐其他（请注明）"],
    ["单位情况介绍", instructionOf("applicant.intro")],
    ["工业模型名称", "楚天工业大模型"],
    ["2025 年度模型研发成本 (万元)", `1,250.5万元${instructionOf("model.rdCost")}`],
    ["模型服务方式", "☑APP ☐网页 ☑API接口 ☐其他 (请注明)"],
  ];
  const table = new Table({
    rows: [
      ...rows.map(([label, value]) => new TableRow({ children: [cell(label), cell(value, 3)] })),
      new TableRow({ children: [cell("模型指标"), cell("参数量 (亿)"), cell("7B"), cell("训练数据量 (TB)")] }),
      new TableRow({ children: [cell("单位经营情况"), cell("2025年营业收入 (万元)"), cell("1.2亿元"), cell("")] }),
    ],
  });
  const doc = new Document({
    sections: [
      {
        children: [
          para("湖北省工业领域专用模型项目申报书"),
          para("申报单位 ______ (加盖公章)"),
          para("模型类别 多模态大模型"),
          table,
          para("（五）工业模型研发情况报告"),
          para(`1.项目概述。${instructionOf("project.overview")}`),
          para("本项目2024年立项。"),
          para(`2.技术创新。${instructionOf("project.innovation")}`),
          para("3.应用成效"),
          para("已在5家企业应用。"),
          para("（六）申报单位是否出现违法违规行为和重大问题的相关证明材料"),
          para("见附件。"),
        ],
      },
    ],
  });
  const file = path.join(await mkdtemp(path.join(tmpdir(), "shenbao-hubei-")), "湖北申报书.docx");
  await writeFile(file, await Packer.toBuffer(doc));
  return file;
}

describe("hubei-industrial-model-2026 form, half filled in", () => {
  let parse: FormParse;
  beforeAll(async () => {
    parse = await parseFile(await hubeiForm(), CALL);
  });

  it("normalises values written in other units", () => {
    const got = valuesOf(parse.fields);
    expect(got["model.paramsYi"]).toBe(70);
    expect(got["finance.revenue.2025"]).toBe(12000);
    expect(got["model.rdCost"]).toBe(1250.5);
    expect(got["model.serviceMode"]).toEqual(["APP", "API接口"]);
    expect(got["cover.modelCategory"]).toBe("多模态大模型");
  });

  it("reports what is blank, a placeholder or the template's text", () => {
    const reasons = Object.fromEntries(parse.unfilled.map((u) => [u.key, u.reason]));
    expect(reasons).toEqual({
      "applicant.name": "blank",
      "applicant.address": "placeholder",
      "applicant.intro": "template-instruction",
      "model.trainingDataTB": "blank",
      "project.innovation": "template-instruction",
      "cover.applicant": "placeholder",
    });
  });

  it("ends the last numbered section at the next 「（六）」 heading", () => {
    const sections = Object.fromEntries(parse.sections.map((s) => [s.key, s.text]));
    expect(sections["project.overview"]).toBe("本项目2024年立项。");
    expect(sections["project.effect"]).toBe("已在5家企业应用。");
  });
});
