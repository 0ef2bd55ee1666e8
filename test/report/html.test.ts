import { beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/pipeline.js";
import { escapeHtml, formatHtml } from "../../src/report/html.js";
import type { Report } from "../../src/report/schema.js";
import { loadFixture, type FixtureName } from "../checks/_support.js";

const ATTACK = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
let clean: Report;
let hostile: Report;
let hunan: Report;

beforeAll(async () => {
  const check = async (name: FixtureName) => {
    const { pkg, extraction } = await loadFixture(name);
    return buildReport(pkg, extraction);
  };
  [clean, hunan] = await Promise.all([check("wuhan-vertical-a"), check("hunan-ai-model-b")]);
  hostile = {
    ...clean,
    package: { ...clean.package, name: `包${ATTACK}` },
    fields: clean.fields.map((f) =>
      f.key === "applicant.name" ? { ...f, value: ATTACK, evidence: [{ file: ATTACK, page: 1, quote: ATTACK }] } : f,
    ),
    findings: [
      ...clean.findings,
      {
        ruleId: "test/x",
        severity: "error",
        category: "format",
        message: ATTACK,
        evidence: [{ file: "a.pdf", page: 2, quote: `见 https://evil.example ${ATTACK}` }],
      },
    ],
  };
});

describe("formatHtml", () => {
  it("escapes all document text", () => {
    const html = formatHtml(hostile);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain(escapeHtml(ATTACK));
    expect(escapeHtml(ATTACK)).toBe(
      "&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#60;img src=x onerror=alert(1)&#62;",
    );
  });

  it("is self-contained: no scripts, no links to anything outside the file", () => {
    const html = formatHtml(clean);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|src=/i);
    expect(html).toContain("<style>");
    expect(html).toMatch(/@media print\{[^]*break-before:page/);
    expect(html).toContain("@page{size:A4");
  });

  it("starts with the coloured verdict banner and the counts", () => {
    const html = formatHtml(hunan);
    const banner = html.indexOf('<div class="verdict v-reject"><b>不予受理</b>');
    expect(banner).toBeGreaterThan(0);
    expect(banner).toBeLessThan(html.indexOf("<h2"));
    expect(html).toContain(`错误 ${hunan.summary.errors}</span>`);
    expect(formatHtml(clean)).toContain('<div class="verdict v-fix"><b>需补正</b>');
  });

  it("groups findings by severity and category with file, page and quote", () => {
    const html = formatHtml(hunan);
    const errors = hunan.findings.filter((f) => f.severity === "error");
    expect(html).toContain(`错误（${errors.length}）</h2>`);
    const withPlace = errors.find((f) => f.evidence.length > 0)!;
    expect(html).toContain(`「${escapeHtml(withPlace.evidence[0]!.file)}」第${withPlace.evidence[0]!.page}页`);
    expect(html).toContain(escapeHtml(withPlace.message));
  });

  it("lists the evaluator's key fields with their sources, revenue per year", () => {
    const html = formatHtml(hunan);
    const keys = html.slice(html.indexOf("<h2>关键信息</h2>"), html.indexOf("<h2>已读取的文件</h2>"));
    expect(keys).toContain("<th>统一社会信用代码</th><td>91430104MA4R8N2C6D</td>");
    expect(keys).toContain("<th>营业收入（2023年）</th><td>9826.37 万元</td>");
    expect(keys).toContain("<th>营业收入（2024年）</th><td>12483.16 万元</td>");
    expect(keys).toContain("<th>参数量</th><td>320 亿</td>");
    expect(keys).toContain("<th>备案号</th><td>网信算备4301042503270105</td>");
    expect(keys).toMatch(/<th>联合体<\/th><td class="none">未找到<\/td>/);
    expect(keys).toContain("第4页");
  });

  it("tables every file read", () => {
    const html = formatHtml(clean);
    for (const f of clean.package.files) expect(html).toContain(`<td>${escapeHtml(f.path)}</td>`);
  });
});

describe("the LLM's advisory notes", () => {
  it("appear, escaped and marked as not affecting the verdict, in HTML and Markdown", async () => {
    const { formatMarkdown } = await import("../../src/report/markdown.js");
    const withLlm: Report = {
      ...clean,
      stages: {
        ...clean.stages,
        llm: {
          used: true,
          model: "qwen2.5",
          calls: 3,
          tokens: 1200,
          summary: { description: `面向工业质检的多模态大模型${ATTACK}`, abstract: "摘要" },
          narrative: [
            {
              key: "project.innovation",
              label: "技术创新",
              missing: ["算力使用量"],
              message: "「技术创新」未写到：算力使用量",
              evidence: [],
            },
          ],
        },
      },
    };
    const html = formatHtml(withLlm);
    expect(html).toContain("大模型提示（仅供参考，不影响结论）");
    expect(html).toContain("「技术创新」未写到：算力使用量");
    expect(html).not.toContain("<script>alert");
    expect(formatMarkdown(withLlm)).toContain("项目简介（模型生成）：面向工业质检的多模态大模型");
    expect(formatHtml(clean)).not.toContain("大模型提示");
  });
});
