/**
 * `shenbao check` and `shenbao schema`: thin wrappers over runCheck and the report writers. The pipeline and
 * the writers are imported after the arguments are parsed (`--help` and usage errors answer at once).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseCommandArgs, requireExistingPaths } from "./cli-args.js";
import { badFailOn, exitCodeFor, FAIL_ON_HELP, parseFailOn } from "./cli-fail-on.js";
import { LLM_FLAG_OPTIONS, llmFromFlags } from "./cli-llm.js";
import { CALL_IDS } from "./extract/types.js";

export const CHECK_HELP = `用法：
  shenbao check <文件|文件夹|压缩包…> [--call 编号] [--format json|md|html|summary|text] [--out 目录] [--fail-on 级别]
      按申报通知检查材料：缺漏、顺序、前后一致、申报条件。给定 --out 时写入 report.json、report.md 和 report.html，否则打印。
  shenbao schema                                  打印 JSON 报告的 JSON Schema（报告契约，供其他工具校验 report.json）

选项：
  --call <编号>          申报通知编号（默认按申报书标题自动识别），可选：${CALL_IDS.join("、")}
  --format json|md|html  打印格式（默认 md）；html 含问题所在页面的截图
  --format summary       评审摘要：关键信息及出处、按武汉市政策的补助估算
  --format text          终端用的简要文本：结论、计数，每个问题一行
${FAIL_ON_HELP}
  --out <目录>           写入 report.json、report.md 与 report.html
  --password <密码>      加密PDF的打开密码
  --cache <目录>         缓存目录；--no-cache 不使用缓存
  --llm-base-url <地址>  大模型接口（OpenAI 兼容），同环境变量 OPENAI_BASE_URL；密钥只从 OPENAI_API_KEY 读取
  --llm-model <名称>     模型名称，同环境变量 SHENBAO_LLM_MODEL
  --no-llm               即使已配置也不调用大模型
  --redact               发送前遮盖身份证号、电话、银行账号（报告中还原）；--redact-uscc 另遮盖统一社会信用代码
      未配置大模型时只做规则检查；大模型只补充抽取、不判定检查结果（详见 docs/llm.md）。
`;

export const SCHEMA_HELP = `用法：
  shenbao schema    打印 JSON 报告（report.json、check --format json）的 JSON Schema，供其他工具校验报告
`;

export async function runSchemaCommand(args: string[] = []): Promise<number> {
  const { values } = parseCommandArgs(
    { args, options: { help: { type: "boolean", short: "h", default: false } } },
    "schema",
  );
  if (values.help) {
    process.stdout.write(SCHEMA_HELP);
    return 0;
  }
  const { reportJsonSchema } = await import("./report/schema.js");
  process.stdout.write(JSON.stringify(reportJsonSchema(), null, 2) + "\n");
  return 0;
}

export async function runCheckCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    {
      args,
      allowPositionals: true,
      options: {
        call: { type: "string" },
        format: { type: "string", default: "md" },
        "fail-on": { type: "string", default: "error" },
        out: { type: "string" },
        password: { type: "string" },
        cache: { type: "string" },
        "no-cache": { type: "boolean", default: false },
        ...LLM_FLAG_OPTIONS,
        help: { type: "boolean", short: "h", default: false },
      },
    },
    "check",
  );
  if (values.help) {
    process.stdout.write(CHECK_HELP);
    return 0;
  }
  if (positionals.length === 0) {
    process.stderr.write("请指定要检查的文件、文件夹或压缩包。\n\n" + CHECK_HELP);
    return 2;
  }
  if (!["json", "md", "html", "summary", "text"].includes(values.format)) {
    process.stderr.write(`--format 只能是 json、md、html、summary 或 text（收到：${values.format}）\n`);
    return 2;
  }
  const failOn = parseFailOn(values["fail-on"]);
  if (failOn === null) {
    process.stderr.write(badFailOn(values["fail-on"]));
    return 2;
  }
  if (values.call !== undefined && !(CALL_IDS as readonly string[]).includes(values.call)) {
    process.stderr.write(`未知的申报通知编号：${values.call}\n可选：${CALL_IDS.join("、")}\n`);
    return 2;
  }
  const llm = llmFromFlags(
    values,
    values["no-cache"] ? false : values.cache ? path.join(values.cache, "llm") : undefined,
  );
  if ("error" in llm) {
    process.stderr.write(`${llm.error}\n`);
    return 2;
  }
  await requireExistingPaths(positionals, "check");
  const [
    { runCheck },
    { formatHtml },
    { formatJson },
    { formatMarkdown },
    { sourcesFromPaths },
    { formatSummary },
    { renderThumbnails },
    { formatText },
  ] = await Promise.all([
    import("./pipeline.js"),
    import("./report/html.js"),
    import("./report/json.js"),
    import("./report/markdown.js"),
    import("./report/sources.js"),
    import("./report/summary-format.js"),
    import("./report/thumbnails.js"),
    import("./report/text.js"),
  ]);
  const report = await runCheck(positionals, {
    llm: "config" in llm ? llm.config : llm,
    ...(values.call ? { callId: values.call } : {}),
    ...(values.password ? { password: values.password } : {}),
    cacheDir: values["no-cache"] ? false : values.cache,
  });
  // Page thumbnails of the findings' places, rendered from the same inputs (never part of report.json).
  const htmlWithThumbnails = async () =>
    formatHtml(report, {
      thumbnails: await renderThumbnails(report, sourcesFromPaths(positionals), {
        ...(values.password ? { password: values.password } : {}),
      }),
    });
  if (values.out) {
    await mkdir(values.out, { recursive: true });
    await writeFile(path.join(values.out, "report.json"), formatJson(report));
    await writeFile(path.join(values.out, "report.md"), formatMarkdown(report));
    await writeFile(path.join(values.out, "report.html"), await htmlWithThumbnails());
    process.stderr.write(`已写入 ${path.join(values.out, "report.json")}、report.md 和 report.html\n`);
  } else if (values.format === "html") {
    process.stdout.write(await htmlWithThumbnails());
  } else {
    const writers = { json: formatJson, md: formatMarkdown, summary: formatSummary, text: formatText };
    process.stdout.write(writers[values.format as keyof typeof writers](report));
  }
  return exitCodeFor(report, failOn);
}
