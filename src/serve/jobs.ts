/**
 * Check jobs of the web self-check. Each job has a random, unguessable id and its own temporary folder (the
 * uploads, read again for the report's page thumbnails, and the 汇总表 while it is written); the folder is deleted
 * as soon as the reports are rendered, before the job reports "done", unless `keep` is set. Results live in
 * memory only, for a limited time and count. Jobs run through one queue: OCR already uses every core.
 */
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import PQueue from "p-queue";
import { runCheck } from "../pipeline.js";
import { formatHtml } from "../report/html.js";
import { formatJson } from "../report/json.js";
import { VERDICT_LABELS, VERDICT_NOTES } from "../report/labels.js";
import { formatMarkdown } from "../report/markdown.js";
import type { Report, Verdict } from "../report/schema.js";
import { summaryTableFor } from "../report/summary-table/index.js";
import { renderReportHtml } from "../report/thumbnails.js";
import { writeSummaryXlsx } from "../report/xlsx.js";
import type { ServeSettings, StartServerOptions } from "./options.js";

export type JobState = "queued" | "running" | "done" | "failed";
export type Artifact = "report.html" | "report.json" | "report.md" | "summary.xlsx";

export const JOB_ID = /^[A-Za-z0-9_-]{24}$/;

export const JOB_FAILED_MESSAGE =
  "检查过程中出现内部错误，未能生成报告。请确认文件能正常打开后重新上传；如仍失败，请联系系统管理员。";

export interface Job {
  id: string;
  dir: string;
  files: string[];
  name?: string;
  callId?: string;
  password?: string;
  state: JobState;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  progress: { done: number; total: number; last?: string };
  report?: Report;
  artifacts?: Artifacts;
  error?: string;
}

interface Artifacts {
  "report.html": string;
  "report.json": string;
  "report.md": string;
  "summary.xlsx"?: Buffer;
}

/** What the page polls: GET /api/jobs/:id. */
export interface JobStatus {
  id: string;
  state: JobState;
  /** Jobs queued or running before this one. */
  ahead?: number;
  progress?: { phase: "reading" | "checking"; done: number; total: number; last?: string };
  error?: string;
  result?: {
    packageName: string;
    verdict: Verdict;
    verdictLabel: string;
    verdictNote: string;
    errors: number;
    warnings: number;
    infos: number;
    call: { id: string; title: string } | null;
    files: number;
    seconds: number;
    downloads: Partial<Record<Artifact, string>>;
  };
}

type Deps = Pick<StartServerOptions, "llm" | "log" | "check">;

export class JobStore {
  private readonly jobs = new Map<string, Job>();
  /** Folders of uploads still being received (not yet a job). */
  private readonly uploads = new Set<string>();
  /** Slots taken by uploads whose folder is still being made. */
  private reserving = 0;
  private readonly queue: PQueue;
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly settings: ServeSettings,
    private readonly deps: Deps = {},
  ) {
    this.queue = new PQueue({ concurrency: settings.concurrency });
    this.sweeper = setInterval(() => this.sweep(), Math.min(settings.resultTtlMs, 60_000));
    this.sweeper.unref();
  }

  /** Queued plus running jobs, and uploads under way, at the limit: a new submission is refused. */
  busy(): boolean {
    let active = 0;
    for (const job of this.jobs.values()) if (job.state === "queued" || job.state === "running") active++;
    return active + this.uploads.size + this.reserving >= this.settings.maxQueued;
  }

  /**
   * Takes a queue slot for one upload and makes its private folder; null when the queue is full. The check and
   * the reservation happen in the same turn of the event loop, so concurrent uploads cannot overshoot the limit.
   * The slot is the folder's until `submit` (it becomes a job) or `discardUpload`.
   */
  async reserveUpload(): Promise<string | null> {
    if (this.closed || this.busy()) return null;
    this.reserving++;
    try {
      await mkdir(this.settings.workDir, { recursive: true });
      const dir = await mkdtemp(path.join(this.settings.workDir, "shenbao-job-"));
      this.uploads.add(dir);
      return dir;
    } finally {
      this.reserving--;
    }
  }

  /** An upload that did not become a job (limits, bad request). */
  async discardUpload(dir: string): Promise<void> {
    this.uploads.delete(dir);
    await rm(dir, { recursive: true, force: true });
  }

  submit(input: { dir: string; files: string[]; name?: string; callId?: string; password?: string }): Job {
    if (this.closed) throw new Error("job store closed");
    this.uploads.delete(input.dir);
    this.sweep();
    const job: Job = {
      id: randomBytes(18).toString("base64url"),
      dir: input.dir,
      files: input.files,
      ...(input.name ? { name: input.name } : {}),
      ...(input.callId ? { callId: input.callId } : {}),
      ...(input.password ? { password: input.password } : {}),
      state: "queued",
      createdAt: Date.now(),
      progress: { done: 0, total: input.files.length },
    };
    this.jobs.set(job.id, job);
    void this.queue.add(() => this.run(job));
    return job;
  }

  get(id: string): Job | undefined {
    this.sweep();
    return this.jobs.get(id);
  }

  artifact(job: Job, name: Artifact): string | Buffer | undefined {
    return job.artifacts?.[name];
  }

  status(job: Job): JobStatus {
    const out: JobStatus = { id: job.id, state: job.state };
    if (job.state === "queued") {
      out.ahead = [...this.jobs.values()].filter(
        (j) => j.state === "running" || (j.state === "queued" && j.createdAt < job.createdAt),
      ).length;
    }
    if (job.state === "running") {
      const { done, total, last } = job.progress;
      out.progress = { phase: done >= total ? "checking" : "reading", done, total, ...(last ? { last } : {}) };
    }
    if (job.state === "failed") out.error = job.error ?? JOB_FAILED_MESSAGE;
    if (job.state === "done" && job.report && job.artifacts) {
      const { report } = job;
      const base = `/api/jobs/${job.id}/`;
      const names: Artifact[] = ["report.html", "report.json", "report.md"];
      if (job.artifacts["summary.xlsx"]) names.push("summary.xlsx");
      out.result = {
        packageName: report.package.name,
        verdict: report.summary.verdict,
        verdictLabel: VERDICT_LABELS[report.summary.verdict],
        verdictNote: VERDICT_NOTES[report.summary.verdict],
        errors: report.summary.errors,
        warnings: report.summary.warnings,
        infos: report.summary.infos,
        call: report.call,
        files: report.package.files.length,
        seconds: Math.round(((job.finishedAt ?? Date.now()) - (job.startedAt ?? job.createdAt)) / 1000),
        downloads: Object.fromEntries(names.map((n) => [n, base + n])),
      };
    }
    return out;
  }

  /** Stops taking jobs and deletes every temporary folder (with `keep`, those of finished jobs stay). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    this.queue.clear();
    const dirs = [...this.uploads];
    for (const job of this.jobs.values()) if (!this.settings.keep || job.finishedAt === undefined) dirs.push(job.dir);
    this.uploads.clear();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }

  private async run(job: Job): Promise<void> {
    if (this.closed) return;
    job.state = "running";
    job.startedAt = Date.now();
    const check = this.deps.check ?? runCheck;
    let outcome: { report: Report; artifacts: Artifacts } | undefined;
    try {
      const report = await check(job.files, {
        ...(job.name ? { name: job.name } : {}),
        ...(job.callId ? { callId: job.callId } : {}),
        ...(job.password ? { password: job.password } : {}),
        ...(this.deps.llm ? { llm: this.deps.llm } : {}),
        cacheDir: this.settings.cacheDir,
        // An uploaded zip may not unpack to more than the upload limits allow for loose files.
        limits: {
          maxFileBytes: this.settings.maxFileBytes,
          maxArchiveBytes: this.settings.maxTotalBytes,
        },
        onFile: (file, done, total) => {
          job.progress = { done, total, last: file.path };
        },
      });
      outcome = { report, artifacts: await this.render(job, report) };
    } catch (e) {
      this.deps.log?.(`任务 ${job.id.slice(0, 6)} 失败：${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    delete job.password;
    // Deleted before the job reports "done": once the applicant sees the report, nothing is left on disk.
    if (!this.settings.keep) await rm(job.dir, { recursive: true, force: true }).catch(() => {});
    job.finishedAt = Date.now();
    if (outcome) {
      Object.assign(job, outcome);
      job.state = "done";
      const { summary } = outcome.report;
      this.deps.log?.(
        `任务 ${job.id.slice(0, 6)} 完成：${VERDICT_LABELS[summary.verdict]}，${job.files.length} 个上传文件，用时 ${Math.round((job.finishedAt - job.startedAt) / 1000)} 秒` +
          (this.settings.keep ? `；材料和报告保存在 ${job.dir}` : ""),
      );
    } else {
      job.error = JOB_FAILED_MESSAGE;
      job.state = "failed";
    }
  }

  /** Runs while the uploads are still on disk: the HTML report shows thumbnails of the pages, as `check` does. */
  private async render(job: Job, report: Report): Promise<Artifacts> {
    let html: string;
    try {
      html = await renderReportHtml(report, job.files, job.password ? { password: job.password } : {});
    } catch (e) {
      this.deps.log?.(`任务 ${job.id.slice(0, 6)} 未能生成页面截图：${e instanceof Error ? e.message : String(e)}`);
      html = formatHtml(report);
    }
    const artifacts: Artifacts = {
      "report.html": html,
      "report.json": formatJson(report),
      "report.md": formatMarkdown(report),
    };
    const out = path.join(job.dir, "report");
    await mkdir(out, { recursive: true });
    if (report.call && summaryTableFor(report.call.id)) {
      const file = path.join(out, "汇总表.xlsx");
      try {
        await writeSummaryXlsx([report], report.call.id, file);
        artifacts["summary.xlsx"] = await readFile(file);
      } catch (e) {
        // The reports stand without the 汇总表; the page simply offers no Excel download.
        this.deps.log?.(`任务 ${job.id.slice(0, 6)} 未能生成汇总表：${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (this.settings.keep) {
      for (const name of ["report.html", "report.json", "report.md"] as const)
        await writeFile(path.join(out, name), artifacts[name]);
    }
    return artifacts;
  }

  private sweep(): void {
    const now = Date.now();
    const finished = [...this.jobs.values()]
      .filter((j) => j.finishedAt !== undefined)
      .sort((a, b) => a.finishedAt! - b.finishedAt!);
    let excess = finished.length - this.settings.maxResults;
    for (const job of finished) {
      if (excess-- > 0 || now - job.finishedAt! > this.settings.resultTtlMs) this.jobs.delete(job.id);
    }
  }
}
