/**
 * Every untrusted file is parsed in a separate, killable process: a pool of reusable file-reader processes
 * (./_internal/reader-child-main.ts), one file at a time each, replaced when one is killed.
 *
 * Why processes and not worker_threads: V8's fatal errors — "invalid size" from a 64 KB .docx whose table claims two
 * billion columns, and a heap overflow in a big array growth even under `resourceLimits` (tried: it took the whole
 * process down) — abort the process, not the thread. A child process dies alone; the package goes on.
 *
 * Each process has a V8 heap limit (--max-old-space-size) and is watched twice a second by its heartbeat: a reader
 * whose event loop does not answer for `fileBlockedMs` (synchronous work on a hostile file: 100k nested q/Q in a PDF)
 * or whose resident memory passes `readerRssMb` (decoded image buffers live outside the V8 heap) is killed, as is one
 * still busy after `fileTimeoutMs`. Each such file becomes one finding 「文件过于复杂或已损坏，无法在限定资源内读取」.
 *
 * OCR stays in the parent (one tesseract pool and cache for everything): the reader asks for it by message. The
 * pages come back by structured clone and are validated against PageSchema before anyone uses them.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { PageSchema } from "../model.js";
import type { IngestLimits, ReadResult } from "./context.js";
import { IngestError, type IngestErrorCode } from "./errors.js";
import type { OcrRequest, OcrService } from "./ocr.js";
import type { ChildMessage, ParentMessage, WireError } from "./_internal/reader-protocol.js";

const ENTRY = fileURLToPath(new URL("./_internal/reader-child.mjs", import.meta.url));
const PagesSchema = z.array(PageSchema);
/** An idle reader process is ended after this long. */
const IDLE_MS = 60_000;
/** How long a file waits for a busy reader to come free before another reader process is started. */
const SPAWN_PATIENCE_MS = 400;

export interface ReadJob {
  kind: "pdf" | "docx" | "image";
  bytes: Buffer;
  fileName: string;
  password?: string;
  limits: IngestLimits;
}

export interface JobHooks {
  ocr: OcrService;
  /** Called before each OCR request of the job (the package's pixel budget); throwing refuses it. */
  beforeOcr?: (req: OcrRequest) => Promise<void> | void;
}

export interface FileReaderPool {
  read(job: ReadJob, hooks: JobHooks): Promise<ReadResult>;
  close(): Promise<void>;
  /** Processes started and killed so far. */
  readonly stats: { started: number; killed: number };
}

/** The reader processes could not be started at all (not a property of any file). */
export class ReaderUnavailableError extends Error {
  override readonly name = "ReaderUnavailableError";
}

export interface PoolOptions {
  /** Processes at most; each reads one file at a time. */
  size: number;
  /** V8 heap limit of each process (MB). */
  heapMb: number;
  /** Resident memory limit of each process (MB). */
  rssMb: number;
}

const ADVICE = "请用原软件打开该文件并重新导出（PDF可用“另存为”或“打印为PDF”），或拆分后重新提交";

export function tooComplex(why: string, code: IngestErrorCode = "too-complex"): IngestError {
  return new IngestError(code, `文件过于复杂或已损坏，无法在限定资源内读取（${why}）`, ADVICE);
}

function fromWire(w: WireError): Error {
  if (w.ingest) {
    const { code, reason, advice, page } = w.ingest;
    return new IngestError(code as IngestErrorCode, reason, advice, page !== undefined ? { page } : undefined);
  }
  const e = new Error(w.message ?? "");
  e.name = w.name ?? "Error";
  return e;
}

function toWire(e: unknown): WireError {
  if (e instanceof IngestError) {
    return { ingest: { code: e.code, reason: e.reason, advice: e.advice, ...(e.page !== undefined ? { page: e.page } : {}) } };
  }
  const err = e instanceof Error ? e : new Error(String(e));
  return { name: err.name, message: err.message.slice(0, 1000) };
}

const asBuffer = (u: Uint8Array) => (Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength));

class Reader {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  lastBeat = Date.now();
  rss = 0;
  stderr = "";
  exited = false;
  idleTimer?: NodeJS.Timeout;
  /** Set when we killed it, with the reason to report. */
  killedFor?: IngestError;
  private onMessage?: (m: ChildMessage) => void;
  private onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;

  constructor(heapMb: number) {
    this.child = fork(ENTRY, [], {
      execArgv: [`--max-old-space-size=${Math.max(64, Math.round(heapMb))}`],
      serialization: "advanced",
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    this.child.stderr?.setEncoding("utf8");
    this.child.stderr?.on("data", (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    this.ready = new Promise<void>((resolve, reject) => {
      const fail = (why: string) => reject(new ReaderUnavailableError(`file reader did not start: ${why} ${this.stderr.slice(-500)}`));
      this.child.once("error", (e) => fail(e.message));
      this.child.once("exit", (code, signal) => fail(`exit ${code ?? signal}`));
      this.child.on("message", (raw) => {
        const m = raw as ChildMessage;
        if (m.type === "ready") resolve();
        else if (m.type === "beat") {
          this.lastBeat = Date.now();
          this.rss = m.rss;
        } else this.onMessage?.(m);
      });
    });
    this.ready.catch(() => {});
    this.child.on("exit", (code, signal) => {
      this.exited = true;
      this.onExit?.(code, signal);
    });
  }

  /** An idle process must not keep the program alive (a CLI run ends when its work does). */
  hold(busy: boolean): void {
    if (this.exited) return;
    const handles = [this.child, this.child.channel, this.child.stderr] as Array<{ ref?: () => void; unref?: () => void } | null | undefined>;
    for (const h of handles) (busy ? h?.ref : h?.unref)?.call(h);
  }

  kill(reason: IngestError): void {
    this.killedFor ??= reason;
    if (!this.exited) this.child.kill("SIGKILL");
  }

  /** Runs one job; rejects with an IngestError when the file was the problem (the process is then gone). */
  run(job: ReadJob, hooks: JobHooks, opts: PoolOptions): Promise<ReadResult> {
    const id = 1;
    const aborts = new AbortController();
    return new Promise<ReadResult>((resolve, reject) => {
      const started = Date.now();
      this.lastBeat = started;
      let settled = false;
      let loaded = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearInterval(watch);
        this.onMessage = undefined;
        this.onExit = undefined;
        aborts.abort();
        fn();
      };
      const watch = setInterval(() => {
        const now = Date.now();
        const { fileTimeoutMs, fileBlockedMs } = job.limits;
        if (now - started > fileTimeoutMs) {
          this.kill(tooComplex(`读取超过${Math.round(fileTimeoutMs / 1000)}秒仍未完成`, "timeout"));
        } else if (loaded && now - this.lastBeat > fileBlockedMs) {
          this.kill(tooComplex(`解析持续占用处理器超过${Math.round(fileBlockedMs / 1000)}秒`));
        } else if (this.rss > opts.rssMb * 1024 * 1024) {
          this.kill(tooComplex(`读取时占用内存超过${opts.rssMb}MB上限`));
        }
      }, Math.min(250, Math.max(20, job.limits.fileTimeoutMs / 4)));
      this.onExit = (code, signal) =>
        finish(() => reject(this.killedFor ?? tooComplex(crashReason(this.stderr, code, signal, opts.heapMb))));
      this.onMessage = (m) => {
        if (m.type === "loaded") {
          loaded = true;
          this.lastBeat = Date.now();
        } else if (m.type === "done") {
          const pages = PagesSchema.safeParse(m.pages);
          if (!pages.success) {
            finish(() => reject(new IngestError("invalid-values", "读取结果中有无效的数据（文件可能已损坏），无法使用", ADVICE)));
            return;
          }
          const problems = m.problems.map((p) => fromWire({ ingest: p }) as IngestError);
          finish(() => resolve({ pages: pages.data, problems, ...(m.format ? { format: m.format } : {}) }));
        } else if (m.type === "failed") {
          finish(() => reject(fromWire(m.error)));
        } else if (m.type === "ocr") {
          const request: OcrRequest = {
            image: asBuffer(m.image),
            ...(m.raw ? { raw: m.raw } : {}),
            ...(m.dpi ? { dpi: m.dpi } : {}),
            signal: aborts.signal,
          };
          void (async () => {
            try {
              await hooks.beforeOcr?.(request);
              const result = await hooks.ocr.recognize(request);
              if (!settled) this.send({ type: "ocr-result", id: m.id, result });
            } catch (e) {
              if (!settled) this.send({ type: "ocr-result", id: m.id, error: toWire(e) });
            }
          })();
        }
      };
      this.send({
        type: "read",
        job: id,
        kind: job.kind,
        bytes: job.bytes,
        fileName: job.fileName,
        limits: { ...job.limits } as unknown as Record<string, number>,
        ...(job.password !== undefined ? { password: job.password } : {}),
        ...(hooks.ocr.engine !== undefined ? { engine: hooks.ocr.engine } : {}),
      });
    });
  }

  private send(message: ParentMessage): void {
    if (this.exited || !this.child.connected) return;
    this.child.send(message, (error) => {
      // A message that cannot be sent (the process just died) shows up as its exit.
      if (error && !this.exited) this.kill(tooComplex("读取程序无法接收数据"));
    });
  }
}

function crashReason(stderr: string, code: number | null, signal: NodeJS.Signals | null, heapMb: number): string {
  if (/heap out of memory|heap limit|allocation failed/i.test(stderr)) return `读取时占用内存超过${heapMb}MB上限`;
  if (/invalid size|invalid array length|invalid table size/i.test(stderr)) return "文件中的数据大小异常，读取程序异常终止";
  if (/maximum call stack/i.test(stderr)) return "文件结构嵌套过深，读取程序异常终止";
  return `读取程序异常终止（${signal ?? `退出码${code}`}）`;
}

const shared = new Map<string, FileReaderPool>();

/**
 * One pool per process and limit setting, kept between packages (batch, serve): a reader process costs 1–3 s to
 * start (tsx, pdf.js). Its idle processes never keep the program alive and end after a minute unused.
 */
export function sharedFileReaderPool(opts: PoolOptions): FileReaderPool {
  const key = JSON.stringify([opts.size, opts.heapMb, opts.rssMb]);
  let pool = shared.get(key);
  if (!pool) shared.set(key, (pool = createFileReaderPool(opts)));
  return pool;
}

export function createFileReaderPool(opts: PoolOptions): FileReaderPool {
  const idle: Reader[] = [];
  const all = new Set<Reader>();
  const waiting: Array<(r: Reader) => void> = [];
  let closed = false;
  const stats = { started: 0, killed: 0 };

  const acquire = (): Promise<Reader> => {
    const reader = idle.pop();
    if (reader) {
      clearTimeout(reader.idleTimer);
      reader.hold(true);
      return Promise.resolve(reader);
    }
    const spawn = () => {
      const fresh = new Reader(opts.heapMb);
      stats.started++;
      all.add(fresh);
      fresh.child.on("exit", () => all.delete(fresh));
      return fresh;
    };
    if (all.size === 0) return Promise.resolve(spawn());
    return new Promise((resolve) => {
      waiting.push(resolve);
      // A process costs 1–3 s of CPU to start, most files take a fraction of that: a free one is waited for a moment
      // before another is started (a small package then needs one).
      if (all.size < opts.size)
        setTimeout(() => {
          const at = waiting.indexOf(resolve);
          if (at < 0 || closed || all.size >= opts.size) return;
          waiting.splice(at, 1);
          resolve(spawn());
        }, SPAWN_PATIENCE_MS).unref();
    });
  };
  const release = (reader: Reader) => {
    if (reader.exited || closed) {
      all.delete(reader);
      // A replacement starts on demand; wake a waiter so it can start one.
      const next = waiting.shift();
      if (next) void acquire().then(next);
      return;
    }
    const next = waiting.shift();
    if (next) next(reader);
    else {
      reader.hold(false);
      idle.push(reader);
      // A long-lived program (serve) gives the memory back when no package is being read.
      reader.idleTimer = setTimeout(() => {
        const at = idle.indexOf(reader);
        if (at >= 0) idle.splice(at, 1);
        reader.child.kill("SIGKILL");
      }, IDLE_MS);
      reader.idleTimer.unref();
    }
  };

  return {
    stats,
    async read(job, hooks) {
      if (closed) throw new ReaderUnavailableError("pool closed");
      const reader = await acquire();
      try {
        await reader.ready;
        return await reader.run(job, hooks, opts);
      } finally {
        if (reader.killedFor || reader.exited) stats.killed++;
        release(reader);
      }
    },
    async close() {
      closed = true;
      const exits = [...all].map(
        (r) =>
          new Promise<void>((resolve) => {
            if (r.exited) return resolve();
            r.child.once("exit", () => resolve());
            r.child.kill("SIGKILL");
          }),
      );
      idle.length = 0;
      await Promise.all(exits);
    },
  };
}
