/** `shenbao check --format text` and `--fail-on`, run as a child process on the fixture packages. */
import { execFile } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, loadFixture } from "./checks/_support.js";
import { sharedCacheDir } from "./_support/cache.js";

const BIN = path.resolve(import.meta.dirname, "../bin/shenbao.js");

function shenbao(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const cache = sharedCacheDir();
  const all = args[0] === "check" && cache ? [...args, "--cache", cache] : args;
  return new Promise((resolve) =>
    execFile("node", [BIN, ...all], { maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    ),
  );
}

const INSTITUTE = path.join(FIXTURES, "wuhan-vertical-c");
const HUNAN = path.join(FIXTURES, "hunan-ai-model-b");

beforeAll(async () => {
  // OCR the scans into the run-wide cache once, under the fixture lock.
  await Promise.all([loadFixture("wuhan-vertical-c"), loadFixture("hunan-ai-model-b")]);
}, 600_000);

describe("shenbao check --fail-on", () => {
  it("wuhan-vertical-c has warnings only: 0 by default (error), 1 from warning down, 0 with none", async () => {
    const text = await shenbao(["check", INSTITUTE, "--format", "text"]);
    expect(text.code).toBe(0);
    expect(text.stdout.split("\n")[0]).toBe("wuhan-vertical-c：需补正（错误 0，警告 4，提示 0）");
    expect(text.stdout).toMatch(
      /^! \d\. .*（「wuhan-vertical-c\/武汉市垂直行业模型项目申报书\.pdf」第1页）.*\[seal-required\]$/m,
    );
    expect((await shenbao(["check", INSTITUTE, "--format", "text", "--fail-on", "warning"])).code).toBe(1);
    expect((await shenbao(["check", INSTITUTE, "--format", "json", "--fail-on", "info"])).code).toBe(1);
    expect((await shenbao(["check", INSTITUTE, "--format", "md", "--fail-on", "none"])).code).toBe(0);
  });

  it("hunan-ai-model-b has errors: 1 by default, still with a full report on stdout; 0 with none", async () => {
    const run = await shenbao(["check", HUNAN, "--format", "json"]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).summary).toMatchObject({ verdict: "reject" });
    const text = await shenbao(["check", HUNAN, "--format", "text", "--fail-on", "none"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("错误（6）");
    expect(text.stdout).toMatch(/^✗ 1\. 缺少「/m);
  });

  it("usage errors exit 2: a bad --fail-on, a bad --format, an unknown option", async () => {
    const bad = await shenbao(["check", INSTITUTE, "--fail-on", "fatal"]);
    expect([bad.code, bad.stderr]).toEqual([2, "--fail-on 只能是 error、warning、info 或 none（收到：fatal）\n"]);
    expect((await shenbao(["check", INSTITUTE, "--format", "yaml"])).code).toBe(2);
    const unknown = await shenbao(["check", INSTITUTE, "--strict"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^参数错误：/);
  });
});
