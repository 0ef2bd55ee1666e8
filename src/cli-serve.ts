/** `shenbao serve`: flags → startServer; Ctrl+C stops it and deletes the temporary folders. */
import path from "node:path";
import type { z as Zod } from "zod";
import { parseCommandArgs } from "./cli-args.js";
import { LLM_FLAG_OPTIONS, llmFromFlags } from "./cli-llm.js";

export const SERVE_HELP = `用法：
  shenbao serve [--port 8080] [--host 127.0.0.1] [选项]
      启动申报材料自助预审网页：申报单位上传材料（多个文件或一个 zip），选择申报通知（或自动识别），
      在网页上查看预审报告，并下载 JSON、Markdown 和汇总表（Excel）。

选项：
  --port <端口>          监听端口（默认 8080；0 表示任选空闲端口）
  --host <地址>          监听地址（默认 127.0.0.1，只有本机可以访问；--host 0.0.0.0 对局域网开放）
  --allowed-host <域名>  允许用这个域名访问本页面（可写多次）；默认只接受 IP 地址、localhost 和 --host 的名字，
                         其他域名一律拒绝（防止 DNS 重绑定）；放在反向代理后面时写代理对外的域名
  --max-file-mb <n>      单个文件大小上限，MB（默认 50）
  --max-files <n>        一次上传的文件个数上限（默认 30）
  --max-total-mb <n>     一次上传的合计大小上限，MB（默认 200）
  --keep                 保留每次上传的材料和生成的报告（默认检查完即删除），保存位置写在日志中
  --work-dir <目录>      存放临时文件的目录（默认系统临时目录）
  --result-minutes <n>   检查结果在内存中保留的分钟数（默认 60）
  --max-results <n>      内存中最多保留的检查结果份数（默认 20，超出时先清除最早的）
  --max-queued <n>       同时排队和检查中的任务上限（默认 10，超出时提示稍后再试）
  --cache <目录>         使用 OCR 与读取结果缓存（默认不缓存，以免在服务器上留下材料内容）
  --llm-base-url <地址>  大模型接口，同 shenbao check（也可用环境变量 OPENAI_BASE_URL、SHENBAO_LLM_MODEL 配置）
  --llm-model <名称>     模型名称
  --no-llm               不调用大模型
  --redact               发送前遮盖身份证号、电话、银行账号；--redact-uscc 另遮盖统一社会信用代码
`;

/** The flags' schema; zod is loaded after `--help` has had its chance to answer. */
function flagsSchema(z: typeof Zod) {
  const int = (min: number) => z.coerce.number().int().min(min);
  const positive = z.coerce.number().positive();
  return z.object({
    port: int(0).max(65535).default(8080),
    host: z.string().min(1).default("127.0.0.1"),
    "max-file-mb": positive.default(50),
    "max-files": int(1).max(1000).default(30),
    "max-total-mb": positive.default(200),
    keep: z.boolean().default(false),
    "work-dir": z.string().min(1).optional(),
    "result-minutes": positive.default(60),
    "max-results": int(1).default(20),
    "max-queued": int(1).default(10),
    cache: z.string().min(1).optional(),
    "allowed-host": z.array(z.string().min(1)).default([]),
  });
}

const FLAG_NAMES: Record<string, string> = {
  port: "--port",
  host: "--host",
  "max-file-mb": "--max-file-mb",
  "max-files": "--max-files",
  "max-total-mb": "--max-total-mb",
  "result-minutes": "--result-minutes",
  "max-results": "--max-results",
  "max-queued": "--max-queued",
  "allowed-host": "--allowed-host",
};

export async function runServeCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    {
      args,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "allowed-host": { type: "string", multiple: true },
        "max-file-mb": { type: "string" },
        "max-files": { type: "string" },
        "max-total-mb": { type: "string" },
        keep: { type: "boolean" },
        "work-dir": { type: "string" },
        "result-minutes": { type: "string" },
        "max-results": { type: "string" },
        "max-queued": { type: "string" },
        cache: { type: "string" },
        ...LLM_FLAG_OPTIONS,
        help: { type: "boolean", short: "h", default: false },
      },
    },
    "serve",
  );
  if (values.help) {
    process.stdout.write(SERVE_HELP);
    return 0;
  }
  const { z } = await import("zod");
  const parsed = flagsSchema(z).safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = FLAG_NAMES[String(issue.path[0])] ?? String(issue.path[0]);
    process.stderr.write(`${flag} 的值无效（收到：${String(values[issue.path[0] as keyof typeof values])}）\n`);
    return 2;
  }
  const flags = parsed.data;

  // LLM answers quote the applicants' text: cached only where the operator asked for a cache.
  const llm = llmFromFlags(values, flags.cache ? path.join(flags.cache, "llm") : false);
  if ("error" in llm) {
    process.stderr.write(`${llm.error}\n`);
    return 2;
  }

  const log = (line: string) => process.stderr.write(`[${new Date().toLocaleString("zh-CN")}] ${line}\n`);
  // The server (Fastify, and through runCheck the whole pipeline) is loaded once the flags are valid.
  const { startServer } = await import("./serve/server.js");
  let server;
  try {
    server = await startServer({
      host: flags.host,
      port: flags.port,
      allowedHosts: flags["allowed-host"],
      maxFileBytes: Math.round(flags["max-file-mb"] * 1024 * 1024),
      maxFiles: flags["max-files"],
      maxTotalBytes: Math.round(flags["max-total-mb"] * 1024 * 1024),
      keep: flags.keep,
      ...(flags["work-dir"] ? { workDir: path.resolve(flags["work-dir"]) } : {}),
      resultTtlMs: Math.round(flags["result-minutes"] * 60_000),
      maxResults: flags["max-results"],
      maxQueued: flags["max-queued"],
      cacheDir: flags.cache ?? false,
      llm: "config" in llm ? llm.config : llm,
      log,
    });
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === "EADDRINUSE") process.stderr.write(`端口 ${flags.port} 已被占用，请用 --port 换一个端口。\n`);
    else if (code === "EADDRNOTAVAIL") process.stderr.write(`无法监听地址 ${flags.host}，请检查 --host。\n`);
    else if (code === "EACCES") process.stderr.write(`没有权限监听端口 ${flags.port}，请换用 1024 以上的端口。\n`);
    else throw e;
    return 1;
  }

  process.stderr.write(`申报材料自助预审已启动：${server.url}\n按 Ctrl+C 停止。\n`);
  if (!isLoopback(flags.host)) {
    process.stderr.write("注意：已对本机以外开放访问（--host）。页面没有登录功能，请只在可信网络中使用。\n");
  }
  if (flags.keep) process.stderr.write("注意：已开启 --keep，上传的材料和报告会保留在磁盘上。\n");
  if ("reason" in llm) log(llm.reason);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(130); // a second Ctrl+C does not wait for the clean-up
      stopping = true;
      log(`收到 ${signal}，正在停止并删除临时文件…`);
      void server.close().then(
        () => {
          log("已停止。");
          resolve(0);
          // A check still running (OCR worker threads) would keep the process alive.
          setImmediate(() => process.exit(0));
        },
        (e: unknown) => {
          log(`停止时出错：${e instanceof Error ? e.message : String(e)}`);
          process.exit(1);
        },
      );
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}
