/** `shenbao calls` and `shenbao explain`, run as a child process. */
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CALL_PACKS } from "../src/checks/calls/index.js";
import { CALL_IDS } from "../src/extract/types.js";

const BIN = path.resolve(import.meta.dirname, "../bin/shenbao.js");

function shenbao(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile("node", [BIN, ...args], (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    ),
  );
}

describe("shenbao calls", () => {
  it("lists every pack with its title, version and deadline (or that the notice states none)", async () => {
    const { code, stdout } = await shenbao(["calls"]);
    expect(code).toBe(0);
    for (const id of CALL_IDS)
      expect(stdout).toContain(`\n${id}\n  ${CALL_PACKS[id].title} · 版本 ${CALL_PACKS[id].version}`);
    expect(stdout).toContain("武汉市垂直行业模型征集入库和评选补助 · 版本 2025.10.14 · 截止 2025-10-23");
    expect(stdout).toContain("湖南省人工智能大模型 · 版本 2025 · 截止 通知未写明");
  });

  it("--format json gives the same as data", async () => {
    const { code, stdout } = await shenbao(["calls", "--format", "json"]);
    expect(code).toBe(0);
    const packs = JSON.parse(stdout) as Array<{ callId: string; deadline: { date: string } | null }>;
    expect(packs.map((p) => p.callId)).toEqual(Object.keys(CALL_PACKS));
    expect(packs.find((p) => p.callId === "wuhan-ai-governance-2026/terminal")?.deadline?.date).toBe("2026-07-07");
    expect((await shenbao(["calls", "--format", "xml"])).code).toBe(2);
  });
});

describe("shenbao explain", () => {
  it("a rule: what it checks, its messages, and per pack the level and the notice sentence", async () => {
    const { code, stdout } = await shenbao(["explain", "seal-required"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^规则 seal-required\n检查：通知或模板要求加盖公章之处/);
    expect(stdout).toContain("  unsealed：{{doc}}{{name}}未检测到公章（{{where}}）");
    expect(stdout).toContain("  hubei-industrial-model-2026（湖北省工业领域专用模型）：错误");
    expect(stdout).toContain("「申报书 三、工业模型项目内容：（二）申报单位相关证明材料（复印件需加盖公章）");
    expect(stdout).toContain("  wuhan-vertical-model-2025（武汉市垂直行业模型征集入库和评选补助）：警告");
    // Severity follows certainty: every rule's explanation states when an error becomes a warning.
    expect(stdout).toContain("严重程度与识别可信度：只有依据可靠识别的内容，才会判定为「错误」");
    expect(stdout).toContain("未能可靠识别，请人工核对");
  });

  it("the notices that do not use a rule are named; batch rules explain alike", async () => {
    const credit = await shenbao(["explain", "credit-report"]);
    expect(credit.stdout).toContain("未启用：hunan-ai-model-2025、hunan-digital-center-2025");
    expect(credit.stdout).toContain(
      "「二、申报程序（二）……核查所有申报单位2023年1月1日至今是否出现违法违规行为和重大问题」",
    );
    const batch = await shenbao(["explain", "batch/duplicate-project"]);
    expect(batch.stdout).toContain("「四、征集要求（二）……同一项目/产品原则上不得重复申报多个方向」");
  });

  it("required-document lists each document with its clause; an unknown id is a usage error listing the ids", async () => {
    const docs = await shenbao(["explain", "required-document"]);
    expect(docs.stdout).toContain("「信用中国查询情况报告：（六）申报单位是否出现违法违规行为和重大问题的相关证明材料");
    const unknown = await shenbao(["explain", "no-such-rule"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("未知的规则编号：no-such-rule");
    expect(unknown.stderr).toContain("pledge-signed");
    expect((await shenbao(["explain", "--list"])).stdout).toContain("batch/applicant-identity\t");
  });
});
