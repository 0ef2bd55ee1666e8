/** An LlmConfig for the mock server: small timeouts, a fresh cache directory per test (removed after the file). */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import type { LlmConfig } from "../../src/extract/llm/config.js";

const made: string[] = [];

// Registered when a test file imports this helper: the file's cache folders go when the file is done.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function testConfig(baseURL: string, over: Partial<LlmConfig> = {}): LlmConfig {
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), "shenbao-llm-test-"));
  made.push(cacheDir);
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
    cacheDir,
    ...over,
  };
}
