/**
 * Every cell of every seed form's tables is accounted for by its call's spec: a field label, a section label,
 * a structural header, a template instruction, or the options of a checkbox group. The seeds are the calls'
 * own text (/work/shared/seeds, copied from the notices).
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FORM_SPECS } from "../../../src/extract/form/calls/index.js";
import { optionName } from "../../../src/extract/form/checkbox.js";
import { labelVariants, matchLabel } from "../../../src/extract/form/label.js";
import type { FormSpec } from "../../../src/extract/form/types.js";
import { normalizeForMatch } from "../../../src/extract/normalize/index.js";
import { CALL_IDS, type CallId } from "../../../src/extract/types.js";

const SEEDS = "/work/shared/seeds";
const seed = (name: string) => readFileSync(`${SEEDS}/${name}`, "utf8");

/** The text of one form in a seed: from its title to the 承诺书 (or the next part) after it. */
function between(text: string, start: string, end: RegExp, from = 0): string {
  const at = text.indexOf(start, from);
  if (at < 0) throw new Error(`seed changed: ${start}`);
  const rest = text.slice(at + start.length);
  const stop = rest.search(end);
  return stop < 0 ? rest : rest.slice(0, stop);
}

/** Markdown-ish seeds (000–002): table rows are tab-separated, checkboxes are HTML inputs. */
function tabCells(form: string): string[] {
  return form
    .split("\n")
    .filter((l) => l.includes("\t"))
    .flatMap((l) => l.replace(/<input[^>]*>/g, "☐").replace(/<[^>]+>/g, "").split("\t"))
    .map((c) => c.trim())
    .filter((c) => c !== "");
}

/** Seed 003 (Word export): a line starting with a tab opens a cell, other lines continue it. */
function wordCells(form: string): string[] {
  const cells: string[] = [];
  for (const line of form.split("\n")) {
    if (line.startsWith("\t")) cells.push(line.slice(1));
    else if (cells.length > 0) cells[cells.length - 1] += `\n${line}`;
  }
  return cells.map((c) => c.trim()).filter((c) => c !== "");
}

const FORMS: Record<CallId, () => string[]> = {
  "wuhan-vertical-model-2025": () => tabCells(between(seed("000_907b205776257070.txt"), "## 武汉市垂直行业模型项目申报书", /# 承诺书/)),
  "hubei-industrial-model-2026": () => tabCells(between(seed("001_7489e40db2a0b603.txt"), "## 湖北省工业领域专用模型项目申报书", /# 承诺书/)),
  "wuhan-ai-governance-2026/scenario": () => tabCells(between(seed("002_f8d51ba6fe7aafb0.txt"), "场景案例申报书", /# 承诺书/)),
  "wuhan-ai-governance-2026/model-agent": () => tabCells(between(seed("002_f8d51ba6fe7aafb0.txt"), "模型和智能体项目 申报书", /# 承诺书/)),
  "wuhan-ai-governance-2026/platform": () => tabCells(between(seed("002_f8d51ba6fe7aafb0.txt"), "公共服务平台 申报书", /# 承诺书/)),
  "wuhan-ai-governance-2026/terminal": () => tabCells(between(seed("002_f8d51ba6fe7aafb0.txt"), "## 武汉市社会治理行业智能终端产品申报书", /# 承诺书/)),
  "hunan-ai-model-2025": () => hunanForm(0),
  "hunan-digital-center-2025": () => hunanForm(1),
};

/** The n-th 申报信息表 of seed 003 (the 目录 also names it, without the table after it). */
function hunanForm(n: number): string[] {
  const text = seed("003_6c36fc7794d65c18.txt");
  const starts = [...text.matchAll(/二、申报信息表\s*\n\s*\t/g)].map((m) => m.index);
  if (starts[n] === undefined) throw new Error("seed changed: 申报信息表");
  return wordCells(between(text, "二、申报信息表", /三、相关附件/, starts[n]));
}

const NUMBERING = /^[（(][一二三四五六七八九十]+[）)]/u;
/** A matrix cell of the template that holds only its unit (「      家」). */
const UNIT_ONLY = /^(?:家|万元|人次|个)$/u;

function accountFor(cell: string, spec: FormSpec): string | null {
  const key = normalizeForMatch(cell);
  const exact = (label: string, aliases?: readonly string[]) => matchLabel(cell.replace(NUMBERING, ""), labelVariants(label, aliases), false)?.kind === "exact";
  if (spec.fields.some((f) => exact(f.label, f.aliases))) return "label";
  if (spec.sections.some((s) => exact(s.label))) return "section";
  if (spec.structural.some((s) => exact(s))) return "structural";
  const instructions = [...spec.fields.map((f) => f.instruction), ...spec.sections.map((s) => s.instruction)].filter((i) => i !== undefined);
  if (instructions.some((i) => normalizeForMatch(i) === key)) return "instruction";
  if (UNIT_ONLY.test(key)) return "unit";
  // Options: every part of the cell (between boxes, or between spaces when the template has no boxes) is an
  // option of one checkbox group; prompts and blanks aside. 是否通过大模型备案 is read by a derived pattern.
  const stripped = cell
    .replace(/是否通过大模型备案.*$/u, "")
    .replace(/[（(]\s*(?:模型名称|备案号)[^）)]*[）)]|[，,]\s*机构名称/gu, "")
    .replace(/_+/g, " ");
  const parts = (/[☐□]/.test(stripped) ? stripped.split(/[☐□\n]|\s{2,}/) : stripped.split(/[\s（()）]+/))
    .map((p) => p.trim().replace(/[:：]$/, ""))
    .filter((p) => p !== "");
  const groups = spec.fields.filter((f) => f.kind === "checkbox");
  const known = (g: (typeof groups)[number], p: string) =>
    (g.options ?? []).some((o) => normalizeForMatch(optionName(o)) === normalizeForMatch(optionName(p)));
  if (parts.length >= 2 && groups.some((g) => parts.every((p) => known(g, p)))) return "options";
  return null;
}

describe.skipIf(!existsSync(SEEDS))("form specs cover the seed forms", () => {
  it("has a spec for every call", () => {
    expect(Object.keys(FORM_SPECS).sort()).toEqual([...CALL_IDS].sort());
    for (const id of CALL_IDS) expect(FORM_SPECS[id].callId).toBe(id);
  });

  it.each(CALL_IDS)("%s: every table cell of the seed form is a label, instruction, option list or header", (id) => {
    const cells = FORMS[id]();
    expect(cells.length).toBeGreaterThan(15);
    const missing = cells.filter((c) => accountFor(c, FORM_SPECS[id]) === null);
    expect(missing).toEqual([]);
  });

  it.each(CALL_IDS)("%s: every spec label occurs in the seed form", (id) => {
    const cells = FORMS[id]().map((c) => c.replace(NUMBERING, ""));
    const spec = FORM_SPECS[id];
    const labels = [...spec.fields.map((f) => f.label), ...spec.sections.map((s) => s.label), ...spec.structural];
    const absent = labels.filter((l) => !cells.some((c) => matchLabel(c, labelVariants(l), false)?.kind === "exact"));
    // Sections of the Wuhan and Hubei forms are numbered paragraphs, not table cells.
    const paragraphs = spec.sections.map((s) => s.label);
    expect(absent.filter((l) => !paragraphs.includes(l) || id.startsWith("hunan"))).toEqual([]);
  });
});
