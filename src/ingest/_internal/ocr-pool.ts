/**
 * A lazily grown pool of tesseract.js workers that never touches the network: the worker script, the
 * wasm core and the traineddata all come from node_modules, and no traineddata cache is written.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rename, rm, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import PQueue from "p-queue";
import Tesseract from "tesseract.js";
import { cacheKey } from "../cache.js";

const require = createRequire(import.meta.url);

/** Which traineddata flavour to load (the choice and its measurements are in ocr.ts). */
export type TraineddataVariant = "4.0.0" | "4.0.0_best_int";

export interface PoolOptions {
  size: number;
  langs: string[];
  variant: TraineddataVariant;
  /** Runs once on every new worker before its first job. */
  init?: (worker: TesseractWorker) => Promise<void>;
}

export type TesseractWorker = Tesseract.Worker;

/** Folder of the local traineddata for one language, e.g. node_modules/@tesseract.js-data/chi_sim/4.0.0. */
export function langDataDir(lang: string, variant: TraineddataVariant): string {
  const pkgJson = require.resolve(`@tesseract.js-data/${lang}/package.json`);
  return path.join(path.dirname(pkgJson), variant);
}

/**
 * tesseract.js reads every language from one `langPath`, but each language ships in its own npm package.
 * We link them side by side in a temp folder (symlinks, no copies). tesseract.js' `Lang` objects would
 * avoid the folder, but v7 passes `data` instead of `code` to the engine's init, so they do not work.
 */
async function linkedLangDir(langs: string[], variant: TraineddataVariant): Promise<string> {
  const sources = langs.map((lang) => path.join(langDataDir(lang, variant), `${lang}.traineddata.gz`));
  const dir = path.join(os.tmpdir(), `shenbao-tessdata-${cacheKey(variant, ...sources).slice(0, 16)}`);
  if (existsSync(dir)) return dir;
  const tmp = await mkdtemp(`${dir}.tmp-`);
  await Promise.all(sources.map((src, i) => symlink(src, path.join(tmp, `${langs[i]}.traineddata.gz`))));
  try {
    await rename(tmp, dir);
  } catch (e) {
    // Another process linked the same folder first; its links are identical.
    await rm(tmp, { recursive: true, force: true });
    if (!existsSync(dir)) throw e;
  }
  return dir;
}

async function spawnWorker(opts: PoolOptions): Promise<TesseractWorker> {
  const tesseractDir = path.dirname(require.resolve("tesseract.js/package.json"));
  return Tesseract.createWorker(opts.langs, Tesseract.OEM.LSTM_ONLY, {
    workerPath: path.join(tesseractDir, "src", "worker-script", "node", "index.js"),
    // Unused by the Node worker (it require()s tesseract.js-core), set so nothing ever points at a CDN.
    corePath: path.dirname(require.resolve("tesseract.js-core/package.json")),
    langPath: opts.langs.length === 1 ? langDataDir(opts.langs[0]!, opts.variant) : await linkedLangDir(opts.langs, opts.variant),
    gzip: true,
    // Never write the unpacked traineddata anywhere (the default writes it into the cwd).
    cacheMethod: "none",
    logger: () => {},
    errorHandler: () => {},
  });
}

export class TesseractPool {
  private readonly queue: PQueue;
  private readonly idle: TesseractWorker[] = [];
  private readonly all = new Set<TesseractWorker>();
  private closed = false;
  /** Aborted by close(): rejects every job still waiting (p-queue's clear() would leave them pending forever). */
  private readonly closing = new AbortController();

  constructor(private readonly opts: PoolOptions) {
    this.queue = new PQueue({ concurrency: opts.size });
  }

  /** Pending plus running jobs. */
  get load(): number {
    return this.queue.size + this.queue.pending;
  }

  /** Runs `fn` on a free worker; waits in the queue while all are busy. Aborting `signal` drops a queued job. */
  run<T>(fn: (worker: TesseractWorker) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.closed) return Promise.reject(new Error("OCR pool is closed"));
    const jobSignal = signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal;
    return this.queue.add(
      async () => {
        jobSignal.throwIfAborted();
        const worker = this.idle.pop() ?? (await this.create());
        let healthy = false;
        try {
          const result = await fn(worker);
          healthy = true;
          return result;
        } finally {
          // A worker whose job failed may hold a broken wasm heap: replace it rather than reuse it.
          if (healthy && !this.closed) this.idle.push(worker);
          else this.retire(worker);
        }
      },
      { signal: jobSignal },
    ) as Promise<T>;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.closing.abort(new Error("OCR pool is closed"));
    await this.queue.onIdle();
    await Promise.allSettled([...this.all].map((w) => this.retire(w)));
  }

  private async create(): Promise<TesseractWorker> {
    const worker = await spawnWorker(this.opts);
    this.all.add(worker);
    try {
      await this.opts.init?.(worker);
    } catch (e) {
      await this.retire(worker);
      throw e;
    }
    return worker;
  }

  private async retire(worker: TesseractWorker): Promise<void> {
    if (!this.all.delete(worker)) return;
    const i = this.idle.indexOf(worker);
    if (i >= 0) this.idle.splice(i, 1);
    await worker.terminate().catch(() => {});
  }
}
