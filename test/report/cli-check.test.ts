import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ReportSchema } from "../../src/report/schema.js";
import { FIXTURES, loadFixture } from "../checks/_support.js";
import { sharedCacheDir } from "../_support/cache.js";

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, "../../bin/shenbao.js");

function cacheArgs(): string[] {
  const dir = sharedCacheDir();
  return dir ? ["--cache", dir] : [];
}

describe("shenbao check", () => {
  it("--format json prints a report that validates against the schema", async () => {
    await loadFixture("wuhan-vertical-a"); // warm the run-wide cache
    const { stdout } = await run(
      "node",
      [BIN, "check", path.join(FIXTURES, "wuhan-vertical-a"), "--format", "json", ...cacheArgs()],
      { maxBuffer: 64 << 20 },
    );
    const report = ReportSchema.parse(JSON.parse(stdout));
    expect(report.call?.id).toBe("wuhan-vertical-model-2025");
    expect(report.package.files).toHaveLength(3);
  });

  it("--out writes report.json, report.md and report.html; an unknown --call is a usage error", async () => {
    await loadFixture("wuhan-vertical-c");
    const out = await mkdtemp(path.join(os.tmpdir(), "shenbao-check-"));
    try {
      await run("node", [BIN, "check", path.join(FIXTURES, "wuhan-vertical-c"), "--out", out, ...cacheArgs()]);
      const json = ReportSchema.parse(JSON.parse(await readFile(path.join(out, "report.json"), "utf8")));
      expect(await readFile(path.join(out, "report.md"), "utf8")).toContain(`# 申报材料预审报告：${json.package.name}`);
      expect(await readFile(path.join(out, "report.html"), "utf8")).toContain(`申报材料预审报告：${json.package.name}`);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
    await expect(run("node", [BIN, "check", FIXTURES, "--call", "nope"])).rejects.toMatchObject({ code: 2 });
  });

  it("shenbao schema prints a JSON Schema", async () => {
    const { stdout } = await run("node", [BIN, "schema"]);
    expect(JSON.parse(stdout)).toMatchObject({ type: "object", properties: { summary: { type: "object" } } });
  });
});
