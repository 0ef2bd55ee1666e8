import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BatchInputError, runBatch, type BatchOptions, type BatchProgress, type BatchResult } from "../src/batch.js";
import { progressLine } from "../src/cli-batch.js";
import { batchExitCodeFor } from "../src/cli-fail-on.js";
import { resolveLlmConfig } from "../src/extract/llm/config.js";
import { runCheck } from "../src/pipeline.js";
import { batchFindings } from "../src/checks/batch.js";
import { ReportSchema, type Report } from "../src/report/schema.js";
import { writeZip } from "../fixtures/generate/_internal/zip-writer.js";
import { FIXTURES, loadFixture } from "./checks/_support.js";
import { sharedCacheDir } from "./_support/cache.js";

const BIN = path.resolve(import.meta.dirname, "../bin/shenbao.js");
const PACKAGES = ["hunan-ai-model-b", "wuhan-vertical-a"] as const;
let root: string;
let input: string;
let out: string;

// A package whose check throws (e.g. an unreadable folder): the batch must record it and go on.
const check: typeof runCheck = async (paths, opts) => {
  if (opts?.name === "boom") throw new Error("磁盘读取失败");
  return runCheck(paths, opts);
};
const options = (extra: Partial<BatchOptions> = {}): BatchOptions => ({
  out,
  cacheDir: sharedCacheDir() ?? false,
  check,
  ...extra,
});
const readBatch = async (dir = out) => JSON.parse(await readFile(path.join(dir, "batch.json"), "utf8")) as BatchResult;
const statusOf = (batch: BatchResult) => Object.fromEntries(batch.packages.map((p) => [p.name, p.status]));

beforeAll(async () => {
  // OCR the fixtures into the run-wide cache under its lock, so parallel test files do not all read them cold.
  await Promise.all(PACKAGES.map((name) => loadFixture(name)));
  root = await mkdtemp(path.join(os.tmpdir(), "shenbao-batch-"));
  input = path.join(root, "in");
  out = path.join(root, "out");
  for (const name of PACKAGES) await cp(path.join(FIXTURES, name), path.join(input, name), { recursive: true });
  await mkdir(path.join(input, "corrupt"), { recursive: true });
  await writeFile(path.join(input, "corrupt", "材料.zip"), Buffer.from("PK\u0003\u0004 truncated"));
  await mkdir(path.join(input, "boom"), { recursive: true });
  await writeFile(path.join(input, "boom", "a.txt"), "x");
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("runBatch", () => {
  let first: BatchResult;
  const lines: string[] = [];

  beforeAll(async () => {
    first = await runBatch(input, options({ onProgress: (p) => lines.push(progressLine(p)) }));
  });

  it("writes a valid report per package with the verdict a single check gives", async () => {
    for (const name of PACKAGES) {
      const json = ReportSchema.parse(JSON.parse(await readFile(path.join(out, name, "report.json"), "utf8")));
      expect(await readFile(path.join(out, name, "report.md"), "utf8")).toContain("# 申报材料预审报告");
      expect(await readFile(path.join(out, name, "report.html"), "utf8")).toContain("<!DOCTYPE html>");
      const single = await runCheck([path.join(FIXTURES, name)], { cacheDir: sharedCacheDir() ?? false });
      const entry = first.packages.find((p) => p.name === name)!;
      expect(entry).toMatchObject({
        status: "checked",
        callId: single.call?.id,
        verdict: single.summary.verdict,
        errors: single.summary.errors,
        warnings: single.summary.warnings,
      });
      expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(entry.packVersion).toMatch(/^20\d\d/);
      expect(json.summary).toEqual(single.summary);
    }
    expect(first.packages.map((p) => p.name)).toEqual(["boom", "corrupt", "hunan-ai-model-b", "wuhan-vertical-a"]);
    expect(await readBatch()).toEqual(first);
  });

  it("records a broken package and a failing check without stopping the batch", () => {
    const corrupt = first.packages.find((p) => p.name === "corrupt")!;
    expect(corrupt.status).toBe("checked");
    expect(corrupt.errors).toBeGreaterThan(0);
    const boom = first.packages.find((p) => p.name === "boom")!;
    expect(boom).toMatchObject({ status: "failed", error: "磁盘读取失败" });
    expect(boom.verdict).toBeUndefined();
    expect(first.interrupted).toBe(false);
  });

  it("--fail-on: errors, a failed package or a batch finding fail the batch; warnings only at warning", () => {
    expect(batchExitCodeFor(first, "error")).toBe(1);
    expect(batchExitCodeFor(first, "none")).toBe(0);
    const only = (...names: string[]): BatchResult => ({ ...first, packages: first.packages.filter((p) => names.includes(p.name)), findings: [] });
    const wuhan = first.packages.find((p) => p.name === "wuhan-vertical-a")!;
    expect([wuhan.errors, wuhan.warnings! > 0]).toEqual([0, true]);
    expect(batchExitCodeFor(only("wuhan-vertical-a"), "error")).toBe(0);
    expect(batchExitCodeFor(only("wuhan-vertical-a"), "warning")).toBe(1);
    expect(batchExitCodeFor(only("wuhan-vertical-a", "boom"), "error")).toBe(1);
    const duplicate = { ruleId: "batch/duplicate-package", category: "consistency" as const, message: "重复提交", evidence: [] };
    const withWarning = { ...only("wuhan-vertical-a"), findings: [{ ...duplicate, severity: "warning" as const }] };
    expect([batchExitCodeFor(withWarning, "error"), batchExitCodeFor({ ...withWarning, packages: [] }, "warning")]).toEqual([0, 1]);
  });

  it("index.html links every report and lists the failed package", async () => {
    const html = await readFile(path.join(out, "index.html"), "utf8");
    for (const name of [...PACKAGES, "corrupt"]) expect(html).toContain(`href="${name}/report.html"`);
    expect(html).toContain("磁盘读取失败");
    expect(html).toMatch(/<td[^>]*class="v-reject">不予受理<\/td>/);
  });

  it("prints one progress line per package with its count and verdict", () => {
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(/^\[4\/4\] wuhan-vertical-a … 需补正/);
  });

  it("writes the 汇总表 with one sheet per notice", async () => {
    await expect(stat(path.join(out, "汇总表.xlsx"))).resolves.toBeTruthy();
  });

  it("a re-run resumes unchanged packages and re-checks a changed one", async () => {
    const second = await runBatch(input, options());
    expect(statusOf(second)).toEqual({
      boom: "failed",
      corrupt: "resumed",
      "hunan-ai-model-b": "resumed",
      "wuhan-vertical-a": "resumed",
    });
    expect(second.packages.find((p) => p.name === "wuhan-vertical-a")!.verdict).toBe(
      first.packages.find((p) => p.name === "wuhan-vertical-a")!.verdict,
    );
    await writeFile(path.join(input, "corrupt", "说明.txt"), "补充说明");
    const third = await runBatch(input, options());
    expect(statusOf(third).corrupt).toBe("checked");
    expect(statusOf(third)["wuhan-vertical-a"]).toBe("resumed");
    expect(third.packages.find((p) => p.name === "corrupt")!.hash).not.toBe(
      first.packages.find((p) => p.name === "corrupt")!.hash,
    );
  });

  it("a different LLM setting re-checks every package", async () => {
    const resolved = resolveLlmConfig({ OPENAI_BASE_URL: "http://127.0.0.1:9/v1", SHENBAO_LLM_MODEL: "测试模型" });
    if (!("config" in resolved)) throw new Error(resolved.reason);
    const seen: Array<string | undefined> = [];
    // The endpoint is not called: the check records the setting and runs without it.
    const offline: typeof runCheck = async (paths, { llm, ...rest } = {}) => {
      seen.push(llm && "model" in llm ? llm.model : undefined);
      return check(paths, rest);
    };
    const result = await runBatch(input, options({ llm: resolved.config, check: offline }));
    expect(Object.values(statusOf(result))).toEqual(["failed", "checked", "checked", "checked"]);
    expect(seen).toEqual(["测试模型", "测试模型", "测试模型", "测试模型"]);
    expect(result.packages.every((p) => p.llm === "llm:测试模型")).toBe(true);
  });

  it("an abort finishes the package under way, writes it, and leaves the rest for the next run", async () => {
    const stopped = path.join(root, "stopped");
    const abort = new AbortController();
    const seen: BatchProgress[] = [];
    const result = await runBatch(
      input,
      options({ out: stopped, signal: abort.signal, onProgress: (p) => (seen.push(p), abort.abort()) }),
    );
    expect(result.interrupted).toBe(true);
    expect(result.packages.map((p) => p.name)).toEqual(["boom"]);
    expect((await readBatch(stopped)).packages).toHaveLength(1);
    const resumed = await runBatch(input, options({ out: stopped }));
    expect(resumed.interrupted).toBe(false);
    expect(resumed.packages).toHaveLength(4);
  });
});

describe("runBatch on a .zip", () => {
  it("treats each folder and each nested .zip in it as one package", async () => {
    const dir = path.join(FIXTURES, "hunan-ai-model-b");
    const files = await readdir(dir);
    const entries = await Promise.all(files.map(async (f) => ({ name: f, data: await readFile(path.join(dir, f)) })));
    const inner = writeZip(entries.map((e) => ({ name: Buffer.from(e.name), data: e.data, utf8: true })));
    const outer = writeZip([
      ...entries.map((e) => ({ name: Buffer.from(`湘江/${e.name}`), data: e.data, utf8: true })),
      { name: Buffer.from("第二包.zip"), data: inner, utf8: true },
    ]);
    const zip = path.join(root, "批次.zip");
    await writeFile(zip, outer);
    const result = await runBatch(zip, options({ out: path.join(root, "zip-out") }));
    expect(result.packages.map((p) => [p.name, p.verdict])).toEqual([
      ["第二包", "reject"],
      ["湘江", "reject"],
    ]);
  });

  it("refuses an input that is neither a folder nor a readable .zip", async () => {
    const bad = path.join(root, "坏.zip");
    await writeFile(bad, "not a zip");
    await expect(runBatch(bad, options())).rejects.toThrow(BatchInputError);
    await expect(runBatch(path.join(root, "nope"), options())).rejects.toThrow(/找不到输入/);
  });
});

describe("batch rule: at most 3 vertical models per applicant", () => {
  let report: Report;
  beforeAll(async () => {
    report = await runCheck([path.join(FIXTURES, "wuhan-vertical-a")], { cacheDir: sharedCacheDir() ?? false });
  });
  const items = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      entry: { name: `包${i + 1}`, source: "", hash: "", version: "", status: "checked" as const },
      report,
    }));
  // One report n times is also n identical packages (batch/duplicate-package, test/checks/batch.test.ts): only
  // this rule's findings are looked at here.
  const perApplicant = (list: Parameters<typeof batchFindings>[0]) =>
    batchFindings(list).filter((f) => f.ruleId === "batch/models-per-applicant");

  it("flags a fourth model of the same USCC, naming every package", () => {
    const [finding, ...rest] = perApplicant(items(4));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      ruleId: "batch/models-per-applicant",
      severity: "error",
      actual: { count: 4, packages: ["包1", "包2", "包3", "包4"] },
    });
    expect(finding!.message).toContain("91420100MA4KQ7U39D");
    expect(finding!.evidence).toHaveLength(4);
  });

  it("accepts three, and ignores other calls", () => {
    expect(perApplicant(items(3))).toEqual([]);
    const other = { ...report, call: { id: "hubei-industrial-model-2026", title: "" } };
    expect(perApplicant(items(5).map((i) => ({ ...i, report: other })))).toEqual([]);
  });
});

describe("shenbao batch (command)", () => {
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const cache = sharedCacheDir();
      const child = spawn(process.execPath, [BIN, "batch", ...args, ...(cache ? ["--cache", cache] : ["--no-cache"])], {
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      child.on("close", (code) => resolve({ code, stderr }));
    });

  it("--fail-on sets the exit code from the packages' findings; a bad level is a usage error", async () => {
    const one = path.join(root, "one");
    await cp(path.join(FIXTURES, "wuhan-vertical-a"), path.join(one, "wuhan-vertical-a"), { recursive: true });
    const out = path.join(root, "one-out");
    expect((await run([one, "--out", out])).code).toBe(0);
    // The second run resumes the unchanged package: the exit code comes from its stored counts.
    const strict = await run([one, "--out", out, "--fail-on", "warning"]);
    expect(strict.stderr).toContain("沿用上次结果");
    expect(strict.code).toBe(1);
    const bad = await run([one, "--out", out, "--fail-on", "fatal"]);
    expect([bad.code, bad.stderr]).toEqual([2, "--fail-on 只能是 error、warning、info 或 none（收到：fatal）\n"]);
  }, 300_000);

  it("prints plain progress lines off a TTY; Ctrl+C finishes the package under way and exits 130", async () => {
    const out = path.join(root, "cli-out");
    const cache = sharedCacheDir();
    const child = spawn(
      process.execPath,
      [BIN, "batch", input, "--out", out, ...(cache ? ["--cache", cache] : ["--no-cache"])],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      if (stderr === "" && chunk.includes("[1/4]")) child.kill("SIGINT");
      stderr += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toMatch(/^\[1\/4\] boom … (检查失败|需补正|不予受理)/m);
    expect(stderr).toContain("收到中断信号");
    expect(code).toBe(130);
    const batch = await readBatch(out);
    expect(batch.interrupted).toBe(true);
    expect(batch.packages.length).toBeGreaterThanOrEqual(1);
    expect(batch.packages.length).toBeLessThan(4);
  });
});
