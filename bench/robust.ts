/**
 * npm run bench:robust — the reader against application forms made by OTHER producers (issue 11): the fixture
 * packages with their forms re-rendered by npm docx and python-docx (narrow, uneven columns, LibreOffice PDF),
 * Chromium-printed HTML tables (A4, Letter), a .doc round trip and printed-and-scanned pages, clean and with
 * planted defects (fixtures/generate/robust/). The corpus is generated into bench/work/robust/ unless a complete
 * one is there (`--regenerate` forces it; SHENBAO_ROBUST_DIR points elsewhere); every package goes through the real pipeline (runCheck, OCR cache under
 * bench/work/robust-cache/). Per slice, producer and call:
 *   - error findings on clean packages beyond the base package's known by-construction errors (target 0),
 *   - planted-defect recall (target 100 %),
 *   - application-form field accuracy against the fixture data (target ≥ 98 % text layer, ≥ 95 % scans).
 * The HOLDOUT slice (other seed) is reported separately and is not to be tuned on.
 * Writes bench/results/robust.json.  `npx tsx bench/robust.ts [--regenerate] [filter]` (filter: a substring
 * of the package id, e.g. chromium or hunan; a filtered run does not write the results file).
 */
import { access, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { createOcrService } from "../src/ingest/ocr.js";
import type { CallId } from "../src/extract/types.js";
import type { Finding } from "../src/model.js";
import type { Report } from "../src/report/schema.js";
import { generateRobust } from "../fixtures/generate/robust/generate.js";
import type { ManifestEntry } from "../fixtures/generate/robust/build.js";
import { brief, describeExpect, describeFinding, errorsOf, judge, matches, newFindings } from "../test/checks/planted/match.js";
import { BASES, type Expect } from "../test/checks/planted/plants.js";
import { checkDir } from "../test/checks/planted/run.js";
import { ROOT } from "./_internal/corpus.js";
import { formTruth, scoreForm, type FieldScore } from "./_internal/robust-fields.js";

const WORK = process.env.SHENBAO_ROBUST_DIR ? path.resolve(process.env.SHENBAO_ROBUST_DIR) : path.join(ROOT, "bench/work/robust");
const CACHE = path.join(ROOT, "bench/work/robust-cache");
const RESULTS = path.join(ROOT, "bench/results/robust.json");
const TARGETS = { falseErrors: 0, recall: 1, fieldAccuracyText: 0.98, fieldAccuracyScan: 0.95 };

const args = process.argv.slice(2);
const regenerate = args.includes("--regenerate");
const filter = args.find((a) => !a.startsWith("--"));

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

const complete = async () =>
  (await exists(path.join(WORK, "manifest.json"))) &&
  (JSON.parse(await readFile(path.join(WORK, "manifest.json"), "utf8")) as { complete?: boolean }).complete === true;
if (regenerate || !(await complete())) {
  console.log(`生成材料包到 ${path.relative(ROOT, WORK)}（LibreOffice、Chromium、python-docx；约 15 分钟）…`);
  // An interrupted generation resumes; --regenerate starts afresh.
  const { failures } = await generateRobust(WORK, { log: (l) => console.log(l), fresh: regenerate });
  if (failures.length) console.log(`构造失败 ${failures.length} 个：${failures.map((f) => f.job).join("、")}`);
}
const manifest = JSON.parse(await readFile(path.join(WORK, "manifest.json"), "utf8")) as {
  seeds: Record<string, number>;
  failures: { job: string; error: string }[];
  entries: ManifestEntry[];
};
const entries = manifest.entries.filter((e) => !filter || `${e.slice}/${e.id}`.includes(filter));

const callOf = (e: ManifestEntry) => BASES[e.base].call as CallId;

const ocr = createOcrService({ cacheDir: path.join(CACHE, "ocr") });
const options = { cacheDir: CACHE, ocr };
const started = performance.now();

interface CleanResult {
  entry: ManifestEntry;
  report: Report;
  ms: number;
  falseErrors: Finding[];
  fields: FieldScore[];
}
interface PlantResult {
  entry: ManifestEntry;
  ms: number;
  verdicts: { expect: Expect; found: Finding | null; alreadyInClean: Finding | null }[];
  others: Finding[];
  fields: FieldScore[];
}

try {
  const clean = new Map<string, CleanResult>();
  const plants: PlantResult[] = [];
  const truths = new Map<string, Awaited<ReturnType<typeof formTruth>>>();
  const truthOf = async (e: ManifestEntry) => {
    if (!truths.has(e.base)) truths.set(e.base, await formTruth(ROOT, e.base, callOf(e)));
    return truths.get(e.base)!;
  };
  const ordered = [...entries.filter((e) => !e.plant), ...entries.filter((e) => e.plant)];
  let n = 0;
  for (const e of ordered) {
    n++;
    const dir = path.join(WORK, e.slice, e.id);
    const { report, ms } = await checkDir(dir, options);
    const truth = await truthOf(e);
    if (!e.plant) {
      const known = BASES[e.base].errors as readonly Expect[];
      const falseErrors = errorsOf(report).filter((f) => !known.some((k) => matches(f, k)));
      const fields = scoreForm(report, e.formFiles, truth, e.producer === "scan");
      clean.set(`${e.slice}/${e.base}/${e.producer}`, { entry: e, report, ms, falseErrors, fields });
      const acc = fields.filter((f) => f.ok).length;
      console.log(
        `[${n}/${ordered.length}] ${e.slice}/${e.id}：错误误报 ${falseErrors.length}，字段 ${acc}/${fields.length}（${ms} ms）`,
      );
    } else {
      const base = clean.get(`${e.slice}/${e.base}/${e.producer}`);
      const verdicts = base
        ? judge(e.plant.expect, report, base.report).map((v) => ({ expect: v.expect, found: v.found, alreadyInClean: v.alreadyInBase }))
        : e.plant.expect.map((x) => ({ expect: x, found: report.findings.find((f) => matches(f, x)) ?? null, alreadyInClean: null }));
      const others = base ? newFindings(report, base.report).filter((f) => !verdicts.some((v) => v.found === f)) : [];
      plants.push({ entry: e, ms, verdicts, others, fields: [] });
      const ok = verdicts.every((v) => v.found);
      console.log(
        `[${n}/${ordered.length}] ${ok ? "✓" : "✗"} ${e.slice}/${e.id}${ok ? "" : `：未检出 ${verdicts.filter((v) => !v.found).map((v) => describeExpect(v.expect)).join("；")}`}（${ms} ms）`,
      );
    }
  }

  // ---- tallies: slice → producer → call
  interface Tally {
    cleanPackages: number;
    falseErrors: number;
    planted: number;
    recalled: number;
    fieldsText: number;
    fieldsTextOk: number;
    fieldsScan: number;
    fieldsScanOk: number;
  }
  const empty = (): Tally => ({ cleanPackages: 0, falseErrors: 0, planted: 0, recalled: 0, fieldsText: 0, fieldsTextOk: 0, fieldsScan: 0, fieldsScanOk: 0 });
  const tallies = new Map<string, Tally>();
  const bump = (keys: string[], fn: (t: Tally) => void) => {
    for (const k of keys) {
      const t = tallies.get(k) ?? empty();
      fn(t);
      tallies.set(k, t);
    }
  };
  const keysOf = (e: ManifestEntry) => [e.slice, `${e.slice}|${e.producer}`, `${e.slice}|${e.producer}|${callOf(e)}`];
  for (const c of clean.values()) {
    bump(keysOf(c.entry), (t) => {
      t.cleanPackages++;
      t.falseErrors += c.falseErrors.length;
      for (const f of c.fields) {
        if (f.source === "scan") {
          t.fieldsScan++;
          if (f.ok) t.fieldsScanOk++;
        } else {
          t.fieldsText++;
          if (f.ok) t.fieldsTextOk++;
        }
      }
    });
  }
  for (const p of plants) {
    bump(keysOf(p.entry), (t) => {
      t.planted += p.verdicts.length;
      t.recalled += p.verdicts.filter((v) => v.found).length;
    });
  }
  const ratio = (a: number, b: number) => (b ? a / b : null);
  const summary = (t: Tally) => ({
    cleanPackages: t.cleanPackages,
    falseErrors: t.falseErrors,
    planted: t.planted,
    recalled: t.recalled,
    recall: ratio(t.recalled, t.planted),
    fieldAccuracyText: ratio(t.fieldsTextOk, t.fieldsText),
    fieldsText: t.fieldsText,
    fieldAccuracyScan: ratio(t.fieldsScanOk, t.fieldsScan),
    fieldsScan: t.fieldsScan,
  });
  const pct = (v: number | null) => (v === null ? "-" : `${(100 * v).toFixed(1)}%`);

  // ---- print
  for (const slice of ["main", "holdout"]) {
    const rows = [...tallies].filter(([k]) => k.startsWith(`${slice}|`) && k.split("|").length === 2);
    if (!rows.length) continue;
    console.log(`\n${slice === "holdout" ? "留出集（holdout，不得据此调参）" : "主集"}：`);
    console.table(
      rows.map(([k, t]) => {
        const s = summary(t);
        return {
          生成方式: k.split("|")[1],
          干净包: s.cleanPackages,
          错误误报: s.falseErrors,
          预埋: `${s.recalled}/${s.planted}`,
          召回率: pct(s.recall),
          字段文字层: `${pct(s.fieldAccuracyText)}（${s.fieldsText}）`,
          字段扫描件: s.fieldsScan ? `${pct(s.fieldAccuracyScan)}（${s.fieldsScan}）` : "-",
        };
      }),
    );
    const t = tallies.get(slice);
    if (t) {
      const s = summary(t);
      console.log(
        `合计：错误误报 ${s.falseErrors}（目标 0）；召回 ${pct(s.recall)}（目标 100%）；字段准确率 文字层 ${pct(s.fieldAccuracyText)}（目标 ≥98%），扫描件 ${pct(s.fieldAccuracyScan)}（目标 ≥95%）`,
      );
    }
  }
  const falseList = [...clean.values()].filter((c) => c.falseErrors.length);
  if (falseList.length) {
    console.log("\n干净包上的错误：");
    for (const c of falseList) {
      console.log(`  ${c.entry.slice}/${c.entry.id}`);
      for (const f of c.falseErrors) console.log(`    ${describeFinding(f)} — ${f.message.slice(0, 120)}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;

  // ---- write
  const byProducer = (slice: string) =>
    Object.fromEntries(
      [...tallies]
        .filter(([k]) => k.startsWith(`${slice}|`) && k.split("|").length === 2)
        .map(([k, t]) => [
          k.split("|")[1],
          {
            ...summary(t),
            byCall: Object.fromEntries(
              [...tallies].filter(([kk]) => kk.startsWith(`${k}|`)).map(([kk, tt]) => [kk.split("|")[2], summary(tt)]),
            ),
          },
        ]),
    );
  const results = {
    date: new Date().toISOString(),
    command: "npm run bench:robust",
    targets: TARGETS,
    corpus: {
      dir: path.relative(ROOT, WORK),
      seeds: manifest.seeds,
      packages: entries.length,
      complete: (manifest as { complete?: boolean }).complete ?? false,
      buildFailures: manifest.failures,
      generator: "fixtures/generate/robust/generate.ts",
    },
    main: { holdout: false, total: tallies.get("main") ? summary(tallies.get("main")!) : null, byProducer: byProducer("main") },
    holdout: {
      holdout: true,
      note: "另一个种子生成（字体、页边距、列宽、标签写法不同），单独报告；不得据此调整读取程序",
      total: tallies.get("holdout") ? summary(tallies.get("holdout")!) : null,
      byProducer: byProducer("holdout"),
    },
    falseErrors: falseList.map((c) => ({
      package: `${c.entry.slice}/${c.entry.id}`,
      holdout: c.entry.holdout,
      producer: c.entry.producer,
      call: callOf(c.entry),
      style: c.entry.style,
      errors: c.falseErrors.map(brief),
    })),
    plants: plants.map((p) => ({
      package: `${p.entry.slice}/${p.entry.id}`,
      holdout: p.entry.holdout,
      producer: p.entry.producer,
      call: callOf(p.entry),
      describe: p.entry.plant!.describe,
      expected: p.verdicts.map((v) => ({ ...v.expect, found: v.found !== null, ...(v.alreadyInClean ? { alreadyInClean: brief(v.alreadyInClean) } : {}) })),
      otherNewFindings: p.others.map(brief),
      ms: p.ms,
    })),
    fieldMisses: [...clean.values()].flatMap((c) =>
      c.fields
        .filter((f) => !f.ok)
        .map((f) => ({ package: `${c.entry.slice}/${c.entry.id}`, holdout: c.entry.holdout, file: f.file, source: f.source, key: f.key, expected: f.expected, got: f.got, ...(f.raw !== undefined ? { raw: f.raw } : {}) })),
    ),
    packages: [...clean.values()].map((c) => ({
      package: `${c.entry.slice}/${c.entry.id}`,
      holdout: c.entry.holdout,
      producer: c.entry.producer,
      call: callOf(c.entry),
      style: c.entry.style,
      ms: c.ms,
      ocr_pages: c.report.stages.ocr_pages,
      errors: errorsOf(c.report).length,
      falseErrors: c.falseErrors.length,
      fields: `${c.fields.filter((f) => f.ok).length}/${c.fields.length}`,
    })),
    seconds: Math.round(seconds),
  };
  if (!filter) {
    await mkdir(path.dirname(RESULTS), { recursive: true });
    await writeFile(RESULTS, JSON.stringify(results, null, 2) + "\n");
    console.log(`结果已写入 ${path.relative(process.cwd(), RESULTS)}（${seconds.toFixed(0)} 秒）`);
  } else console.log(`（按「${filter}」筛选，未写结果文件；${seconds.toFixed(0)} 秒）`);
} finally {
  await ocr.close();
}
