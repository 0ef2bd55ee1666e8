/**
 * npm run bench:extract — accuracy of the extract stage on the fixture packages: page classification,
 * and field precision/recall per extractor (≈ per document type) against the ground truth in
 * fixtures/expected; the OCR'd form scans; the single-document samples (printed and scanned statements,
 * tax returns, certificates, licence images); and every value split by how it was read (text layer vs OCR),
 * the two figures the issue sets targets for. Writes bench/results/extract.json.
 */
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { extract } from "../src/extract/extract.js";
import { parseApplicationForm } from "../src/extract/form/parse.js";
import type { CallId, DocumentPages } from "../src/extract/types.js";
import { ingest } from "../src/ingest/ingest.js";
import { resolveOcrEngine } from "../src/ingest/ocr.js";
import { classificationAccuracy, type ExpectedPackage } from "./_internal/classification-accuracy.js";
import { ROOT } from "./_internal/corpus.js";
import { sameValue, scoreFields } from "./_internal/field-accuracy.js";
import { BySource, fieldSource } from "./_internal/field-source.js";
import { scoreSamples } from "./_internal/extract-samples.js";
import { HUNAN_KEYS, WUHAN_KEYS } from "../test/extract/form/_helpers.js";
import { SKEWED_FORM_SCANS, skewedScanName } from "../fixtures/generate/form-scans.js";

// The OCR engine follows SHENBAO_OCR_ENGINE (src/ingest/ocr.ts); a run with another engine than the default writes
// its own file, so the two can be compared.
const ENGINE = resolveOcrEngine();
const RESULTS = path.join(ROOT, `bench/results/extract${ENGINE === "tesseract" ? "" : `-${ENGINE}`}.json`);
const EXPECTED = path.join(ROOT, "fixtures/expected");

interface Counts {
  /** Values extracted for ground-truth keys. */
  values: number;
  correct: number;
}

const names = (await readdir(EXPECTED)).filter((f) => f.endsWith(".json")).sort();
const byExtractor = new Map<string, Counts>();
const bySource = new BySource();
const packages = [];
let pagesRight = 0;
let pagesTotal = 0;
let keysExpected = 0;
let keysRecalled = 0;
for (const name of names) {
  const expected = JSON.parse(await readFile(path.join(EXPECTED, name), "utf8")) as ExpectedPackage & {
    call: string;
    fields: Record<string, unknown>;
  };
  const pkg = await ingest([path.join(ROOT, "fixtures/packages", expected.package)]);
  const ex = extract(pkg);
  const pages = classificationAccuracy(expected, ex.documents);
  pagesRight += pages.right;
  pagesTotal += pages.total;
  const scores = scoreFields(expected.fields, ex.fields);
  for (const f of ex.fields) {
    if (!(f.key in expected.fields)) continue;
    bySource.add(fieldSource(f, pkg.files), sameValue(expected.fields[f.key], f.value));
  }
  for (const s of scores) {
    keysExpected++;
    if (s.got.some((g) => g.correct)) keysRecalled++;
    for (const g of s.got) {
      const c = byExtractor.get(g.extractor) ?? { values: 0, correct: 0 };
      c.values++;
      if (g.correct) c.correct++;
      byExtractor.set(g.extractor, c);
    }
  }
  packages.push({
    package: expected.package,
    callDetected: ex.call?.id ?? null,
    callExpected: expected.call,
    pages: { right: pages.right, total: pages.total, wrong: pages.wrong },
    missingKeys: scores.filter((s) => s.got.length === 0).map((s) => s.key),
    wrongValues: scores.flatMap((s) =>
      s.got
        .filter((g) => !g.correct)
        .map((g) => ({ key: s.key, expected: s.expected, got: g.value, extractor: g.extractor })),
    ),
  });
}

/**
 * OCR'd application forms: the form pages of two packages rasterised at 200 dpi (fixtures/form-scans), read as
 * one document each, scored on the keys the form itself states; then each again with one page fed crooked.
 */
const STRAIGHT_SCANS: { package: string; pages: number[]; keys: (k: string) => boolean }[] = [
  { package: "wuhan-vertical-a", pages: [2, 3], keys: (k) => WUHAN_KEYS.includes(k) },
  { package: "hunan-ai-model-b", pages: [4, 5], keys: (k) => HUNAN_KEYS.test(k) },
];
const FORM_SCANS: ((typeof STRAIGHT_SCANS)[number] & { skew?: (typeof SKEWED_FORM_SCANS)[number] })[] = [
  ...STRAIGHT_SCANS,
  ...SKEWED_FORM_SCANS.map((skew) => ({ ...STRAIGHT_SCANS.find((s) => s.package === skew.pkg)!, skew })),
];
const scanFile = (scan: (typeof FORM_SCANS)[number], page: number) =>
  path.join(
    ROOT,
    "fixtures/form-scans",
    scan.skew?.page === page ? skewedScanName(scan.skew) : `${scan.package}-p${page}.jpg`,
  );
const formScans = [];
for (const scan of FORM_SCANS) {
  const expected = JSON.parse(await readFile(path.join(EXPECTED, `${scan.package}.json`), "utf8")) as {
    call: CallId;
    fields: Record<string, unknown>;
  };
  const files = (await ingest(scan.pages.map((p) => scanFile(scan, p)))).files;
  const doc: DocumentPages = {
    document: {
      id: `form-scan:${scan.package}`,
      type: "application-form",
      title: "申报书",
      file: files[0]!.path,
      pages: [1, files.length],
      confidence: 1,
      classifiedBy: "rule",
    },
    pages: files.map((file) => ({ file, page: file.pages[0]! })),
  };
  const got = parseApplicationForm(doc, expected.call).fields;
  for (const f of got) if (scan.keys(f.key) && f.key in expected.fields) bySource.add("ocr", sameValue(expected.fields[f.key], f.value));
  const keys = Object.keys(expected.fields).filter(scan.keys);
  const wrong = keys.filter((k) => !got.some((f) => f.key === k && sameValue(expected.fields[k], f.value)));
  formScans.push({
    package: scan.package,
    // Degrees one page of the form was turned (0: all straight).
    skew: scan.skew?.degrees ?? 0,
    right: keys.length - wrong.length,
    total: keys.length,
    wrong,
  });
}

const samples = await scoreSamples();
for (const s of samples) for (const v of s.values) bySource.add(v.source, v.correct);
const sampleTotals = (source: "text" | "ocr") => {
  const of = samples.filter((s) => s.source === source);
  return { documents: of.length, right: of.reduce((n, s) => n + s.right, 0), total: of.reduce((n, s) => n + s.total, 0) };
};

const extractors = Object.fromEntries([...byExtractor].map(([k, c]) => [k, { ...c, precision: c.correct / c.values }]));
const results = {
  date: new Date().toISOString(),
  packages: packages.length,
  pageClassification: { right: pagesRight, total: pagesTotal, accuracy: pagesRight / pagesTotal, target: ">= 0.98" },
  fields: {
    expectedKeys: keysExpected,
    recalled: keysRecalled,
    recall: keysRecalled / keysExpected,
    note: "recall is a lower bound: the ground truth lists facts of the fictional applicant that not every package states",
    byExtractor: extractors,
  },
  formScans: {
    note: "rule:form on OCR of fixtures/form-scans (application-form pages rasterised at 200 dpi; rows with skew ≠ 0 have one page fed that many degrees crooked)",
    right: formScans.reduce((n, f) => n + f.right, 0),
    total: formScans.reduce((n, f) => n + f.total, 0),
    detail: formScans,
  },
  samples: {
    note: "single documents with ground truth (fixtures/fields printed and *-scan, fixtures/ocr licences): right/total over every truth key, misses included",
    text: sampleTotals("text"),
    ocr: sampleTotals("ocr"),
    detail: samples.map(({ values: _values, ...s }) => s),
  },
  bySource: {
    note: "every extracted value of a ground-truth key (packages, form scans, samples), by how its evidence was read; precision = correct / values",
    ...bySource.summary(),
  },
  detail: packages,
};
await mkdir(path.dirname(RESULTS), { recursive: true });
await writeFile(RESULTS, JSON.stringify(results, null, 2) + "\n");

console.log(
  `页面分类准确率：${pagesRight}/${pagesTotal} = ${((100 * pagesRight) / pagesTotal).toFixed(1)}%（目标 ≥ 98%）`,
);
console.log(`字段召回（下限）：${keysRecalled}/${keysExpected} = ${((100 * keysRecalled) / keysExpected).toFixed(1)}%`);
console.table(
  Object.entries(extractors).map(([extractor, c]) => ({
    抽取器: extractor,
    抽取值: c.values,
    正确: c.correct,
    准确率: `${(100 * c.precision).toFixed(1)}%`,
  })),
);
for (const f of formScans)
  console.log(
    `扫描申报书（OCR）${f.package}${f.skew ? `（一页倾斜 ${f.skew}°）` : ""}：${f.right}/${f.total}${f.wrong.length ? `，错误：${f.wrong.join("、")}` : ""}`,
  );
for (const source of ["text", "ocr"] as const) {
  const t = sampleTotals(source);
  console.log(`单份样例（${source === "text" ? "文字层" : "OCR"}）：${t.right}/${t.total}（${t.documents} 份）`);
}
for (const s of samples.filter((x) => x.misses.length)) console.log(`  ${s.file}：${s.misses.join("；")}`);
const split = bySource.summary();
console.log(`按来源：文字层 ${split.text.correct}/${split.text.values} = ${(100 * split.text.precision).toFixed(1)}%（目标 ≥ 97%）；` +
  `OCR ${split.ocr.correct}/${split.ocr.values} = ${(100 * split.ocr.precision).toFixed(1)}%（目标 ≥ 90%）`);
console.log(`结果已写入 ${path.relative(process.cwd(), RESULTS)}`);
