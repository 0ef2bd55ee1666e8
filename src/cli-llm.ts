/**
 * The LLM flags that `check`, `batch` and `serve` share: the environment configures the stage (OPENAI_BASE_URL,
 * SHENBAO_LLM_MODEL, OPENAI_API_KEY), flags override it, `--no-llm` turns it off.
 */
import { LlmConfigError, resolveLlmConfig } from "./extract/llm/config.js";

export const LLM_FLAG_OPTIONS = {
  "llm-base-url": { type: "string" },
  "llm-model": { type: "string" },
  "no-llm": { type: "boolean", default: false },
  redact: { type: "boolean" },
  "redact-uscc": { type: "boolean" },
} as const;

export interface LlmFlags {
  "llm-base-url"?: string | undefined;
  "llm-model"?: string | undefined;
  "no-llm"?: boolean | undefined;
  redact?: boolean | undefined;
  "redact-uscc"?: boolean | undefined;
}

export type LlmSetting = ReturnType<typeof resolveLlmConfig>;

/**
 * The LLM stage's setting, or the Chinese message of an invalid configuration (the caller prints it and exits 2).
 * `cacheDir`: where LLM answers are cached; false for none, undefined for the default.
 */
export function llmFromFlags(values: LlmFlags, cacheDir: string | false | undefined): LlmSetting | { error: string } {
  if (values["no-llm"]) return { reason: "已用 --no-llm 关闭大模型阶段" };
  try {
    return resolveLlmConfig(process.env, {
      ...(values["llm-base-url"] ? { baseUrl: values["llm-base-url"] } : {}),
      ...(values["llm-model"] ? { model: values["llm-model"] } : {}),
      ...(values.redact !== undefined ? { redact: values.redact } : {}),
      ...(values["redact-uscc"] ? { redact: true, redactUscc: true } : {}),
      ...(cacheDir !== undefined ? { cacheDir } : {}),
    });
  } catch (e) {
    if (e instanceof LlmConfigError) return { error: e.message };
    throw e;
  }
}
