/**
 * The `shenbao` command. Sub-commands stay thin: parse flags, call the library, print.
 */
import { parseArgs } from "node:util";
import { ingest } from "./ingest/ingest.js";
import { formatPackageText } from "./ingest/text-format.js";
import { VERSION } from "./version.js";
import { extract } from "./extract/extract.js";
import { formatExtractionText } from "./extract/text-format.js";
import { CALL_IDS, type CallId } from "./extract/types.js";
import { runBatchCommand } from "./cli-batch.js";
import { runCheckCommand, runSchemaCommand } from "./cli-check.js";

const HELP = `shenbao ${VERSION} — 申报材料智能预审

用法：
  shenbao check <文件|文件夹|压缩包…> [选项]    按申报通知预审：缺漏、顺序、前后一致、申报条件（详见 shenbao check --help）
  shenbao batch <文件夹|压缩包> --out <目录>      批量预审：每个子文件夹或压缩包一个申报包，输出报告、总览和汇总表
  shenbao serve [--port 端口] [选项]              自助预审网页：上传材料、在浏览器中查看报告并下载（详见 shenbao serve --help）
  shenbao schema                                  打印 JSON 报告的 JSON Schema
  shenbao calls                                   列出申报通知规则包：编号、名称、版本、截止日期
  shenbao explain <规则编号>                      说明规则检查什么，以及依据哪份通知的哪句原文
  shenbao ingest <文件|文件夹|压缩包…> [选项]   读取申报材料，输出每一页的文字（含来源、置信度、页码）
  shenbao extract <文件|文件夹|压缩包…> [选项]  识别文档类型并抽取字段（每个字段附出处：文件、页码、原文）
  shenbao --help                                  显示本帮助
  shenbao --version                               显示版本

选项（ingest、extract 通用）：
  --format text|json     输出格式（默认 text）
  --password <密码>      加密PDF的打开密码
  --cache <目录>         缓存目录（默认 ~/.cache/shenbao，OCR结果存于其下 ocr/）
  --no-cache             不使用OCR缓存
  --concurrency <n>      同时读取的文件数（默认 2）
  --call <编号>          申报通知编号（extract；默认按申报书标题自动识别），可选：
                         ${CALL_IDS.join("\n                         ")}

说明：完全离线运行；OCR 语言数据来自本地 npm 包，不访问网络。
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(HELP);
    return 0;
  }
  if (command === "--version" || command === "-v") {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command === "ingest" || command === "extract") return runReadCommand(command, rest);
  if (command === "check") return runCheckCommand(rest);
  if (command === "schema") return runSchemaCommand();
  if (command === "batch") return runBatchCommand(rest);
  if (command === "serve") return (await import("./cli-serve.js")).runServeCommand(rest);
  if (command === "calls") return (await import("./cli-calls.js")).runCallsCommand(rest);
  if (command === "explain") return (await import("./cli-explain.js")).runExplainCommand(rest);
  process.stderr.write(`未知命令：${command}\n\n${HELP}`);
  return 2;
}

async function runReadCommand(command: "ingest" | "extract", args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "text" },
      password: { type: "string" },
      cache: { type: "string" },
      "no-cache": { type: "boolean", default: false },
      concurrency: { type: "string" },
      call: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length === 0) {
    process.stderr.write("请指定要读取的文件、文件夹或压缩包。\n\n" + HELP);
    return 2;
  }
  if (values.format !== "text" && values.format !== "json") {
    process.stderr.write(`--format 只能是 text 或 json（收到：${values.format}）\n`);
    return 2;
  }
  const concurrency = values.concurrency ? Number(values.concurrency) : undefined;
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0)) {
    process.stderr.write(`--concurrency 必须是正整数（收到：${values.concurrency}）\n`);
    return 2;
  }
  if (values.call !== undefined && !(CALL_IDS as readonly string[]).includes(values.call)) {
    process.stderr.write(`未知的申报通知编号：${values.call}\n可选：${CALL_IDS.join("、")}\n`);
    return 2;
  }
  const pkg = await ingest(positionals, {
    password: values.password,
    cacheDir: values["no-cache"] ? false : values.cache,
    concurrency,
    onFile: (file, done, total) => {
      if (process.stderr.isTTY) process.stderr.write(`\r已读取 ${done}/${total}：${file.path}\x1b[K`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
  if (command === "ingest") {
    process.stdout.write(values.format === "json" ? JSON.stringify(pkg, null, 2) + "\n" : formatPackageText(pkg));
    return 0;
  }
  const extraction = extract(pkg, values.call ? { callId: values.call as CallId } : {});
  if (values.format === "json") {
    const { documents, fields, call, form, toc } = extraction;
    process.stdout.write(
      JSON.stringify({ call, documents, fields, form, toc, findings: pkg.findings }, null, 2) + "\n",
    );
  } else {
    process.stdout.write(formatExtractionText(extraction));
  }
  return 0;
}
