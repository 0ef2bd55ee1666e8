/**
 * `shenbao batch`: a thin wrapper over runBatch with a progress line and SIGINT handling. The batch pipeline is
 * imported after the arguments are parsed (`--help` and usage errors answer at once).
 */
import path from "node:path";
import type { BatchProgress } from "./batch.js";
import { parseCommandArgs } from "./cli-args.js";
import { badFailOn, BATCH_FAIL_ON_HELP, batchExitCodeFor, parseFailOn } from "./cli-fail-on.js";
import { llmFromFlags } from "./cli-llm.js";
import { CALL_IDS } from "./extract/types.js";
import { VERDICT_LABELS } from "./report/labels.js";
import { terminal } from "./report/_internal/escape.js";

/** The batch's summary table (batch.ts SUMMARY_XLSX), named here to keep the help free of the pipeline. */
const SUMMARY_XLSX = "汇总表.xlsx";

export const BATCH_HELP = `用法：
  shenbao batch <文件夹|压缩包> --out <目录> [--call 编号] [--concurrency N] [--fail-on 级别]
      输入中每个子文件夹或 .zip 是一个申报包，逐个预审。每个包的报告写入 <目录>/<包名>/report.json|md|html，
      全批结果写入 batch.json、index.html（可排序的总览）和 ${SUMMARY_XLSX}。
      再次运行时，内容和工具版本都未变的申报包沿用上次结果；按 Ctrl+C 会写完正在检查的包后停止。

选项：
  --out <目录>           输出目录（必填）
  --call <编号>          申报通知编号（默认按申报书标题自动识别），可选：${CALL_IDS.join("、")}
  --concurrency <n>      同时检查的申报包数（默认 1；OCR 已使用全部 CPU）
  --password <密码>      加密PDF的打开密码
  --cache <目录>         缓存目录；--no-cache 不使用缓存
  --no-llm               不调用大模型（默认按环境变量 OPENAI_BASE_URL、SHENBAO_LLM_MODEL 配置，见 shenbao check --help）
${BATCH_FAIL_ON_HELP}
`;

export async function runBatchCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    {
      args,
      allowPositionals: true,
      options: {
        out: { type: "string" },
        call: { type: "string" },
        concurrency: { type: "string", default: "1" },
        password: { type: "string" },
        cache: { type: "string" },
        "no-cache": { type: "boolean", default: false },
        "no-llm": { type: "boolean", default: false },
        "fail-on": { type: "string", default: "error" },
        help: { type: "boolean", short: "h", default: false },
      },
    },
    "batch",
  );
  if (values.help) {
    process.stdout.write(BATCH_HELP);
    return 0;
  }
  if (positionals.length !== 1 || !values.out) {
    process.stderr.write("请指定一个输入文件夹或压缩包，并用 --out 指定输出目录。\n\n" + BATCH_HELP);
    return 2;
  }
  const failOn = parseFailOn(values["fail-on"]);
  if (failOn === null) {
    process.stderr.write(badFailOn(values["fail-on"]));
    return 2;
  }
  const concurrency = Number(values.concurrency);
  if (!(Number.isInteger(concurrency) && concurrency > 0)) {
    process.stderr.write(`--concurrency 必须是正整数（收到：${values.concurrency}）\n`);
    return 2;
  }
  if (values.call !== undefined && !(CALL_IDS as readonly string[]).includes(values.call)) {
    process.stderr.write(`未知的申报通知编号：${values.call}\n可选：${CALL_IDS.join("、")}\n`);
    return 2;
  }
  const cacheDir = values["no-cache"] ? false : values.cache;
  const llm = llmFromFlags(values, cacheDir === undefined ? undefined : cacheDir && path.join(cacheDir, "llm"));
  if ("error" in llm) {
    process.stderr.write(`${llm.error}\n`);
    return 2;
  }
  const { BatchInputError, runBatch } = await import("./batch.js");
  const abort = new AbortController();
  const onSigint = () => {
    if (abort.signal.aborted) process.exit(130); // a second Ctrl+C does not wait
    abort.abort();
    process.stderr.write("\n收到中断信号：正在写完检查中的申报包后停止（再按一次 Ctrl+C 立即退出）。\n");
  };
  process.on("SIGINT", onSigint);
  const tty = process.stderr.isTTY === true && !process.env.CI;
  try {
    const result = await runBatch(positionals[0]!, {
      out: values.out,
      concurrency,
      ...(values.call ? { callId: values.call } : {}),
      ...(values.password ? { password: values.password } : {}),
      cacheDir,
      llm: "config" in llm ? llm.config : llm,
      signal: abort.signal,
      onProgress: (p) => process.stderr.write(tty ? `\r${progressLine(p)}\x1b[K` : `${progressLine(p)}\n`),
    });
    if (tty) process.stderr.write("\n");
    const failed = result.packages.filter((p) => p.status === "failed").length;
    process.stderr.write(
      `${result.interrupted ? "已中断" : "已完成"}：${result.packages.length} 个申报包` +
        `${failed ? `（${failed} 个检查失败）` : ""}，批次问题 ${result.findings.length} 项。` +
        `结果见 ${path.join(values.out, "index.html")}\n`,
    );
    return result.interrupted ? 130 : batchExitCodeFor(result, failOn);
  } catch (error) {
    if (!(error instanceof BatchInputError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  } finally {
    process.off("SIGINT", onSigint);
  }
}

export function progressLine(p: BatchProgress): string {
  const outcome =
    p.entry.status === "failed"
      ? `检查失败：${p.entry.error ?? ""}`
      : `${p.entry.verdict ? VERDICT_LABELS[p.entry.verdict] : ""}${p.entry.status === "resumed" ? "（沿用上次结果）" : ""}`;
  const rate = p.perMinute !== undefined ? ` · ${p.perMinute.toFixed(1)} 包/分钟` : "";
  const eta = p.etaMs !== undefined && p.done < p.total ? ` · 预计剩余 ${formatDuration(p.etaMs)}` : "";
  return terminal(`[${p.done}/${p.total}] ${p.entry.name} … ${outcome}${rate}${eta}`);
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} 秒`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} 分 ${s % 60} 秒` : `${Math.floor(m / 60)} 小时 ${m % 60} 分`;
}
