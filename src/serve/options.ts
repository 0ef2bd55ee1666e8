/**
 * The web self-check's settings (validated with zod at the boundary: `startServer` and `shenbao serve` flags)
 * and the Chinese messages for uploads over the limits, shared by the server and the page.
 */
import os from "node:os";
import { z } from "zod";
import type { CheckOptions, runCheck } from "../pipeline.js";

const MB = 1024 * 1024;

export const ServeSettingsSchema = z.object({
  /** Loopback by default: opening the page to the network is an explicit choice (`--host 0.0.0.0`). */
  host: z.string().min(1).default("127.0.0.1"),
  /** 0: any free port (tests). */
  port: z.number().int().min(0).max(65535).default(8080),
  maxFileBytes: z
    .number()
    .int()
    .positive()
    .default(50 * MB),
  maxFiles: z.number().int().positive().max(1000).default(30),
  maxTotalBytes: z
    .number()
    .int()
    .positive()
    .default(200 * MB),
  /** Keep each job's uploads and reports on disk (in its folder under workDir) instead of deleting them. */
  keep: z.boolean().default(false),
  /** Where the per-job temporary folders are made; default the OS temp folder. */
  workDir: z.string().min(1).default(os.tmpdir()),
  /** Finished results are dropped from memory after this long… */
  resultTtlMs: z
    .number()
    .int()
    .positive()
    .default(60 * 60 * 1000),
  /** …or when more than this many finished results are held (oldest first). */
  maxResults: z.number().int().positive().default(20),
  /** Jobs waiting or running at once; more submissions are refused until one finishes. */
  maxQueued: z.number().int().positive().default(10),
  /** Jobs checked at the same time (OCR already uses every core). */
  concurrency: z.number().int().positive().default(1),
  /**
   * shenbao's cache (OCR and file results, by content hash). Off by default: a cache would keep text read
   * from the applicants' files after their job is gone.
   */
  cacheDir: z.union([z.string().min(1), z.literal(false)]).default(false),
  /**
   * Host names (a `Host` header, port ignored) the page may be reached under besides IP addresses, localhost
   * and the listening name: the names of a reverse proxy. Any other name is refused (DNS rebinding).
   */
  allowedHosts: z
    .array(z.string().min(1))
    .default([])
    .transform((hosts) => hosts.map(normalizeHostName)),
  /** An upload that sends nothing for this long is answered 408 and its slot released (a stalled or lying client). */
  uploadIdleMs: z.number().int().positive().default(60_000),
});

/** `Host`-header name without port, lowercase, without a trailing dot; IPv6 without brackets. */
export function normalizeHostName(host: string): string {
  let name = host.trim().toLowerCase();
  if (name.startsWith("[")) name = name.slice(1, name.indexOf("]") > 0 ? name.indexOf("]") : undefined);
  else if (name.split(":").length === 2) name = name.slice(0, name.indexOf(":"));
  return name.replace(/\.$/, "");
}

export type ServeSettings = z.output<typeof ServeSettingsSchema>;

export type StartServerOptions = z.input<typeof ServeSettingsSchema> & {
  /** The LLM stage, resolved as `shenbao check` does (resolveLlmConfig); absent: skipped. */
  llm?: CheckOptions["llm"];
  /** One line per job event, for the operator (never shown to applicants). */
  log?: (line: string) => void;
  /** The check to run per job (default runCheck); tests inject a failing one. */
  check?: typeof runCheck;
};

export function formatMb(bytes: number): string {
  const mb = bytes / MB;
  return `${Number.isInteger(mb) ? mb : mb < 1 ? mb.toFixed(2) : mb.toFixed(1)} MB`;
}

/** The limit messages; the page shows the same words when it checks the files before uploading. */
export const limitMessages = {
  tooManyFiles: (max: number) =>
    `一次最多上传 ${max} 个文件。请把材料打包成一个 zip 压缩包后上传，或删去与申报无关的文件。`,
  fileTooLarge: (name: string, max: number) =>
    `文件「${name}」超过单个文件 ${formatMb(max)} 的上限。请压缩（如降低扫描分辨率）或拆分后重新上传。`,
  totalTooLarge: (max: number) => `本次上传的文件合计超过 ${formatMb(max)} 的上限。请精简材料后重新上传。`,
};

/** Answers to requests that are broken or refused before anything is checked. */
export const requestMessages = {
  busy: "当前排队检查的材料较多，请稍等几分钟后再提交。",
  malformed: "上传的内容格式有误，请在页面上重新选择文件提交。",
  aborted: "上传中断，请检查网络后重新上传。",
  idle: "上传超时：长时间没有收到数据。请检查网络后重新上传。",
  fieldTooLong: "提交的选项过长，请刷新页面后重试。",
  badRequest: "请求格式有误，请刷新页面后重试。",
  headersTooLarge: "请求头过大，请清除本站的浏览器数据后重试。",
  foreignHost:
    "访问地址（Host）不被允许：请用启动信息中显示的地址打开本页面；通过域名访问时，请管理员用 --allowed-host 添加该域名。",
  foreignOrigin: "请从本系统的页面提交材料。",
};
