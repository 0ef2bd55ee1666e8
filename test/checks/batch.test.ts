/**
 * Batch rules on real packages: the fixture packages as they are (no finding), and packages derived from them the
 * way a batch goes wrong — one project's text put into another direction's form, a package copied, a Word form
 * re-saved, an applicant's name typed differently. Derived Word files are edited at the XML level with jszip.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BATCH_RULES, batchFindings } from "../../src/checks/batch.js";
import { CALL_PACKS } from "../../src/checks/calls/index.js";
import { runCheck } from "../../src/pipeline.js";
import type { Report } from "../../src/report/schema.js";
import { sharedCacheDir } from "../_support/cache.js";
import { FIXTURES } from "./_support.js";

const AGENT = "wuhan-governance-model-agent-g";
const TERMINAL = "wuhan-governance-terminal-i";
const SCENARIO = "wuhan-governance-scenario-f";
const PLATFORM = "wuhan-governance-platform-h";
const INSTITUTE = "wuhan-vertical-c";
const AGENT_DOCX = "行业模型和智能体项目申报书（灵犀智巡）.docx";
const TERMINAL_DOCX = "智能终端产品申报书（灵犀智巡）.docx";
const INSTITUTE_DOCX = "武汉市垂直行业模型项目申报书.docx";

let root: string;
const reports = new Map<string, Report>();
const batch = (...names: string[]) =>
  batchFindings(names.map((name) => ({ entry: { name }, report: reports.get(name)! })));

/** The text of every <w:t> run of a Word file's body. */
async function runs(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const xml = await zip.file("word/document.xml")!.async("string");
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!);
}

/** A copy of a fixture package whose Word form has `edit` applied to its body XML (or is only re-saved). */
async function derive(name: string, from: string, docx: string, edit: (xml: string) => string): Promise<void> {
  const dir = path.join(root, name);
  await cp(path.join(FIXTURES, from), dir, { recursive: true });
  const zip = await JSZip.loadAsync(await readFile(path.join(dir, docx)));
  const xml = await zip.file("word/document.xml")!.async("string");
  zip.file("word/document.xml", edit(xml));
  await writeFile(path.join(dir, docx), await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

const runStarting = (all: string[], prefix: string) => all.find((t) => t.startsWith(prefix))!;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "shenbao-batch-rules-"));
  const agent = await runs(path.join(FIXTURES, AGENT, AGENT_DOCX));
  const terminal = await runs(path.join(FIXTURES, TERMINAL, TERMINAL_DOCX));
  // The 智能体 project's own words put into the terminal form: 产品简介 ← 项目概述, 产品概述 ← 技术创新, 应用成效 ← 应用成效.
  const swaps: Array<[string, string]> = [
    [runStarting(terminal, "灵犀L3是面向"), runStarting(agent, "街道和城管执法一线")],
    [runStarting(terminal, "城市综合管廊空间封闭"), runStarting(agent, "产品以Qwen3-32B")],
    [runStarting(terminal, "产品服务于城市管廊"), runStarting(agent, "在洪山区3个街道试点期间")],
  ];
  await derive("terminal-as-agent", TERMINAL, TERMINAL_DOCX, (xml) =>
    swaps.reduce((x, [from, to]) => x.replace(`>${from}<`, `>${to}<`), xml),
  );
  await derive("terminal-renamed", TERMINAL, TERMINAL_DOCX, (xml) =>
    xml.replaceAll("武汉灵犀智巡科技有限公司", "武汉灵犀智巡信息技术有限公司"),
  );
  await derive("institute-resaved", INSTITUTE, INSTITUTE_DOCX, (xml) => xml);
  await cp(path.join(FIXTURES, INSTITUTE), path.join(root, "institute-copy"), { recursive: true });

  const cacheDir = sharedCacheDir() ?? false;
  const dirs: Array<[string, string]> = [
    ...[AGENT, TERMINAL, SCENARIO, PLATFORM, INSTITUTE].map((n) => [n, path.join(FIXTURES, n)] as [string, string]),
    ...["terminal-as-agent", "terminal-renamed", "institute-resaved", "institute-copy"].map(
      (n) => [n, path.join(root, n)] as [string, string],
    ),
  ];
  for (const [name, dir] of dirs) reports.set(name, await runCheck([dir], { cacheDir, name }));
}, 600_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("batch rules", () => {
  it("the fixture packages together raise nothing: one applicant's two projects are not one project", () => {
    expect(batch(AGENT, TERMINAL, SCENARIO, PLATFORM, INSTITUTE)).toEqual([]);
  });

  it("duplicate-project: the 智能体's text submitted again as a terminal product, both packages named with the similarity", () => {
    const findings = batch(AGENT, "terminal-as-agent", SCENARIO);
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([["batch/duplicate-project", "warning"]]);
    const actual = findings[0]!.actual as { packages: string[]; similarity: number };
    expect(actual.packages).toEqual([AGENT, "terminal-as-agent"]);
    expect(actual.similarity).toBeGreaterThan(0.3);
    expect(findings[0]!.message).toContain("同一项目/产品原则上不得重复申报多个方向");
    expect(findings[0]!.message).toContain("社会治理行业智能终端产品");
    expect(findings[0]!.evidence.map((e) => path.basename(e.file))).toEqual([AGENT_DOCX, TERMINAL_DOCX]);
  });

  it("duplicate-package: identical files are an error; the same project with re-saved files is two versions (warning)", () => {
    const copied = batch(INSTITUTE, "institute-copy");
    expect(
      copied.map((f) => [f.ruleId, f.severity, f.actual && (f.actual as { packages: string[] }).packages]),
    ).toEqual([["batch/duplicate-package", "error", [INSTITUTE, "institute-copy"]]]);
    const resaved = batch(INSTITUTE, "institute-resaved");
    expect(resaved.map((f) => [f.ruleId, f.severity])).toEqual([["batch/duplicate-package", "warning"]]);
    expect(resaved[0]!.message).toContain("江城智治城市管理大模型");
  });

  it("applicant-identity: one 统一社会信用代码 under two 单位名称", () => {
    const findings = batch(TERMINAL, "terminal-renamed").filter((f) => f.ruleId === "batch/applicant-identity");
    expect(findings.map((f) => f.severity)).toEqual(["warning"]);
    expect(findings[0]!.message).toContain("「武汉灵犀智巡科技有限公司」（wuhan-governance-terminal-i）");
    expect(findings[0]!.message).toContain("「武汉灵犀智巡信息技术有限公司」（terminal-renamed）");
  });

  it("every batch rule has Chinese messages and is configured in some pack with a clause", () => {
    for (const [id, rule] of Object.entries(BATCH_RULES)) {
      expect(id).toBe(rule.meta.id);
      expect(Object.values(rule.meta.messages).every((m) => /[\u4e00-\u9fff]/.test(m))).toBe(true);
      const configured = Object.values(CALL_PACKS).filter((p) => p.batch?.[id] !== undefined);
      expect(configured.length, id).toBeGreaterThan(0);
    }
  });
});
