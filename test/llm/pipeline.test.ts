import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCheckCommand } from "../../src/cli-check.js";
import { LLM_SKIPPED, runCheck } from "../../src/pipeline.js";
import { ReportSchema } from "../../src/report/schema.js";
import { sharedCacheDir } from "../_support/cache.js";
import { testConfig } from "./_config.js";
import { FORM_DOCX } from "./_fixture.js";
import { startMockServer, taskOf, type MockServer } from "./_server.js";

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer((req) => ({
    content: JSON.stringify(
      taskOf(req) === "fields"
        ? {
            fields: [{ key: "dataset.source", value: "自建工业缺陷图像库", quote: "训练数据集包括自建工业缺陷图像库" }],
          }
        : taskOf(req) === "narrative"
          ? { missing: [] }
          : {},
    ),
  }));
});
afterAll(() => server.close());

const cacheDir = sharedCacheDir();

describe("runCheck with the LLM stage", () => {
  it("is skipped with a reason when not configured", async () => {
    const report = await runCheck([FORM_DOCX], { cacheDir });
    expect(report.stages.llm).toEqual({ used: false, reason: LLM_SKIPPED });
  });

  it("runs between extract and checks, reports usage, and a re-run costs no calls", async () => {
    const llm = testConfig(server.baseURL);
    const first = await runCheck([FORM_DOCX], { cacheDir, llm });
    expect(ReportSchema.parse(first)).toEqual(first);
    expect(first.fields.find((f) => f.key === "dataset.source")?.extractor).toBe("llm:test-model");
    expect(first.stages.llm).toMatchObject({
      used: true,
      model: "test-model",
      calls: expect.any(Number),
      tokens: expect.any(Number),
    });
    const calls = first.stages.llm.used ? first.stages.llm.calls : 0;
    expect(calls).toBeGreaterThan(0);
    expect(server.requests).toHaveLength(calls);

    const again = await runCheck([FORM_DOCX], { cacheDir, llm });
    // One cache hit per task (a repaired or invalid answer cost two calls the first time); counts stay the same.
    expect(again.stages.llm).toMatchObject({
      used: true,
      calls: 0,
      tokens: 0,
      cachedCalls: 4,
      invalid: 1,
      fieldsAdded: 1,
    });
    expect(again.fields).toEqual(first.fields);
    expect(again.findings).toEqual(first.findings);
    expect(server.requests).toHaveLength(calls);
  });
});

describe("shenbao check --llm-model", () => {
  it("takes the endpoint from OPENAI_BASE_URL and the model from the flag", async () => {
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
    vi.stubEnv("OPENAI_BASE_URL", server.baseURL);
    vi.stubEnv("OPENAI_API_KEY", "");
    try {
      // A lone form lacks the other materials (errors): --fail-on none keeps the exit code about the command itself.
      const args = [FORM_DOCX, "--format", "json", "--llm-model", "cli-model", "--no-cache", "--fail-on", "none"];
      const code = await runCheckCommand(args);
      expect(code).toBe(0);
    } finally {
      write.mockRestore();
      vi.unstubAllEnvs();
    }
    const report = ReportSchema.parse(JSON.parse(out.join("")));
    expect(report.stages.llm).toMatchObject({ used: true, model: "cli-model" });
    expect(server.requests.at(-1)?.model).toBe("cli-model");
  });
});
