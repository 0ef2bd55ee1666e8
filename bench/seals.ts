/**
 * npx tsx bench/seals.ts — seal detection: per-page accuracy against hand-checked counts, and the time the
 * detection adds per page, measured on the same calls ingest makes (a colour thumbnail + detection for
 * OCR'd scans and image files; detection on pdf.js's already-decoded pixels for other drawn images).
 * Decoding the PDF itself is not counted: ingest pays it with or without seals.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_LIMITS } from "../src/ingest/context.js";
import { colourThumbnail } from "../src/ingest/_internal/image-prep.js";
import { openPdf } from "../src/ingest/_internal/pdf-document.js";
import { decodedPixels, findImages } from "../src/ingest/_internal/pdf-images.js";
import { MIN_OCR_IMAGE_AREA, MIN_SEAL_SIDE_PT } from "../src/ingest/_internal/pdf-page.js";
import { detectSeals } from "../src/ingest/_internal/seal-detect.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const RUNS = 5;

/** File → seals per page, counted by eye on the rendered pages. */
const TRUTH: Array<[string, number[]]> = [
  ["fixtures/packages/wuhan-vertical-a/武汉市垂直行业模型项目申报书.pdf", [1, 0, 0, 0, 1, 1]],
  ["fixtures/packages/wuhan-vertical-c/承诺书（盖章扫描件）.pdf", [1]],
  ["fixtures/packages/wuhan-vertical-c/事业单位法人证书（副本）.pdf", [1]],
  ["fixtures/packages/wuhan-vertical-c/武汉市垂直行业模型项目申报书.pdf", [0, 0, 0, 0]],
  ["fixtures/packages/hunan-ai-model-b/2025年湖南省人工智能大模型项目申报书（湘江智语）.pdf", [0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0]],
  ["fixtures/pdf/scanned.pdf", [0]],
  ["fixtures/pdf/mixed.pdf", [0, 0, 0]],
  ["fixtures/packages/wuhan-vertical-a/营业执照.jpg", [1]],
  ["fixtures/ocr/license-degraded.jpg", [1]],
  ["fixtures/ocr/license-clean.png", [0]],
  ["fixtures/ocr/license-rot90.png", [0]],
  ["fixtures/ocr/license-exif6.jpg", [0]],
  ["fixtures/ocr/license.webp", [0]],
  ["fixtures/form-scans/hunan-ai-model-b-p4.jpg", [0]],
  ["fixtures/form-scans/hunan-ai-model-b-p5.jpg", [0]],
  ["fixtures/form-scans/wuhan-vertical-a-p2.jpg", [0]],
  ["fixtures/form-scans/wuhan-vertical-a-p3.jpg", [0]],
  ["fixtures/seals/red-header.png", [0]],
  ["fixtures/seals/oval-seal.png", [1]],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs `work` RUNS times; returns its result and the median time. */
async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    result = await work();
    times.push(performance.now() - t);
  }
  return { result, ms: median(times) };
}

async function thumbSeals(image: Buffer, raw?: { width: number; height: number; channels: 1 | 2 | 3 | 4 }, dpi?: number) {
  const thumb = await colourThumbnail(image, { ...(raw ? { raw } : {}), ...(dpi ? { dpi } : {}), maxPixels: DEFAULT_LIMITS.maxImagePixels });
  return thumb ? detectSeals(thumb.data, thumb, thumb.dpi ? { dpi: thumb.dpi } : {}).length : 0;
}

async function pdfPages(buf: Buffer): Promise<Array<{ found: number; ms: number }>> {
  const doc = await openPdf(buf, undefined);
  const out: Array<{ found: number; ms: number }> = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const vp = page.getViewport({ scale: 1 });
    const placed = findImages(await page.getOperatorList(), vp.transform, vp.width, vp.height);
    let found = 0;
    let ms = 0;
    for (const img of placed) {
      if (Math.min(img.box.w, img.box.h) < MIN_SEAL_SIDE_PT) continue;
      const px = await decodedPixels(page, img);
      if (!px || px.raw.channels < 3) continue;
      const ocrd = (img.box.w * img.box.h) / (vp.width * vp.height) >= MIN_OCR_IMAGE_AREA;
      const run = ocrd
        ? await timed(() => thumbSeals(Buffer.from(px.data), px.raw, img.dpi))
        : await timed(async () => detectSeals(px.data, px.raw, { dpi: img.dpi }).length);
      found += run.result;
      ms += run.ms;
    }
    out.push({ found, ms });
    page.cleanup();
  }
  await doc.destroy();
  return out;
}

let tp = 0;
let fp = 0;
let fn = 0;
const costs: number[] = [];
for (const [rel, truth] of TRUTH) {
  const buf = await readFile(path.join(ROOT, rel));
  const pages = rel.endsWith(".pdf") ? await pdfPages(buf) : [await timed(() => thumbSeals(buf)).then((r) => ({ found: r.result, ms: r.ms }))];
  pages.forEach((p, i) => {
    const want = truth[i] ?? 0;
    tp += Math.min(p.found, want);
    fp += Math.max(0, p.found - want);
    fn += Math.max(0, want - p.found);
    costs.push(p.ms);
  });
  const shown = pages.map((p, i) => `${p.found}/${truth[i] ?? 0}`).join(" ");
  console.log(`${rel}\n  seals found/expected per page: ${shown}   ms/page: ${pages.map((p) => p.ms.toFixed(1)).join(" ")}`);
}
console.log(`\n${costs.length} pages: ${tp} seals found, ${fp} false, ${fn} missed`);
console.log(`added time per page: median ${median(costs).toFixed(1)} ms, max ${Math.max(...costs).toFixed(1)} ms`);
