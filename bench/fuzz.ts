/**
 * `npm run fuzz -- --n 2000 [--per-run 8] [--jobs 2] [--seed 1] [--minutes 60] [--scans 0.05]`
 *
 * Mutates the committed fixtures (fixtures/pdf, fixtures/docx, fixtures/zip, fixtures/packages/*): bit flips,
 * truncation, byte insertion, structure-aware DOCX XML mutations (huge gridSpan/gridBefore, deep nesting, broken
 * XML), PDF object mutations (huge numbers, NaN-like tokens, nested q/Q) and zip header mutations. Each run puts
 * `--per-run` mutants beside two undamaged files in one package and runs the real CLI (`bin/shenbao.js check --format
 * json --out`) in a child process with a time bound, sampling the resident memory of its whole process tree. Asserts:
 *
 *   - crash:    the check process never dies (exit code 0 or 1, no signal) and never prints 内部错误;
 *   - hang:     it finishes within the bound;
 *   - lost:     every run writes a report.json that passes ReportSchema;
 *   - unflagged: every mutant is either named in a finding or read with pages (a flip inside padding can leave a
 *               file intact);
 *   - changed:  the undamaged files give the same page counts and ingest findings as in a package without mutants.
 *
 * Scanned inputs are slow (OCR): most of the budget goes to text-layer PDF, DOCX and zip mutants; `--scans` is the
 * share of mutants taken from scans and images, read with the OCR cache under bench/work/fuzz-cache. Mutants of a
 * failing run that are small are kept in fixtures/fuzz-regressions/ (test/ingest/hostile.test.ts runs them). Counts go
 * to bench/results/fuzz.json.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import JSZip from "jszip";
import { ReportSchema, type Report } from "../src/report/schema.js";

const repo = path.resolve(import.meta.dirname, "..");
const work = path.join(repo, "bench/work/fuzz");
const cache = path.join(repo, "bench/work/fuzz-cache");
const regressions = path.join(repo, "fixtures/fuzz-regressions");

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "2000" },
    "per-run": { type: "string", default: "8" },
    jobs: { type: "string", default: "2" },
    seed: { type: "string", default: "1" },
    minutes: { type: "string", default: "600" },
    scans: { type: "string", default: "0.05" },
    "timeout-s": { type: "string", default: "180" },
  },
});
const N = Number(values.n);
const PER_RUN = Math.max(1, Number(values["per-run"]));
const JOBS = Math.max(1, Number(values.jobs));
const DEADLINE = Date.now() + Number(values.minutes) * 60_000;
const SCANS = Number(values.scans);
const TIMEOUT_MS = Number(values["timeout-s"]) * 1000;

/* ---- deterministic randomness ---- */
let state = Number(values.seed) >>> 0 || 1;
function rand(): number {
  // xorshift32
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state / 0x1_0000_0000;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

/* ---- sources ---- */
interface Source {
  file: string;
  kind: "pdf" | "docx" | "zip" | "image" | "other";
  scanned: boolean;
}

async function sources(): Promise<Source[]> {
  const out: Source[] = [];
  const add = (file: string) => {
    const ext = path.extname(file).toLowerCase();
    const kind = ext === ".pdf" ? "pdf" : ext === ".docx" ? "docx" : ext === ".zip" ? "zip" : /\.(jpe?g|png|tiff?|bmp|webp)$/.test(ext) ? "image" : "other";
    if (kind === "other") return;
    const scanned = kind === "image" || /scanned|扫描|盖章|营业执照|法人证书/.test(path.basename(file));
    out.push({ file, kind, scanned });
  };
  for (const dir of ["fixtures/pdf", "fixtures/docx", "fixtures/zip"]) {
    for (const name of await readdir(path.join(repo, dir))) add(path.join(repo, dir, name));
  }
  for (const pkg of await readdir(path.join(repo, "fixtures/packages"))) {
    for (const name of await readdir(path.join(repo, "fixtures/packages", pkg))) add(path.join(repo, "fixtures/packages", pkg, name));
  }
  // zip-bomb.zip and nested-deep.zip are hostile already; keep them, they are small.
  return out;
}

/* ---- mutations ---- */
type Mutation = { name: string; apply: (buf: Buffer, src: Source) => Promise<Buffer> | Buffer };

const bitflip: Mutation = {
  name: "bitflip",
  apply(buf) {
    const out = Buffer.from(buf);
    const flips = int(1, 16);
    for (let i = 0; i < flips; i++) {
      const at = int(0, out.length - 1);
      out[at] = out[at]! ^ (1 << int(0, 7));
    }
    return out;
  },
};
const truncate: Mutation = { name: "truncate", apply: (buf) => buf.subarray(0, int(0, buf.length - 1)) };
const insert: Mutation = {
  name: "insert",
  apply(buf) {
    const at = int(0, buf.length);
    const junk = Buffer.alloc(int(1, 4096));
    for (let i = 0; i < junk.length; i++) junk[i] = int(0, 255);
    return Buffer.concat([buf.subarray(0, at), junk, buf.subarray(at)]);
  },
};

const docxXml: Mutation = {
  name: "docx-xml",
  async apply(buf) {
    const zip = await JSZip.loadAsync(buf);
    const part = zip.file("word/document.xml");
    if (!part) return bitflip.apply(buf, { file: "", kind: "docx", scanned: false });
    let xml = await part.async("string");
    const how = pick(["gridSpan", "gridBefore", "vMerge", "nest-tbl", "nest-sdt", "break", "entity", "huge-text"]);
    switch (how) {
      case "gridSpan":
        xml = xml.replace(/<w:tcPr>/, `<w:tcPr><w:gridSpan w:val="${pick(["2000000000", "99999999999", "-5", "NaN", "1e9"])}"/>`);
        break;
      case "gridBefore":
        xml = xml.replace(/<w:tr( [^>]*)?>/, (m) => `${m}<w:trPr><w:gridBefore w:val="${pick(["2000000000", "-1", "1e12"])}"/></w:trPr>`);
        break;
      case "vMerge":
        xml = xml.replaceAll(/<w:tcPr>/g, () => (rand() < 0.5 ? "<w:tcPr><w:vMerge/>" : "<w:tcPr>"));
        break;
      case "nest-tbl": {
        const depth = int(200, 5000);
        const nested = "<w:tbl><w:tr><w:tc>".repeat(depth) + "<w:p/>" + "</w:tc></w:tr></w:tbl>".repeat(depth);
        xml = xml.replace(/<w:body>/, `<w:body>${nested}`);
        break;
      }
      case "nest-sdt": {
        const depth = int(200, 20000);
        xml = xml.replace(/<w:body>/, `<w:body>${"<w:sdt><w:sdtContent>".repeat(depth)}<w:p/>${"</w:sdtContent></w:sdt>".repeat(depth)}`);
        break;
      }
      case "break":
        xml = xml.slice(0, int(0, xml.length - 1));
        break;
      case "entity":
        xml = xml.replace(/<w:body>/, `<w:body><w:p><w:r><w:t>${"&amp;".repeat(int(1, 50000))}&bogus;</w:t></w:r></w:p>`);
        break;
      case "huge-text":
        xml = xml.replace(/<w:body>/, `<w:body><w:p><w:r><w:t>${"申".repeat(int(100_000, 2_000_000))}</w:t></w:r></w:p>`);
        break;
    }
    zip.file("word/document.xml", xml);
    return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  },
};

const pdfObject: Mutation = {
  name: "pdf-object",
  apply(buf) {
    const text = buf.toString("latin1");
    const how = pick(["huge-number", "nan-token", "nested-q", "bad-xref", "mediabox"]);
    let out = text;
    switch (how) {
      case "huge-number": {
        // Replace a few numbers outside streams (object structure: sizes, boxes, lengths).
        out = text.replace(/(?<=[\s[])(\d+(\.\d+)?)(?=[\s\]])/g, (m) => (rand() < 0.02 ? pick(["9".repeat(400), "-" + "9".repeat(40), "4294967296", "1e308"]) : m));
        break;
      }
      case "nan-token":
        out = text.replace(/(?<=[\s[])(\d+(\.\d+)?)(?=[\s\]])/g, (m) => (rand() < 0.02 ? pick(["NaN", "-.-", "--1", "+-0", ".", "1..2"]) : m));
        break;
      case "nested-q": {
        const n = int(10_000, 200_000);
        const ops = "q ".repeat(n) + "Q ".repeat(n);
        // A new uncompressed content stream object, appended after the last endobj and referenced from a page.
        const id = 90000 + int(0, 999);
        out = text.replace(/\/Contents\s+(\d+ 0 R|\[[^\]]*\])/, `/Contents ${id} 0 R`);
        out = out.replace(/%%EOF\s*$/, `${id} 0 obj\n<< /Length ${ops.length} >>\nstream\n${ops}\nendstream\nendobj\n%%EOF\n`);
        break;
      }
      case "bad-xref":
        out = text.replace(/startxref\s+\d+/, `startxref ${int(0, text.length * 2)}`);
        break;
      case "mediabox":
        out = text.replace(/\/MediaBox\s*\[[^\]]*\]/, `/MediaBox [0 0 ${pick(["9".repeat(300), "NaN", "-1e30", "0"])} ${pick(["842", "1e308", "0"])}]`);
        break;
    }
    return Buffer.from(out, "latin1");
  },
};

const zipHeader: Mutation = {
  name: "zip-header",
  apply(buf) {
    const out = Buffer.from(buf);
    const sigs = [0x04034b50, 0x02014b50, 0x06054b50];
    const offsets: number[] = [];
    for (let i = 0; i + 4 <= out.length; i++) if (sigs.includes(out.readUInt32LE(i))) offsets.push(i);
    if (offsets.length === 0) return bitflip.apply(buf, { file: "", kind: "zip", scanned: false });
    const at = pick(offsets);
    // A field within the first 46 bytes of the header: sizes, name length, offsets, counts.
    const field = at + pick([8, 10, 14, 18, 20, 22, 24, 26, 28, 30, 34, 42]);
    if (field + 4 <= out.length) out.writeUInt32LE(pick([0, 0xffffffff, 0x7fffffff, int(0, 0xffffffff)]), field);
    return out;
  },
};

function mutationsFor(src: Source): Mutation[] {
  const generic = [bitflip, truncate, insert];
  if (src.kind === "docx") return [...generic, docxXml, docxXml, docxXml, zipHeader];
  if (src.kind === "pdf") return [...generic, pdfObject, pdfObject, pdfObject];
  if (src.kind === "zip") return [...generic, zipHeader, zipHeader];
  return generic;
}

/* ---- running check ---- */
interface RunOutcome {
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  ms: number;
  peakRss: number;
  stderr: string;
  report?: Report;
  schemaError?: string;
}

/** Resident bytes of `pid` and all its descendants (Linux /proc). */
async function treeRss(pid: number): Promise<number> {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const name of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(name), Number(fields[1]));
      rss.set(Number(name), Number(fields[21]) * 4096);
    } catch {
      // gone
    }
  }
  let total = 0;
  const inTree = (p: number): boolean => {
    for (let q = p, hops = 0; q > 1 && hops < 50; q = parents.get(q) ?? 0, hops++) if (q === pid) return true;
    return false;
  };
  for (const [p, bytes] of rss) if (inTree(p)) total += bytes;
  return total;
}

function runCheck(dir: string, out: string): Promise<RunOutcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [path.join(repo, "bin/shenbao.js"), "check", dir, "--format", "json", "--out", out, "--cache", cache], {
      env: { ...process.env, SHENBAO_FILE_TIMEOUT_MS: "60000", SHENBAO_FILE_BLOCKED_MS: "10000", NO_COLOR: "1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    let peak = 0;
    let timedOut = false;
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
    const sampler = setInterval(() => {
      if (child.pid) void treeRss(child.pid).then((r) => (peak = Math.max(peak, r)));
    }, 300);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, TIMEOUT_MS);
    child.on("close", async (code, signal) => {
      clearInterval(sampler);
      clearTimeout(timer);
      const outcome: RunOutcome = { code, signal, timedOut, ms: Date.now() - started, peakRss: peak, stderr };
      try {
        const parsed = ReportSchema.safeParse(JSON.parse(await readFile(path.join(out, "report.json"), "utf8")));
        if (parsed.success) outcome.report = parsed.data;
        else outcome.schemaError = parsed.error.message.slice(0, 500);
      } catch (e) {
        outcome.schemaError = `no report.json: ${(e as Error).message}`;
      }
      resolve(outcome);
    });
  });
}

/* ---- the baseline: undamaged files alone ---- */
const GOOD = [path.join(repo, "fixtures/pdf/word-form.pdf"), path.join(repo, "fixtures/docx/wuhan-form.docx")];

interface FileView {
  pages: number;
  textSource: string;
  findings: string[];
}

function viewOf(report: Report, base: string): FileView | undefined {
  const file = report.package.files.find((f) => path.basename(f.path) === base);
  if (!file) return undefined;
  const findings = report.findings
    .filter((f) => f.category === "ingest" && f.message.includes(`/${base}」`))
    .map((f) => f.ruleId)
    .sort();
  return { pages: file.pages, textSource: file.textSource, findings };
}

async function main(): Promise<void> {
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const all = await sources();
  const textual = all.filter((s) => !s.scanned);
  const scanned = all.filter((s) => s.scanned);

  const baseDir = path.join(work, "baseline/pkg");
  await mkdir(baseDir, { recursive: true });
  for (const g of GOOD) await copyFile(g, path.join(baseDir, path.basename(g)));
  const base = await runCheck(baseDir, path.join(work, "baseline/out"));
  if (!base.report) throw new Error(`baseline failed: ${base.schemaError} ${base.stderr.slice(-2000)}`);
  const baseline = new Map(GOOD.map((g) => [path.basename(g), viewOf(base.report!, path.basename(g))]));

  const totals = {
    mutants: 0,
    runs: 0,
    crashes: 0,
    hangs: 0,
    lostPackages: 0,
    unflaggedMutants: 0,
    changedUndamaged: 0,
    mutantsWithFinding: 0,
    mutantsReadClean: 0,
    byMutation: {} as Record<string, number>,
    byKind: {} as Record<string, number>,
    scannedMutants: 0,
    peakRssBytes: 0,
    maxRunMs: 0,
  };
  const failures: Array<{ run: number; what: string; mutants: string[]; detail: string }> = [];
  let runIndex = 0;

  const oneRun = async (): Promise<void> => {
    const run = runIndex++;
    const dir = path.join(work, `run-${run}`, "pkg");
    await mkdir(dir, { recursive: true });
    for (const g of GOOD) await copyFile(g, path.join(dir, path.basename(g)));
    const mutants: Array<{ name: string; bytes: Buffer; mutation: string; source: string }> = [];
    for (let i = 0; i < PER_RUN && totals.mutants + mutants.length < N; i++) {
      const src = rand() < SCANS && scanned.length ? pick(scanned) : pick(textual);
      const mutation = pick(mutationsFor(src));
      let bytes: Buffer;
      try {
        bytes = await mutation.apply(await readFile(src.file), src);
      } catch {
        bytes = bitflip.apply(await readFile(src.file), src) as Buffer;
      }
      const name = `m${run}-${i}-${mutation.name}${path.extname(src.file)}`;
      mutants.push({ name, bytes, mutation: mutation.name, source: path.relative(repo, src.file) });
      totals.byMutation[mutation.name] = (totals.byMutation[mutation.name] ?? 0) + 1;
      totals.byKind[src.kind] = (totals.byKind[src.kind] ?? 0) + 1;
      if (src.scanned) totals.scannedMutants++;
      await writeFile(path.join(dir, name), bytes);
    }
    totals.mutants += mutants.length;
    totals.runs++;
    const out = await runCheck(dir, path.join(work, `run-${run}`, "out"));
    totals.peakRssBytes = Math.max(totals.peakRssBytes, out.peakRss);
    totals.maxRunMs = Math.max(totals.maxRunMs, out.ms);
    const problems: string[] = [];
    if (out.timedOut) {
      totals.hangs++;
      problems.push("hang");
    } else if (out.signal || (out.code !== 0 && out.code !== 1) || /内部错误/.test(out.stderr)) {
      totals.crashes++;
      problems.push(`crash (code ${out.code}, signal ${out.signal})`);
    }
    if (!out.report) {
      totals.lostPackages++;
      problems.push(`lost: ${out.schemaError}`);
    } else {
      for (const m of mutants) {
        const file = out.report.package.files.find((f) => path.basename(f.path) === m.name);
        const named = out.report.findings.some((f) => f.message.includes(m.name) || JSON.stringify(f.actual ?? "").includes(m.name));
        if (named) totals.mutantsWithFinding++;
        else if (file && file.pages > 0) totals.mutantsReadClean++;
        else {
          totals.unflaggedMutants++;
          problems.push(`unflagged ${m.name}`);
        }
      }
      for (const g of GOOD) {
        const name = path.basename(g);
        const now = viewOf(out.report, name);
        if (JSON.stringify(now) !== JSON.stringify(baseline.get(name))) {
          totals.changedUndamaged++;
          problems.push(`undamaged ${name} changed: ${JSON.stringify(now)} vs ${JSON.stringify(baseline.get(name))}`);
        }
      }
    }
    if (problems.length) {
      failures.push({ run, what: problems.join("; "), mutants: mutants.map((m) => `${m.name} <- ${m.source}`), detail: out.stderr.slice(-1500) });
      await mkdir(regressions, { recursive: true });
      for (const m of mutants) {
        if (m.bytes.length > 300 * 1024) continue;
        const hash = createHash("sha256").update(m.bytes).digest("hex").slice(0, 12);
        const keep = path.join(regressions, `${m.mutation}-${hash}${path.extname(m.name)}`);
        if (!existsSync(keep)) await writeFile(keep, m.bytes);
      }
    } else {
      await rm(path.join(work, `run-${run}`), { recursive: true, force: true });
    }
    process.stdout.write(
      `\rrun ${totals.runs}  mutants ${totals.mutants}/${N}  crashes ${totals.crashes}  hangs ${totals.hangs}  lost ${totals.lostPackages}  unflagged ${totals.unflaggedMutants}  changed ${totals.changedUndamaged}  peak ${(totals.peakRssBytes / 2 ** 20).toFixed(0)} MiB   `,
    );
  };

  const started = Date.now();
  await Promise.all(
    Array.from({ length: JOBS }, async () => {
      while (totals.mutants < N && Date.now() < DEADLINE) await oneRun();
    }),
  );
  process.stdout.write("\n");
  const result = {
    date: new Date().toISOString(),
    args: { n: N, perRun: PER_RUN, jobs: JOBS, seed: Number(values.seed), scans: SCANS, timeoutS: TIMEOUT_MS / 1000 },
    targets: { mutants: 2000, crashes: 0, hangs: 0, lostPackages: 0, peakRssGiB: 1.5 },
    ...totals,
    peakRssGiB: Number((totals.peakRssBytes / 2 ** 30).toFixed(3)),
    minutes: Number(((Date.now() - started) / 60_000).toFixed(1)),
    baseline: Object.fromEntries(baseline),
    failures: failures.slice(0, 50),
  };
  await mkdir(path.join(repo, "bench/results"), { recursive: true });
  await writeFile(path.join(repo, "bench/results/fuzz.json"), JSON.stringify(result, null, 2) + "\n");
  console.log(JSON.stringify({ ...result, failures: failures.length, baseline: undefined }, null, 2));
  if (totals.crashes || totals.hangs || totals.lostPackages) process.exitCode = 1;
}

await main();
