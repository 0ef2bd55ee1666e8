import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { buildReport, runCheck } from "../../src/pipeline.js";
import { buildEvaluatorSummary } from "../../src/report/evaluator-summary.js";
import { formatHtml } from "../../src/report/html.js";
import { formatMarkdown } from "../../src/report/markdown.js";
import type { Report } from "../../src/report/schema.js";
import { assessSubsidy, estimateSubsidy } from "../../src/report/subsidy.js";
import { formatSummary } from "../../src/report/summary-format.js";
import { FIXTURES, loadFixture, type FixtureName } from "../checks/_support.js";
import { sharedCacheDir } from "../_support/cache.js";

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, "../../bin/shenbao.js");

let wuhanA: Report;
let wuhanC: Report;
let hunan: Report;

beforeAll(async () => {
  const check = async (name: FixtureName) => {
    const { pkg, extraction } = await loadFixture(name);
    return buildReport(pkg, extraction);
  };
  [wuhanA, wuhanC, hunan] = await Promise.all([
    check("wuhan-vertical-a"),
    check("wuhan-vertical-c"),
    check("hunan-ai-model-b"),
  ]);
});

const withCall = (report: Report, id: string): Report => ({ ...report, call: { id, title: id } });

describe("estimateSubsidy", () => {
  it("is rate × base below the cap, the cap above it", () => {
    expect(estimateSubsidy(1568, 0.3, 500)).toEqual({ computedWan: 470.4, amountWan: 470.4, capped: false });
    expect(estimateSubsidy(2680.5, 0.3, 500)).toEqual({ computedWan: 804.15, amountWan: 500, capped: true });
    expect(estimateSubsidy(2000, 0.3, 100)).toEqual({ computedWan: 600, amountWan: 100, capped: true });
    expect(estimateSubsidy(1666.6, 0.3, 500)).toEqual({ computedWan: 499.98, amountWan: 499.98, capped: false });
  });
});

describe("the evaluator summary on the fixture packages", () => {
  it("lists the applicant, its USCC and the figures, each with the page it was read from", () => {
    const text = formatSummary(hunan);
    expect(text).toContain("# 评审摘要：hunan-ai-model-b");
    expect(text).toContain("- 申报单位：湖南湘江智语科技有限公司\n  出处：「hunan-ai-model-b/");
    const pdf = "hunan-ai-model-b/2025年湖南省人工智能大模型项目申报书（湘江智语）.pdf";
    expect(text).toContain(`- 统一社会信用代码：91430104MA4R8N2C6D\n  出处：「${pdf}」第4页：“91430104MA4R8N2C6D”`);
    expect(text).toContain(`- 营业收入（2023年）：9826.37 万元\n  出处：「${pdf}」第4页`);
    expect(text).toContain(`- 营业收入（2024年）：12483.16 万元\n  出处：「${pdf}」第4页`);
    expect(text).toContain(`- 研发投入（2024年）：2563.88 万元\n  出处：「${pdf}」第4页`);
    expect(text).toContain(`- 参数量：320 亿\n  出处：「${pdf}」第5页`);
    expect(text).toContain("- 备案号：网信算备4301042503270105");
    expect(text).toContain("- 申报方向：人工智能大模型（工程机械）");
    expect(text).toContain("- 联合体：未找到");
  });

  it("a Hunan package gets no Wuhan estimate, only the reason", () => {
    expect(assessSubsidy(hunan)).toMatchObject({ kind: "not-applicable", reason: expect.stringContaining("湖南") });
    const text = formatSummary(hunan);
    expect(text).not.toContain("估算补助");
    expect(text).not.toMatch(/\d万元 × 30%/);
    expect(text).toContain("不适用：本通知为湖南省的项目申报，武汉市政策措施（武政规〔2025〕3号）不适用");
    expect(formatHtml(hunan)).not.toContain("估算补助：");
  });

  it("a Wuhan vertical-model package: 研发成本 × 30% from the form's figure, capped at 500万元, with the clause", () => {
    const a = assessSubsidy(wuhanA);
    expect(a).toMatchObject({
      kind: "estimate",
      basis: "direct",
      input: { key: "model.rdCost", valueWan: 2680.5, evidence: { page: 3, quote: "2680.50" } },
      computedWan: 804.15,
      amountWan: 500,
      capped: true,
    });
    expect(a.kind === "estimate" && a.input.evidence.file).toBe("wuhan-vertical-a/武汉市垂直行业模型项目申报书.pdf");
    const text = formatSummary(wuhanA);
    expect(text).toContain("## 补助估算（估算，仅供参考，以评审结果为准）");
    expect(text).toContain("第三条「增强模型创新能力」");
    expect(text).toContain("对牵头研发单位按照研发成本的30%给予最高500万元补助");
    expect(text).toContain(
      "- 计算：近三年模型研发成本 2680.5万元 × 30% = 804.15万元，超过最高500万元，按500万元计\n- **估算补助：500万元**",
    );
    expect(text).toContain("  出处：「wuhan-vertical-a/武汉市垂直行业模型项目申报书.pdf」第3页：“2680.50”");

    // Below the cap (the research institute's 1568万元).
    expect(assessSubsidy(wuhanC)).toMatchObject({ kind: "estimate", amountWan: 470.4, capped: false });
    expect(formatSummary(wuhanC)).toContain("1568万元 × 30% = 470.4万元，未超过最高500万元\n- **估算补助：470.4万元**");
  });

  it("says where the policy does not apply instead of inventing a figure", () => {
    for (const id of [
      "hubei-industrial-model-2026",
      "wuhan-ai-governance-2026/terminal",
      "hunan-digital-center-2025",
    ]) {
      expect(assessSubsidy(withCall(wuhanA, id)).kind).toBe("not-applicable");
    }
    expect(assessSubsidy(withCall(wuhanA, "hubei-industrial-model-2026"))).toMatchObject({
      reason: expect.stringContaining("湖北省"),
    });
    expect(assessSubsidy({ ...wuhanA, call: null })).toMatchObject({ kind: "not-applicable" });
    // A Wuhan call whose input is missing: the method, no amount.
    const noCost = { ...wuhanA, fields: wuhanA.fields.filter((f) => f.key !== "model.rdCost") };
    expect(assessSubsidy(noCost)).toMatchObject({ kind: "no-input", inputLabel: "近三年模型研发成本" });
    expect(formatSummary(noCost)).toContain("- **估算补助：无法估算**");
  });

  it("a governance model-agent package is estimated by analogy with 第三条, and says so", async () => {
    const report = await runCheck([path.join(FIXTURES, "wuhan-governance-model-agent-g")], {
      cacheDir: sharedCacheDir(),
    });
    expect(report.call?.id).toBe("wuhan-ai-governance-2026/model-agent");
    expect(assessSubsidy(report)).toMatchObject({
      kind: "estimate",
      basis: "analogous",
      input: { key: "product.rdCost", valueWan: 1286.5 },
      amountWan: 385.95,
    });
    const text = formatSummary(report);
    expect(text).toContain("第三条「增强模型创新能力」（参照）");
    expect(text).toContain("武政办〔2026〕21号");
    expect(text).toContain("- 申报方向：社会治理行业模型和智能体\n  出处：按申报通知");
  });

  it("the HTML 关键信息 section and the Markdown report print the same summary", () => {
    const html = formatHtml(wuhanA);
    const section = html.slice(html.indexOf("<h2>关键信息</h2>"), html.indexOf("<h2>已读取的文件</h2>"));
    expect(section).toContain("<th>统一社会信用代码</th><td>91420100MA4KQ7U39D</td>");
    expect(section).toContain("<h3>补助估算（估算，仅供参考，以评审结果为准）</h3>");
    expect(section).toContain("估算补助：<b>500万元</b>");
    expect(section).toContain("近三年模型研发成本 2680.5万元 × 30% = 804.15万元，超过最高500万元，按500万元计");
    const md = formatMarkdown(wuhanA);
    expect(md).toContain("| 统一社会信用代码 | 91420100MA4KQ7U39D | 「wuhan-vertical-a/");
    expect(md).toContain("- **估算补助：500万元**");
    expect(md.indexOf("## 关键信息")).toBeLessThan(md.indexOf("## 已读取的文件"));
    const rows = buildEvaluatorSummary(wuhanA).rows;
    expect(rows.filter((r) => r.value !== null).every((r) => r.evidence || r.sourceNote)).toBe(true);
  });

  it("shows the LLM's abstract labelled as model-written, escaped", () => {
    const withLlm: Report = {
      ...wuhanA,
      stages: {
        ...wuhanA.stages,
        llm: {
          used: true,
          model: "qwen2.5-72b",
          calls: 2,
          tokens: 900,
          summary: { description: "简介", abstract: "面向工业质检的多模态大模型<b>已落地</b>。" },
        },
      },
    };
    expect(formatSummary(withLlm)).toContain(
      "## 项目摘要（大模型生成，仅供参考）\n\n> 面向工业质检的多模态大模型\\<b\\>已落地\\</b\\>。",
    );
    const html = formatHtml(withLlm);
    expect(html).toContain("<h3>项目摘要（大模型生成，仅供参考）</h3>");
    expect(html).toContain("面向工业质检的多模态大模型&#60;b&#62;已落地&#60;/b&#62;。");
    expect(formatSummary(wuhanA)).not.toContain("项目摘要");
  });

  it("shenbao check --format summary prints it", async () => {
    const dir = sharedCacheDir();
    const { stdout } = await run(
      "node",
      [BIN, "check", path.join(FIXTURES, "wuhan-vertical-c"), "--format", "summary", ...(dir ? ["--cache", dir] : [])],
      { maxBuffer: 16 << 20 },
    );
    expect(stdout).toContain("# 评审摘要：wuhan-vertical-c");
    expect(stdout).toContain("- 申报单位：武汉市城市智能计算研究院");
    expect(stdout).toContain("- **估算补助：470.4万元**");
    await expect(run("node", [BIN, "check", FIXTURES, "--format", "pdf"])).rejects.toMatchObject({ code: 2 });
  });
});
