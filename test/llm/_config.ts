/** An LlmConfig for the mock server: small timeouts, a fresh cache directory per test. */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LlmConfig } from "../../src/extract/llm/config.js";

export function testConfig(baseURL: string, over: Partial<LlmConfig> = {}): LlmConfig {
  return {
    baseURL,
    apiKey: "test-key",
    model: "test-model",
    concurrency: 2,
    timeoutMs: 2_000,
    maxRetries: 2,
    tokenBudget: 100_000,
    redact: false,
    redactUscc: false,
    cacheDir: mkdtempSync(path.join(os.tmpdir(), "shenbao-llm-test-")),
    ...over,
  };
}
