/**
 * The command line for a newcomer: every sub-command's --help is its own help (schema --help is help, not the
 * schema), argument mistakes are Chinese usage errors with exit code 2, and a missing input path is an error.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const BIN = path.resolve(import.meta.dirname, "../bin/shenbao.js");

function shenbao(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("node", [BIN, ...args], (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe("help", () => {
  it.each([
    [["--help"], /^shenbao .* — 申报材料智能预审/],
    [["ingest", "--help"], /shenbao ingest <文件\|文件夹\|压缩包…>/],
    [["extract", "-h"], /shenbao extract <文件\|文件夹\|压缩包…>[\s\S]*--call <编号>/],
    [["schema", "--help"], /^用法：\n  shenbao schema/],
    [["check", "--help"], /shenbao check <文件/],
    [["batch", "--help"], /shenbao batch <文件夹/],
    [["serve", "--help"], /--allowed-host <域名>/],
  ])("shenbao %j prints its own help", async (args, pattern) => {
    const run = await shenbao(args);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(pattern);
    expect(run.stdout).not.toContain('"$schema"');
  });
});

describe("usage errors", () => {
  it.each([
    [["check", "fixtures", "--strict"], "参数错误：未知选项：--strict\n运行 shenbao check --help 查看用法。\n"],
    [
      ["ingest", "fixtures", "--format"],
      "参数错误：选项 --format 缺少取值（写作 --format <值>）\n运行 shenbao ingest --help 查看用法。\n",
    ],
    [
      ["calls", "extra"],
      "参数错误：多余的参数：extra（该命令不接受文件或其他参数）\n运行 shenbao calls --help 查看用法。\n",
    ],
    [["serve", "--no-such-flag"], "参数错误：未知选项：--no-such-flag\n运行 shenbao serve --help 查看用法。\n"],
    [
      ["extract", "/nonexistent"],
      "参数错误：找不到文件或文件夹：/nonexistent（请检查路径是否正确）\n运行 shenbao extract --help 查看用法。\n",
    ],
    [
      ["check", "/nonexistent/申报材料.zip"],
      "参数错误：找不到文件或文件夹：/nonexistent/申报材料.zip（请检查路径是否正确）\n运行 shenbao check --help 查看用法。\n",
    ],
  ])("shenbao %j exits 2 with a Chinese message", async (args, message) => {
    const run = await shenbao(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(message);
    expect(run.stdout).toBe("");
  });
});
