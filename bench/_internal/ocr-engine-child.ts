/**
 * One OCR engine measured in its own process (so the parent reads its peak RSS): start-up, s/page and CPU-s/page
 * over the A4 licence scans (both workers busy), their CER, and the licence fields read from the fixture packages'
 * licence scans. Prints one JSON object. Usage: ocr-engine-child.ts <tesseract|paddle> <scans.json>
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { registry } from "../../src/extract/fields/index.js";
import { ingest } from "../../src/ingest/ingest.js";
import { createOcrService, type OcrEngineName } from "../../src/ingest/ocr.js";
import { asDocument } from "../../test/extract/fields/helpers.js";
import { packageCases, sameValue } from "../../test/extract/fields/truth.js";
import { characterErrorRate } from "./cer.js";
import { ROOT, type ScanPage } from "./corpus.js";

const [engine, scansFile] = process.argv.slice(2) as [OcrEngineName, string];
const scans = JSON.parse(await readFile(scansFile, "utf8")) as ScanPage[];
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const ocr = createOcrService({ engine, cacheDir: false });
const images = await Promise.all(scans.map((s) => readFile(s.image)));
// Start-up: the first page minus a steady page (models / workers loaded on first use).
let t = performance.now();
await ocr.recognize({ image: images[0]!, dpi: 300 });
const firstMs = performance.now() - t;
t = performance.now();
await ocr.recognize({ image: images[0]!, dpi: 300 });
const steadyMs = performance.now() - t;

const jobs = [...scans.keys(), ...scans.keys()];
t = performance.now();
const cpu0 = cpu();
const results = await Promise.all(jobs.map((i) => ocr.recognize({ image: images[i]!, dpi: 300 })));
const wall = (performance.now() - t) / 1000;
const cpuS = cpu() - cpu0;
const cer = (quality: string) => {
  const values = jobs.flatMap((i, n) =>
    scans[i]!.quality === quality
      ? [characterErrorRate(scans[i]!.truth, results[n]!.lines.map((l) => l.text).join("\n"))]
      : [],
  );
  return values.reduce((a, b) => a + b, 0) / values.length;
};

// The fixture packages' licence scans, read and extracted as in a package.
const licences = packageCases().filter((c) => c.type === "business-license" && !c.file.endsWith(".docx"));
let right = 0;
let total = 0;
const misses: string[] = [];
t = performance.now();
for (const c of licences) {
  const { files } = await ingest([path.join(ROOT, c.file)], { ocr, cacheDir: false, readers: false });
  const doc = asDocument(files[0]!, c.type, c.pages);
  const fields = registry.filter((e) => e.docTypes.includes(c.type)).flatMap((e) => e.extract(doc, {}));
  for (const [key, want] of Object.entries(c.truth)) {
    total++;
    const got = fields.find((f) => f.key === key);
    if (got && sameValue(want, got.value)) right++;
    else
      misses.push(
        `${path.basename(path.dirname(c.file))} ${key}: ${JSON.stringify(want)} → ${got ? JSON.stringify(got.value) : "—"}`,
      );
  }
}
const licenceMs = performance.now() - t;
await ocr.close();

process.stdout.write(
  JSON.stringify({
    engine: results[0]?.info.engine,
    startupS: Math.max(0, (firstMs - steadyMs) / 1000),
    pages: jobs.length,
    sPerPage: wall / jobs.length,
    cpuSPerPage: cpuS / jobs.length,
    cer: { clean: cer("clean"), degraded: cer("degraded") },
    licences: {
      files: licences.length,
      right,
      total,
      sPerFile: licenceMs / 1000 / licences.length,
      misses,
    },
  }) + "\n",
);
