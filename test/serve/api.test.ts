/**
 * The web self-check's HTTP API with real fixture files: one submission is one package, limits, bad files,
 * isolation between jobs, failures in Chinese, nothing left on disk (unless keep), and SIGINT clean-up.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReportSchema, type Report } from "../../src/report/schema.js";
import { safeFileName, uniqueName } from "../../src/serve/files.js";
import { JOB_FAILED_MESSAGE } from "../../src/serve/jobs.js";
import { loadFixture } from "../checks/_support.js";
import { entries, FILES_A, ROOT, startTestServer, upload, waitForJob, zipOf, type TestServer } from "./_support.js";

const NAMES_A = FILES_A.map((f) => path.basename(f));
const BAD = (name: string) => path.join(ROOT, "fixtures/bad", name);
const KB = 1024;

async function reportOf(url: string, id: string): Promise<Report> {
  const res = await fetch(new URL(`api/jobs/${id}/report.json`, url));
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return ReportSchema.parse(await res.json());
}

let srv: TestServer;
beforeAll(async () => {
  await loadFixture("wuhan-vertical-a"); // warms the run-wide OCR cache (under a lock shared with other files)
  srv = await startTestServer();
});
afterAll(async () => {
  await srv?.close();
});

describe("POST /api/jobs → GET /api/jobs/:id", () => {
  it("checks the files of one submission as one package, serves every report and keeps nothing on disk", async () => {
    const { status, body } = await upload(
      srv.url,
      FILES_A.map((p) => ({ path: p })),
      { call: "auto" },
    );
    expect(status).toBe(202);
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const done = await waitForJob(srv.url, body.id);
    expect(done.state).toBe("done");
    // The job's folder is deleted before the job reports "done".
    expect(await entries(srv.workDir)).toEqual([]);

    const report = await reportOf(srv.url, body.id);
    expect(report.call?.id).toBe("wuhan-vertical-model-2025");
    expect(report.package.name).toBe("武汉市垂直行业模型项目申报书等3个文件");
    expect(report.package.files.map((f) => f.path).sort()).toEqual([...NAMES_A].sort());
    expect(done.result).toMatchObject({
      verdict: report.summary.verdict,
      verdictLabel: "需补正",
      errors: report.summary.errors,
      warnings: report.summary.warnings,
      files: 3,
      call: { id: "wuhan-vertical-model-2025" },
    });

    const md = await fetch(new URL(done.result!.downloads["report.md"]!, srv.url));
    expect(md.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent("武汉市垂直行业模型项目申报书等3个文件-预审报告.md")}`,
    );
    expect(await md.text()).toContain("**结论：需补正**");
    const html = await fetch(new URL(done.result!.downloads["report.html"]!, srv.url));
    expect(html.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(await html.text()).toContain("申报材料预审报告：武汉市垂直行业模型项目申报书等3个文件");

    const xlsx = await fetch(new URL(done.result!.downloads["summary.xlsx"]!, srv.url));
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const cells: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
    expect(cells).toContain("武汉云帆智算科技有限公司");
  });

  it("takes a zip as the package, named after the zip", async () => {
    const { status, body } = await upload(srv.url, [{ bytes: await zipOf(FILES_A), name: "云帆申报材料.zip" }], {
      call: "wuhan-vertical-model-2025",
    });
    expect(status).toBe(202);
    expect((await waitForJob(srv.url, body.id)).state).toBe("done");
    const report = await reportOf(srv.url, body.id);
    expect(report.package.name).toBe("云帆申报材料");
    expect(report.package.files.map((f) => f.path).sort()).toEqual(NAMES_A.map((n) => `云帆申报材料.zip/${n}`).sort());
  });

  it("turns an unsupported file into a finding of the report, not a failed job", async () => {
    const { body } = await upload(srv.url, [{ path: BAD("材料.rar") }, { path: BAD("电子发票.ofd") }]);
    const done = await waitForJob(srv.url, body.id);
    expect(done.state).toBe("done");
    const report = await reportOf(srv.url, body.id);
    const rar = report.findings.find((f) => f.ruleId === "ingest/unsupported");
    expect(rar?.message).toContain("材料.rar");
    expect(report.findings.find((f) => f.ruleId === "ingest/legacy-format")?.message).toContain("电子发票.ofd");
  });

  it("keeps two concurrent jobs apart: own id, own files, own report", async () => {
    const [a, b] = await Promise.all([
      upload(
        srv.url,
        FILES_A.map((p) => ({ path: p })),
      ),
      upload(srv.url, [{ path: BAD("材料.rar") }]),
    ]);
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(a.body.id).not.toBe(b.body.id);
    await Promise.all([waitForJob(srv.url, a.body.id), waitForJob(srv.url, b.body.id)]);
    const [ra, rb] = await Promise.all([reportOf(srv.url, a.body.id), reportOf(srv.url, b.body.id)]);
    expect(ra.package.files.map((f) => f.path).sort()).toEqual([...NAMES_A].sort());
    expect(rb.package.files.map((f) => f.path)).toEqual(["材料.rar"]);
    expect(rb.call).toBeNull();
    expect(await entries(srv.workDir)).toEqual([]);
  });

  it("keeps uploaded names whole but never a path, and keeps same-named files apart", async () => {
    const jpg = FILES_A[2]!;
    const { body } = await upload(srv.url, [
      { path: jpg, name: "../../../逃逸/营业执照.jpg" },
      { path: jpg, name: "营业执照.jpg" },
      { path: jpg, name: "营业执照.JPG" },
    ]);
    await waitForJob(srv.url, body.id);
    const report = await reportOf(srv.url, body.id);
    expect(report.package.files.map((f) => f.path).sort()).toEqual([
      "..／..／..／逃逸／营业执照.jpg",
      "营业执照 (2).JPG",
      "营业执照.jpg",
    ]);
    expect(await entries(srv.workDir)).toEqual([]);

    expect(safeFileName("C:\\fakepath\\申报书.pdf", 1)).toBe("C：＼fakepath＼申报书.pdf");
    expect(safeFileName("..", 3)).toBe("文件3");
    expect(safeFileName('a<b>:"c|?*\u0000.pdf', 1)).toBe("a＜b＞：＂c｜？＊.pdf");
    expect(safeFileName("CON.pdf", 1)).toBe("_CON.pdf");
    const long = safeFileName(`${"很长的文件名".repeat(30)}.pdf`, 1);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(200);
    expect(long.endsWith("….pdf")).toBe(true);
    const taken = new Set<string>();
    expect([uniqueName("a.pdf", taken), uniqueName("A.pdf", taken), uniqueName("a.pdf", taken)]).toEqual([
      "a.pdf",
      "A (2).pdf",
      "a (3).pdf",
    ]);
  });
});

describe("limits", () => {
  it("refuses too many files, a file too large and too much in total, in Chinese, leaving nothing behind", async () => {
    const few = await startTestServer({ maxFiles: 2 });
    const narrow = await startTestServer({ maxFileBytes: 190 * KB });
    const small = await startTestServer({ maxTotalBytes: 220 * KB });
    try {
      const tiny = (name: string) => ({ bytes: new TextEncoder().encode("申报材料"), name });
      let r = await upload(few.url, [tiny("1.txt"), tiny("2.txt"), tiny("3.txt")]);
      expect(r.status).toBe(413);
      expect(r.body.error).toBe("一次最多上传 2 个文件。请把材料打包成一个 zip 压缩包后上传，或删去与申报无关的文件。");

      // 申报书.pdf is 317 KB.
      r = await upload(narrow.url, [{ path: FILES_A[0]! }, { path: FILES_A[1]! }]);
      expect(r.status).toBe(413);
      expect(r.body.error).toBe(
        "文件「武汉市垂直行业模型项目申报书.pdf」超过单个文件 0.19 MB 的上限。请压缩（如降低扫描分辨率）或拆分后重新上传。",
      );

      // 63 KB + 181 KB: refused while streaming, on the running total.
      r = await upload(small.url, [{ path: FILES_A[0]! }, { path: FILES_A[2]! }]);
      expect(r.status).toBe(413);
      expect(r.body.error).toBe("本次上传的文件合计超过 0.21 MB 的上限。请精简材料后重新上传。");

      // A declared length far over the limit is refused before anything is read.
      r = await upload(
        small.url,
        FILES_A.map((p) => ({ path: p })),
      );
      expect(r.status).toBe(413);
      expect(r.body.error).toBe("本次上传的文件合计超过 0.21 MB 的上限。请精简材料后重新上传。");
      for (const s of [few, narrow, small]) expect(await entries(s.workDir)).toEqual([]);
    } finally {
      await Promise.all([few.close(), narrow.close(), small.close()]);
    }
  });

  it("does not let a zip unpack to more than the upload limits allow: the rest becomes a finding", async () => {
    const limited = await startTestServer({ maxFileBytes: 300 * KB, maxTotalBytes: 300 * KB });
    try {
      // Four 200 KB text files of a four-letter alphabet: ~4:1 compression, far below the zip-bomb ratio, so
      // the upload (≈ 220 KB) passes while the content (800 KB) is over the 300 KB total.
      const zip = new JSZip();
      let seed = 7;
      const letter = () => "ACGT"[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % 4];
      for (let i = 1; i <= 4; i++) zip.file(`附件${i}.txt`, Array.from({ length: 200 * KB }, letter).join(""));
      const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
      expect(bytes.length).toBeLessThan(300 * KB);
      const { status, body } = await upload(limited.url, [{ bytes, name: "材料.zip" }]);
      expect(status).toBe(202);
      expect((await waitForJob(limited.url, body.id)).state).toBe("done");
      const report = await reportOf(limited.url, body.id);
      const refused = report.findings.find((f) => f.message.includes("压缩包解压后总体积超过上限"));
      expect(refused?.message).toContain("材料.zip");
      expect(report.package.files.length).toBeLessThan(4);
    } finally {
      await limited.close();
    }
  });
});

describe("errors and --keep", () => {
  it("answers bad requests in Chinese", async () => {
    const missing = await fetch(new URL("api/jobs/AAAAAAAAAAAAAAAAAAAAAAAA", srv.url));
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toMatch(/^未找到该检查任务/);

    let r = await upload(srv.url, [{ path: FILES_A[2]! }], { call: "no-such-call" });
    expect([r.status, r.body.error]).toEqual([400, "提交的选项无效，请刷新页面后重试。"]);
    r = await upload(srv.url, [], { call: "auto" });
    expect([r.status, r.body.error]).toEqual([400, "请至少选择一个文件。"]);

    const foreign = await fetch(new URL("api/jobs", srv.url), {
      method: "POST",
      headers: { origin: "http://example.invalid" },
      body: new FormData(),
    });
    expect(foreign.status).toBe(403);
    const json = await fetch(new URL("api/jobs", srv.url), { method: "POST", body: "{}" });
    expect(((await json.json()) as { error: string }).error).toBe("请在页面上选择文件后提交。");
    expect(await entries(srv.workDir)).toEqual([]);
  });

  it("shows a failed check as a Chinese message without internals", async () => {
    const failing = await startTestServer({
      check: async () => {
        throw new Error("boom in /secret/path");
      },
    });
    try {
      const { body } = await upload(failing.url, [{ path: FILES_A[2]! }]);
      const done = await waitForJob(failing.url, body.id);
      expect(done).toEqual({ id: body.id, state: "failed", error: JOB_FAILED_MESSAGE });
      const report = await fetch(new URL(`api/jobs/${body.id}/report.json`, failing.url));
      expect(report.status).toBe(409);
      expect(await entries(failing.workDir)).toEqual([]);
    } finally {
      await failing.close();
    }
  });

  it("with keep, leaves the uploads and the reports in the job's folder", async () => {
    const keeping = await startTestServer({ keep: true });
    try {
      const { body } = await upload(keeping.url, [{ path: BAD("材料.rar") }]);
      expect((await waitForJob(keeping.url, body.id)).state).toBe("done");
      const [dir] = await entries(keeping.workDir);
      expect(dir).toMatch(/^shenbao-job-/);
      expect((await readdir(path.join(keeping.workDir, dir!, "files"))).sort()).toEqual(["材料.rar"]);
      expect((await readdir(path.join(keeping.workDir, dir!, "report"))).sort()).toEqual([
        "report.html",
        "report.json",
        "report.md",
      ]);
    } finally {
      await keeping.close();
    }
  });
});

describe("shenbao serve", () => {
  it("stops on SIGINT and deletes the temporary folders of a job under way", async () => {
    const workDir = await mkdtemp(path.join(os.tmpdir(), "shenbao-serve-cli-"));
    // No --cache: the job OCRs cold, so it is still running when the signal comes.
    const child = spawn("node", [path.join(ROOT, "bin/shenbao.js"), "serve", "--port", "0", "--work-dir", workDir], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    try {
      let stderr = "";
      child.stderr.setEncoding("utf8");
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr.on("data", (chunk: string) => {
          stderr += chunk;
          const m = /已启动：(http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
          if (m) resolve(m[1]!);
        });
        child.once("exit", () => reject(new Error(`serve exited early: ${stderr}`)));
      });
      const { status } = await upload(
        url,
        FILES_A.map((p) => ({ path: p })),
      );
      expect(status).toBe(202);
      expect(await entries(workDir)).toHaveLength(1);
      const exited = once(child, "exit");
      child.kill("SIGINT");
      const [code] = await exited;
      expect(code).toBe(0);
      expect(stderr).toContain("正在停止并删除临时文件");
      expect(await entries(workDir)).toEqual([]);
    } finally {
      child.kill("SIGKILL");
      await rm(workDir, { recursive: true, force: true });
    }
  });
});
