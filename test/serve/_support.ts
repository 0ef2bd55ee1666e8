/** Helpers for the web self-check tests: a server on 127.0.0.1:0 with its own work folder, uploads, polling. */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import JSZip from "jszip";
import type { JobStatus } from "../../src/serve/jobs.js";
import { startServer, type RunningServer, type StartServerOptions } from "../../src/serve/server.js";
import { sharedCacheDir } from "../_support/cache.js";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const PACKAGE_A = path.join(ROOT, "fixtures/packages/wuhan-vertical-a");
export const FILES_A = ["武汉市垂直行业模型项目申报书.docx", "武汉市垂直行业模型项目申报书.pdf", "营业执照.jpg"].map(
  (f) => path.join(PACKAGE_A, f),
);

export interface TestServer {
  server: RunningServer;
  url: string;
  workDir: string;
  close(): Promise<void>;
}

/** A server with its own work folder; the run-wide cache keeps the fixture OCR from being redone. */
export async function startTestServer(options: StartServerOptions = {}): Promise<TestServer> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), "shenbao-serve-test-"));
  const cacheDir = sharedCacheDir();
  const server = await startServer({
    port: 0,
    workDir,
    ...(cacheDir ? { cacheDir } : {}),
    ...options,
  });
  return {
    server,
    url: server.url,
    workDir,
    close: async () => {
      await server.close();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

export type Upload = { path: string; name?: string } | { bytes: Uint8Array; name: string };

export async function upload(
  url: string,
  files: readonly Upload[],
  fields: Record<string, string> = {},
): Promise<{ status: number; body: JobStatus & { error?: string } }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) {
    const bytes = "bytes" in f ? f.bytes : await readFile(f.path);
    form.append("files", new Blob([bytes]), f.name ?? path.basename((f as { path: string }).path));
  }
  const res = await fetch(new URL("api/jobs", url), { method: "POST", body: form });
  return { status: res.status, body: (await res.json()) as JobStatus & { error?: string } };
}

/** Polls until the job is done or failed (the test timeout bounds the wait). */
export async function waitForJob(url: string, id: string): Promise<JobStatus> {
  for (;;) {
    const res = await fetch(new URL(`api/jobs/${id}`, url));
    const status = (await res.json()) as JobStatus;
    if (status.state === "done" || status.state === "failed") return status;
    await sleep(200);
  }
}

export async function zipOf(files: readonly string[]): Promise<Buffer> {
  const zip = new JSZip();
  for (const f of files) zip.file(path.basename(f), await readFile(f));
  return zip.generateAsync({ type: "nodebuffer" });
}

export const entries = (dir: string) => readdir(dir);
