/**
 * The `shenbao` command. Sub-commands stay thin: parse flags, call the library, print. Only argument parsing
 * and help texts are imported up front; the reading pipeline (pdf.js, OCR, sharp …) is imported once the
 * arguments are known to be valid, so `--help` and usage errors answer at once.
 */
import { parseCommandArgs, requireExistingPaths, UsageError } from "./cli-args.js";
import { CALL_IDS, type CallId } from "./extract/types.js";
import { VERSION } from "./version.js";
import { isOcrEngineName, OCR_ENGINES, setDefaultOcrEngine } from "./ingest/_internal/ocr-choice.js";

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

通用选项：
  --ocr tesseract|paddle 文字识别引擎（所有命令通用；默认 tesseract，也可用环境变量 SHENBAO_OCR_ENGINE）

每个命令的选项见 shenbao <命令> --help（如 shenbao check --help、shenbao ingest --help）。
申报通知编号（--call）：
  ${CALL_IDS.join("\n  ")}

说明：完全离线运行；OCR 语言数据来自本地 npm 包，不访问网络。
`;

export const READ_HELP = (command: "ingest" | "extract") => `用法：
  shenbao ${command} <文件|文件夹|压缩包…> [选项]
      ${
        command === "ingest"
          ? "读取申报材料，输出每一页的文字（含来源：文字层/OCR/Word、置信度、印刷页码）"
          : "识别文档类型（含合并PDF的拆分）并抽取申报书、证照、财务文件的字段，每个字段附出处（文件、页码、原文）"
      }

选项：
  --format text|json     输出格式（默认 text）
  --password <密码>      加密PDF的打开密码
  --cache <目录>         缓存目录（默认 ~/.cache/shenbao，OCR结果存于其下 ocr/）
  --no-cache             不使用OCR缓存
  --concurrency <n>      同时读取的文件数（默认 2）${
    command === "extract"
      ? `
  --call <编号>          申报通知编号（默认按申报书标题自动识别），可选：
                         ${CALL_IDS.join("\n                         ")}`
      : ""
  }
`;

const isHelp = (arg: string | undefined) => arg === "--help" || arg === "-h" || arg === "help";

export async function main(argv: string[]): Promise<number> {
  try {
    return await dispatch(takeOcrFlag(argv));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const help = e.command ? `shenbao ${e.command} --help` : "shenbao --help";
    process.stderr.write(`参数错误：${e.message}\n运行 ${help} 查看用法。\n`);
    return 2;
  }
}

async function dispatch(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || isHelp(command)) {
    process.stdout.write(HELP);
    return 0;
  }
  if (command === "--version" || command === "-v") {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command === "ingest" || command === "extract") return runReadCommand(command, rest);
  if (command === "check") return (await import("./cli-check.js")).runCheckCommand(rest);
  if (command === "schema") return (await import("./cli-check.js")).runSchemaCommand(rest);
  if (command === "batch") return (await import("./cli-batch.js")).runBatchCommand(rest);
  if (command === "serve") return (await import("./cli-serve.js")).runServeCommand(rest);
  if (command === "calls") return (await import("./cli-calls.js")).runCallsCommand(rest);
  if (command === "explain") return (await import("./cli-explain.js")).runExplainCommand(rest);
  process.stderr.write(`未知命令：${command}\n\n${HELP}`);
  return 2;
}

async function runReadCommand(command: "ingest" | "extract", args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    {
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
    },
    command,
  );
  if (values.help) {
    process.stdout.write(READ_HELP(command));
    return 0;
  }
  if (positionals.length === 0) {
    process.stderr.write("请指定要读取的文件、文件夹或压缩包。\n\n" + READ_HELP(command));
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
  if (values.call !== undefined && command === "ingest") throw new UsageError("--call 只用于 extract", command);
  if (values.call !== undefined && !(CALL_IDS as readonly string[]).includes(values.call)) {
    process.stderr.write(`未知的申报通知编号：${values.call}\n可选：${CALL_IDS.join("、")}\n`);
    return 2;
  }
  await requireExistingPaths(positionals, command);
  const [{ ingest }, { terminal }] = await Promise.all([
    import("./ingest/ingest.js"),
    import("./report/_internal/escape.js"),
  ]);
  const pkg = await ingest(positionals, {
    password: values.password,
    cacheDir: values["no-cache"] ? false : values.cache,
    concurrency,
    onFile: (file, done, total) => {
      if (process.stderr.isTTY) process.stderr.write(`\r已读取 ${done}/${total}：${terminal(file.path)}\x1b[K`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
  if (command === "ingest") {
    const { formatPackageText } = await import("./ingest/text-format.js");
    process.stdout.write(
      values.format === "json" ? JSON.stringify(pkg, null, 2) + "\n" : terminal(formatPackageText(pkg)),
    );
    return 0;
  }
  const [{ extract }, { formatExtractionText }] = await Promise.all([
    import("./extract/extract.js"),
    import("./extract/text-format.js"),
  ]);
  const extraction = extract(pkg, values.call ? { callId: values.call as CallId } : {});
  if (values.format === "json") {
    const { documents, fields, call, form, toc } = extraction;
    process.stdout.write(
      JSON.stringify({ call, documents, fields, form, toc, findings: pkg.findings }, null, 2) + "\n",
    );
  } else {
    process.stdout.write(terminal(formatExtractionText(extraction)));
  }
  return 0;
}

/**
 * `--ocr <engine>` (or `--ocr=<engine>`), accepted by every command: taken out of the arguments before the command
 * parses them, and made the engine of every OCR service the command creates (ingest/_internal/ocr-choice.ts).
 */
function takeOcrFlag(argv: string[]): string[] {
  const out: string[] = [];
  let engine: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      out.push(...argv.slice(i));
      break;
    }
    if (arg === "--ocr") engine = argv[++i] ?? "";
    else if (arg.startsWith("--ocr=")) engine = arg.slice("--ocr=".length);
    else out.push(arg);
  }
  if (engine === undefined) return out;
  if (!isOcrEngineName(engine))
    throw new UsageError(`--ocr 的取值无效：${engine || "（空）"}，可选：${OCR_ENGINES.join("、")}`);
  setDefaultOcrEngine(engine);
  return out;
}
