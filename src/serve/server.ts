/**
 * `shenbao serve`: the applicant's web self-check. One page (GET /), an upload that becomes a job
 * (POST /api/jobs), a status to poll (GET /api/jobs/:id) and the reports (GET /api/jobs/:id/<artifact>).
 * Every answer to the page is Chinese; internal errors are logged for the operator, never shown.
 */
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { mkdir, rm, stat } from "node:fs/promises";
import { isIP, type Socket } from "node:net";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import multipart from "@fastify/multipart";
import Fastify, { type FastifyError, type FastifyRequest } from "fastify";
import { z } from "zod";
import { CALL_IDS } from "../extract/types.js";
import { packageNameFor, safeFileName, uniqueName } from "./files.js";
import { JOB_ID, JobStore, type Artifact } from "./jobs.js";
import {
  limitMessages,
  normalizeHostName,
  requestMessages,
  ServeSettingsSchema,
  type ServeSettings,
  type StartServerOptions,
} from "./options.js";
import { renderPage } from "./page.js";

export type { StartServerOptions } from "./options.js";

export interface RunningServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** Stops listening and deletes every temporary folder (see JobStore.close). */
  close(): Promise<void>;
}

/** An upload refused with a message for the applicant. */
class UploadError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

const FormSchema = z.object({
  call: z.union([z.literal(""), z.literal("auto"), z.enum(CALL_IDS)]).default("auto"),
  password: z.string().max(200).default(""),
});

const JobParams = z.object({ id: z.string().regex(JOB_ID) });
const ArtifactParams = JobParams.extend({
  artifact: z.enum(["report.html", "report.json", "report.md", "summary.xlsx"]),
});
const ArtifactQuery = z.object({ download: z.literal("1").optional() });

const NOT_FOUND = "未找到该检查任务：链接有误，或结果已过期被清除（结果只保留有限时间）。请重新上传材料检查。";

const CONTENT_TYPES: Record<Artifact, string> = {
  "report.html": "text/html; charset=utf-8",
  "report.json": "application/json; charset=utf-8",
  "report.md": "text/markdown; charset=utf-8",
  "summary.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

const DOWNLOAD_NAMES: Record<Artifact, string> = {
  "report.html": "预审报告.html",
  "report.json": "预审报告.json",
  "report.md": "预审报告.md",
  "summary.xlsx": "汇总表.xlsx",
};

/** The report page has no scripts; it may only be framed by the self-check page. */
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const { llm, log, check, ...rest } = options;
  const settings = ServeSettingsSchema.parse(rest);
  const store = new JobStore(settings, { llm, log, check });
  const llmUsed = llm !== undefined && !("reason" in llm);
  // Shutting down must not wait for idle keep-alive connections of browsers.
  const app = Fastify({
    logger: false,
    bodyLimit: 64 * 1024,
    forceCloseConnections: true,
    clientErrorHandler: answerClientError,
  });

  await app.register(multipart, {
    throwFileSizeLimit: true,
    // Names are made safe by safeFileName, which keeps them whole; busboy's own basename() would cut
    // 「材料<b>粗</b>.zip」 at the slash.
    preservePath: true,
    limits: {
      fileSize: settings.maxFileBytes,
      files: settings.maxFiles,
      fields: 10,
      fieldNameSize: 100,
      fieldSize: 4096,
      parts: settings.maxFiles + 10,
      // A part of the page's form has two or three header lines.
      headerPairs: 20,
      // busboy's limit of one part's header block (typed out of @fastify/multipart's options, passed through).
      ...({ headerSize: 8 * 1024 } as object),
    },
  });

  app.addHook("onSend", async (_request, reply) => {
    reply.header("X-Content-Type-Options", "nosniff");
    reply.header("Referrer-Policy", "no-referrer");
    // Reports hold the applicant's data: no browser or proxy cache keeps a copy.
    reply.header("Cache-Control", "no-store");
  });

  // A page of another site must not reach this server through the applicant's browser: under a name that
  // resolves here (DNS rebinding: Host and Origin both the foreign name), nor by submitting a form to it.
  const allowedHost = hostPolicy(settings);
  app.addHook("onRequest", async (request, reply) => {
    const host = request.headers.host;
    if (host !== undefined && !allowedHost(host)) {
      reply.header("Connection", "close");
      return request.url.startsWith("/api/")
        ? reply.code(403).send({ error: requestMessages.foreignHost })
        : reply.code(403).type("text/plain; charset=utf-8").send(requestMessages.foreignHost);
    }
    if (request.method !== "POST") return;
    const origin = request.headers.origin;
    if (origin !== undefined && hostOf(origin) !== host) {
      reply.header("Connection", "close");
      return reply.code(403).send({ error: requestMessages.foreignOrigin });
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof UploadError) {
      // The rest of a refused body is not read: the connection cannot carry another request.
      if (!request.raw.readableEnded) reply.header("Connection", "close");
      return reply.code(error.statusCode).send({ error: error.message });
    }
    const code = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    // A client's mistake (a body Fastify cannot parse, an unsupported media type) is not the operator's problem.
    if (code === 500) log?.(`请求 ${request.method} ${request.url} 出错：${error.stack ?? error.message}`);
    return reply
      .code(code)
      .send({ error: code === 500 ? "服务器内部错误，请稍后重试。" : "请求无效，请刷新页面后重试。" });
  });

  app.setNotFoundHandler((request, reply) =>
    request.url.startsWith("/api/")
      ? reply.code(404).send({ error: "请求的地址不存在。" })
      : reply.code(404).type("text/plain; charset=utf-8").send("页面不存在。请打开首页：/"),
  );

  app.get("/", async (_request, reply) => {
    const nonce = randomBytes(16).toString("base64");
    reply.header(
      "Content-Security-Policy",
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src 'self' data:; ` +
        "connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    );
    return reply.type("text/html; charset=utf-8").send(renderPage(settings, nonce, llmUsed));
  });

  app.get("/favicon.ico", async (_request, reply) => reply.code(204).send());

  app.post("/api/jobs", async (request, reply) => {
    let dir: string | undefined;
    let receiving: Promise<unknown> | undefined;
    try {
      if (!request.isMultipart()) throw new UploadError(406, "请在页面上选择文件后提交。");
      const declared = Number(request.headers["content-length"]);
      // Multipart framing adds a few hundred bytes per file on top of the files themselves.
      if (declared > settings.maxTotalBytes + (settings.maxFiles + 10) * 1024) {
        throw new UploadError(413, limitMessages.totalTooLarge(settings.maxTotalBytes));
      }
      dir = (await store.reserveUpload()) ?? undefined;
      if (!dir) throw new UploadError(503, requestMessages.busy);
      const work = receiveFiles(request, path.join(dir, "files"));
      receiving = work;
      const { files, fields } = await whileReceiving(request.raw, settings.uploadIdleMs, work);
      const form = FormSchema.safeParse(fields);
      if (!form.success) throw new UploadError(400, "提交的选项无效，请刷新页面后重试。");
      if (files.length === 0) throw new UploadError(400, "请至少选择一个文件。");
      const { call, password } = form.data;
      const name = packageNameFor(files.map((f) => path.basename(f)));
      const job = store.submit({
        dir,
        files,
        ...(name ? { name } : {}),
        ...(call && call !== "auto" ? { callId: call } : {}),
        ...(password ? { password } : {}),
      });
      return reply.code(202).send(store.status(job));
    } catch (e) {
      // An internal error (our disk) is rethrown as it is, after the same clean-up.
      let error: UploadError | undefined;
      let internal: unknown;
      try {
        error = toUploadError(e, settings);
      } catch (cause) {
        internal = cause;
      }
      if (dir) {
        const folder = dir;
        await store.discardUpload(folder);
        // A receiver cut off by the idle timeout may still create a file when its stream settles.
        void receiving?.then(
          () => rm(folder, { recursive: true, force: true }),
          () => rm(folder, { recursive: true, force: true }),
        );
      }
      if (error?.statusCode !== 408) await drain(request.raw, settings.maxTotalBytes + DRAIN_SLACK);
      throw error ?? internal;
    }
  });

  app.get("/api/jobs/:id", async (request, reply) => {
    const params = JobParams.safeParse(request.params);
    const job = params.success ? store.get(params.data.id) : undefined;
    if (!job) return reply.code(404).send({ error: NOT_FOUND });
    return reply.send(store.status(job));
  });

  app.get("/api/jobs/:id/:artifact", async (request, reply) => {
    const params = ArtifactParams.safeParse(request.params);
    const query = ArtifactQuery.safeParse(request.query);
    const job = params.success ? store.get(params.data.id) : undefined;
    if (!params.success || !job) return reply.code(404).send({ error: NOT_FOUND });
    if (job.state !== "done") return reply.code(409).send({ error: "报告尚未生成，请等待检查完成。" });
    const name = params.data.artifact;
    const body = store.artifact(job, name);
    if (body === undefined) {
      return reply.code(404).send({ error: "未识别出申报通知，或该通知没有汇总表模板，因此没有生成汇总表。" });
    }
    reply.type(CONTENT_TYPES[name]);
    if (name === "report.html") {
      reply.header("Content-Security-Policy", REPORT_CSP);
      reply.header("X-Frame-Options", "SAMEORIGIN");
    }
    if (name !== "report.html" || (query.success && query.data.download)) {
      const file = `${job.report?.package.name ?? "申报材料"}-${DOWNLOAD_NAMES[name]}`;
      reply.header("Content-Disposition", contentDisposition(file, name));
    }
    return reply.send(body);
  });

  await app.listen({ host: settings.host, port: settings.port });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : settings.port;
  const shownHost = settings.host.includes(":") ? `[${settings.host}]` : settings.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}/`,
    close: () =>
      (closing ??= (async () => {
        await store.close();
        await app.close();
      })()),
  };

  async function receiveFiles(
    request: FastifyRequest,
    uploadDir: string,
  ): Promise<{ files: string[]; fields: Record<string, string> }> {
    await mkdir(uploadDir, { recursive: true });
    const files: string[] = [];
    const fields: Record<string, string> = {};
    const taken = new Set<string>();
    let total = 0;
    for await (const part of request.parts()) {
      if (part.type === "field") {
        if (part.valueTruncated || part.fieldnameTruncated) throw new UploadError(413, requestMessages.fieldTooLong);
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (!part.filename) {
        part.file.resume(); // an empty <input type=file> sends a nameless, empty part
        continue;
      }
      const name = uniqueName(safeFileName(part.filename, files.length + 1), taken);
      const target = path.join(uploadDir, name);
      if (path.dirname(target) !== uploadDir) throw new UploadError(400, "文件名无效，请重命名后重新上传。");
      await pipeline(part.file, createWriteStream(target, { flags: "wx" }));
      if (part.file.truncated) throw new UploadError(413, limitMessages.fileTooLarge(name, settings.maxFileBytes));
      total += (await stat(target)).size;
      if (total > settings.maxTotalBytes)
        throw new UploadError(413, limitMessages.totalTooLarge(settings.maxTotalBytes));
      files.push(target);
    }
    return { files, fields };
  }
}

function toUploadError(e: unknown, settings: { maxFiles: number; maxFileBytes: number }): UploadError {
  if (e instanceof UploadError) return e;
  const code = (e as { code?: unknown }).code;
  if (code === "FST_FILES_LIMIT" || code === "FST_PARTS_LIMIT") {
    return new UploadError(413, limitMessages.tooManyFiles(settings.maxFiles));
  }
  if (code === "FST_REQ_FILE_TOO_LARGE") {
    const raw = (e as { part?: { filename?: string } }).part?.filename;
    return new UploadError(413, limitMessages.fileTooLarge(safeFileName(raw, 1), settings.maxFileBytes));
  }
  if (code === "FST_MP_PREMATURE_CLOSE" || code === "ECONNRESET" || code === "ERR_STREAM_PREMATURE_CLOSE") {
    return new UploadError(400, requestMessages.aborted);
  }
  // Our own disk (full, no permission) is an internal error; anything else the multipart parser throws
  // (no or a wrong boundary, no closing boundary, a part cut short) is the request's fault.
  if (e instanceof Error && "syscall" in e) throw e;
  return new UploadError(400, requestMessages.malformed);
}

/**
 * Waits for `work` (receiving an upload) while the request keeps sending: a request silent for `idleMs` (a
 * Content-Length larger than the body, a stalled client) is refused with 408 so that its slot is freed.
 */
function whileReceiving<T>(request: IncomingMessage, idleMs: number, work: Promise<T>): Promise<T> {
  // Polls the socket's byte count: a 'data' listener would switch the request to flowing mode before the
  // multipart parser is attached and lose the start of the body.
  const socket = request.socket;
  return new Promise<T>((resolve, reject) => {
    let seen = socket.bytesRead;
    let quietSince = Date.now();
    const timer = setInterval(
      () => {
        // The client hung up before sending everything (possibly before the parser was attached to notice).
        if ((socket.destroyed || socket.readableEnded) && !request.complete) {
          clearInterval(timer);
          reject(new UploadError(400, requestMessages.aborted));
        } else if (socket.bytesRead !== seen) {
          seen = socket.bytesRead;
          quietSince = Date.now();
        } else if (Date.now() - quietSince >= idleMs) {
          clearInterval(timer);
          reject(new UploadError(408, requestMessages.idle));
        }
      },
      Math.max(10, Math.min(1000, idleMs / 5)),
    );
    work.then(
      (value) => {
        clearInterval(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearInterval(timer);
        reject(error);
      },
    );
  });
}

/**
 * Host names the page answers to: IP addresses (a DNS-rebinding attack needs a name of its own), localhost,
 * the listening name, this machine's name when listening beyond loopback, and `allowedHosts`.
 */
function hostPolicy(settings: ServeSettings): (hostHeader: string) => boolean {
  const allowed = new Set<string>(["localhost", ...settings.allowedHosts]);
  const bound = normalizeHostName(settings.host);
  if (!isIP(bound)) allowed.add(bound);
  if (bound === "0.0.0.0" || bound === "::") allowed.add(os.hostname().toLowerCase());
  return (hostHeader) => {
    const name = normalizeHostName(hostHeader);
    return isIP(name) !== 0 || allowed.has(name) || name.endsWith(".localhost");
  };
}

/**
 * Requests Node's HTTP parser cannot read (a body longer than its Content-Length runs into the next request,
 * headers too large, garbage) are answered in Chinese. If the connection is still answering the request before
 * the garbage (the upload with the short Content-Length), that answer goes out first and the connection closes.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const pending = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (pending && !pending.writableFinished) {
    if (!pending.headersSent) pending.setHeader("Connection", "close");
    pending.once("finish", () => socket.destroySoon());
    pending.once("close", () => socket.destroy());
    return;
  }
  const [status, message] =
    error.code === "HPE_HEADER_OVERFLOW"
      ? [431, requestMessages.headersTooLarge]
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, requestMessages.idle]
        : [400, requestMessages.badRequest];
  const body = JSON.stringify({ error: message });
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${status} ${status === 400 ? "Bad Request" : status === 408 ? "Request Timeout" : "Request Header Fields Too Large"}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroySoon();
}

/** What a refused upload may still send before the connection is cut. */
const DRAIN_SLACK = 16 * 1024 * 1024;

/**
 * Reads and discards the rest of a refused upload: a browser that is still sending when the answer comes
 * reports a connection reset instead of the answer.
 */
async function drain(request: IncomingMessage, maxBytes: number): Promise<void> {
  if (request.readableEnded || request.destroyed) return;
  request.unpipe();
  await new Promise<void>((resolve) => {
    let seen = 0;
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > maxBytes) {
        request.destroy();
        finish();
      }
    };
    const finish = () => {
      request.off("data", onData);
      resolve();
    };
    request.on("data", onData);
    request.once("end", finish);
    request.once("close", finish);
    request.once("error", finish);
    request.resume();
  });
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

function contentDisposition(fileName: string, fallback: string): string {
  const ascii = fallback.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
