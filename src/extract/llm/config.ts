/**
 * LLM stage configuration from the environment (OPENAI_BASE_URL, OPENAI_API_KEY, SHENBAO_LLM_MODEL, …) and CLI
 * flags of the same meaning. The key is read from the environment only: a key on the command line ends up in
 * shell history and process lists.
 */
export interface LlmConfig {
  /** OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1 (vLLM) or https://api.deepseek.com/v1. */
  baseURL: string;
  /** Servers that take no key (vLLM, Ollama) get a placeholder: the openai client requires one. */
  apiKey: string;
  model: string;
  /** Requests in flight at once. */
  concurrency: number;
  /** Requests started per minute; undefined: no limit beyond `concurrency`. */
  requestsPerMinute?: number;
  /** Per request, in ms. */
  timeoutMs: number;
  /** Retries after 429 / 5xx / connection errors (the openai client backs off exponentially, honouring Retry-After). */
  maxRetries: number;
  /** Tokens (prompt + completion) one package may spend; requests beyond it are skipped and counted. */
  tokenBudget: number;
  /** Mask 身份证号, phone numbers and bank accounts before text leaves the machine. */
  redact: boolean;
  /** Also mask 统一社会信用代码. */
  redactUscc: boolean;
  /** Response cache directory; false: no cache. Default: ~/.cache/shenbao/llm. */
  cacheDir?: string | false;
}

export interface LlmFlags {
  baseUrl?: string;
  model?: string;
  redact?: boolean;
  redactUscc?: boolean;
  cacheDir?: string | false;
}

export const LLM_DEFAULTS = {
  concurrency: 4,
  timeoutMs: 60_000,
  maxRetries: 3,
  tokenBudget: 200_000,
} as const;

export type ResolvedLlm = { config: LlmConfig } | { reason: string };

export class LlmConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LlmConfigError";
  }
}

export function resolveLlmConfig(env: NodeJS.ProcessEnv, flags: LlmFlags = {}): ResolvedLlm {
  const baseURL = flags.baseUrl ?? env.OPENAI_BASE_URL;
  if (!baseURL) return { reason: "未配置大模型接口（OPENAI_BASE_URL 或 --llm-base-url），已跳过大模型阶段" };
  const model = flags.model ?? env.SHENBAO_LLM_MODEL;
  if (!model) return { reason: "已配置大模型接口但未指定模型（SHENBAO_LLM_MODEL 或 --llm-model），已跳过大模型阶段" };
  try {
    new URL(baseURL);
  } catch {
    throw new LlmConfigError(`大模型接口地址无效：${baseURL}`);
  }
  const rpm = positive(env, "SHENBAO_LLM_RPM");
  return {
    config: {
      baseURL,
      apiKey: env.OPENAI_API_KEY || "not-needed",
      model,
      concurrency: positive(env, "SHENBAO_LLM_CONCURRENCY") ?? LLM_DEFAULTS.concurrency,
      ...(rpm !== undefined ? { requestsPerMinute: rpm } : {}),
      timeoutMs: positive(env, "SHENBAO_LLM_TIMEOUT_MS") ?? LLM_DEFAULTS.timeoutMs,
      maxRetries: positive(env, "SHENBAO_LLM_MAX_RETRIES", true) ?? LLM_DEFAULTS.maxRetries,
      tokenBudget: positive(env, "SHENBAO_LLM_TOKEN_BUDGET") ?? LLM_DEFAULTS.tokenBudget,
      redact: flags.redact ?? env.SHENBAO_LLM_REDACT === "1",
      redactUscc: flags.redactUscc ?? env.SHENBAO_LLM_REDACT_USCC === "1",
      ...(flags.cacheDir !== undefined ? { cacheDir: flags.cacheDir } : {}),
    },
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, zeroOk = false): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < (zeroOk ? 0 : 1))
    throw new LlmConfigError(`${name} 必须是${zeroOk ? "非负" : "正"}整数（收到：${raw}）`);
  return n;
}
