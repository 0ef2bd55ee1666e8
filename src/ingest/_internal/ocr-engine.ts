/**
 * One OCR run on one worker: read the prepared image, and when it does not read like upright text, find
 * the quarter turn that does.
 *
 * Orientation: tesseract's OSD needs osd.traineddata, which no installed package ships, so we compare
 * recognition confidence across quarter turns instead. Measured on fixtures/ocr: upright text scores
 * 93–95 (page mean word confidence), every wrong quarter turn 40–62, also on half-size probes. Upright pages
 * (the usual case) cost one pass; only a page scoring under UPRIGHT_CONFIDENCE pays up to three half-size
 * probes (~0.3–0.8 s each; 180° first, stopping at a clearly upright one) and, when one wins clearly, a
 * full pass at that turn. EXIF orientation is applied earlier (image-prep) and is not part of `rotation`.
 * Small skew (1–3°) is left to tesseract's own deskew (`rotateAuto`), which on the 2° degraded fixture
 * cut the CER from 7.1% to 1.9% (before seal dropout was added). A ruled form is turned straight by us
 * instead (withGrid), so its grid and its words share a frame: its line boxes are then in the page turned
 * straight about its centre, not in the crooked source image.
 */
import Tesseract from "tesseract.js";
import sharp from "sharp";
import type { Line, Table } from "../../model.js";
import { downscale, rotateQuarter, type PreparedImage } from "./image-prep.js";
import type { TesseractWorker } from "./ocr-pool.js";
import { findGridDeskewed, linesWithTable, weakCells, type CellKey, type Grid } from "./ocr-table.js";
import { linesFromTesseract, meanConfidence, type TesseractBlocks } from "./ocr-text.js";

export type QuarterTurn = 0 | 90 | 180 | 270;

/** At or above this score (page confidence 0..100) the image is taken as upright without probing. */
const UPRIGHT_CONFIDENCE = 80;
/** A turned probe must beat the upright reading by this many points to be believed. */
const TURN_MARGIN = 10;
const PROBE_SCALE = 0.5;
/** A probe this confident ends the search early. */
const CLEARLY_UPRIGHT = 88;

export interface EngineResult {
  lines: Line[];
  /** Ruled tables found on the page, their cells' lines carrying `cell` (see ocr-table.ts). */
  tables: Table[];
  /** Clockwise turn applied to the (EXIF-upright) image to read it. */
  rotation: QuarterTurn;
  /** Degrees the text ran clockwise off straight, removed before reading (see OcrInfo.skew); 0 when straight. */
  skew: number;
  /** Upright source image size (after the turn), the space of the line boxes. */
  width: number;
  height: number;
  confidence: number;
}

interface Pass {
  /** Page confidence 0..100, or 0 when the text was found running vertically (see `readsSideways`). */
  score: number;
  text: string;
  page: TesseractBlocks;
  /** Skew tesseract removed before reading (radians); its boxes are then in the turned image. */
  deskew: number;
}

/**
 * Even with vertical text finding off, tesseract sometimes reads a page turned 270° as top-to-bottom
 * columns, with good confidence and correct characters but tall, narrow line boxes. Such a reading is
 * not upright, so it must not win: we score it 0.
 */
function readsSideways(page: TesseractBlocks): boolean {
  let vertical = 0;
  let total = 0;
  for (const block of page.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const { text, bbox } of para.lines) {
        const chars = text.replace(/\s/g, "").length;
        total += chars;
        if (chars > 1 && bbox.y1 - bbox.y0 > bbox.x1 - bbox.x0) vertical += chars;
      }
    }
  }
  return total > 0 && vertical / total > 0.5;
}

async function recognize(worker: TesseractWorker, png: Buffer, psm?: Tesseract.PSM, rotateAuto = true): Promise<Pass> {
  const options = { rotateAuto, ...(psm ? { tessedit_pageseg_mode: psm } : {}) };
  const { data } = await worker.recognize(png, options, { text: true, blocks: true });
  return {
    score: readsSideways(data) ? 0 : data.confidence,
    text: data.text,
    page: data,
    deskew: data.rotateRadians ?? 0,
  };
}

/** A cell crop is one block of text: automatic segmentation would look for columns in it. */
const CELL_OPTIONS = { rotateAuto: false, tessedit_pageseg_mode: Tesseract.PSM.SINGLE_BLOCK };

/** Each weak cell read again from its own crop (one block, no rules in view), boxes back in page px. */
async function rereadCells(
  worker: TesseractWorker,
  prepared: Extract<GriddedImage, { grids: Grid[] }>,
  page: TesseractBlocks,
): Promise<Map<CellKey, TesseractBlocks>> {
  const out = new Map<CellKey, TesseractBlocks>();
  const raw = { width: prepared.width, height: prepared.height, channels: 1 as const };
  for (const crop of weakCells(page, prepared.grids, prepared.grey, prepared.width)) {
    const { left, top, width, height } = crop;
    const png = await sharp(prepared.grey, { raw })
      .extract({ left, top, width, height })
      .png({ compressionLevel: 1 })
      .toBuffer();
    const { data } = await worker.recognize(png, CELL_OPTIONS, { blocks: true });
    const shift = <B extends { x0: number; y0: number; x1: number; y1: number }>(b: B): B => ({
      ...b,
      x0: b.x0 + left,
      x1: b.x1 + left,
      y0: b.y0 + top,
      y1: b.y1 + top,
    });
    const blocks = (data.blocks ?? []).map((b) => ({
      paragraphs: b.paragraphs.map((p) => ({
        lines: p.lines.map((l) => ({
          ...l,
          bbox: shift(l.bbox),
          words: l.words.map((w) => ({ ...w, bbox: shift(w.bbox) })),
        })),
      })),
    }));
    // A crop read as nothing keeps what the page pass found there.
    if (blocks.some((b) => b.paragraphs.some((p) => p.lines.some((l) => l.text.trim()))))
      out.set(crop.cell, { blocks });
  }
  return out;
}

async function bestTurn(worker: TesseractWorker, png: Buffer, uprightScore: number): Promise<QuarterTurn> {
  const probe = await downscale(png, PROBE_SCALE);
  let best: { turn: QuarterTurn; score: number } = { turn: 0, score: uprightScore + TURN_MARGIN };
  // 180° first: upside-down feeding is the commonest scanner mistake.
  for (const turn of [180, 90, 270] as const) {
    const pass = await recognize(worker, await rotateQuarter(probe, turn));
    if (pass.text.trim() && pass.score > best.score) best = { turn, score: pass.score };
    if (best.score >= CLEARLY_UPRIGHT) break;
  }
  return best.turn;
}

/**
 * Configures a fresh worker: automatic page segmentation (columns, tables, stray labels), and no vertical
 * text finding — with it, tesseract silently reads a page turned 90° as vertical writing, so the text came
 * out right but the boxes stayed sideways and the turn went unreported. 竖排 is rare in 申报材料.
 * The diagnostics tesseract prints ("Detected 44 diacritics") would otherwise land on our stdout.
 */
export async function configureWorker(worker: TesseractWorker): Promise<void> {
  await worker.setParameters({
    tessedit_pageseg_mode: Tesseract.PSM.AUTO,
    textord_tabfind_vertical_text: "0",
    debug_file: "/dev/null",
  });
}

/**
 * A prepared image with the grids of its ruled tables (one per table, top to bottom), when it has any; only then
 * are its grey pixels kept (cell crops), so a plain page does not hold a second copy of itself through its OCR.
 * A skewed page's grids are found on the page turned straight (`skew` radians, see ocr-table.ts): `grey` is then
 * that image, and it is what tesseract reads.
 */
export type GriddedImage = Omit<PreparedImage, "grey"> &
  ({ grids: Grid[]; grey: Uint8Array; skew: number } | { grids: null; grey?: undefined });

export function withGrid(prepared: PreparedImage): GriddedImage {
  const found = findGridDeskewed(prepared.grey, prepared.width, prepared.height);
  const { grey: _, ...rest } = prepared;
  return found ? { ...rest, ...found } : { ...rest, grids: null };
}

/** The image tesseract reads: the prepared PNG, or the page turned straight when its grids were found that way. */
async function pageImage(prepared: GriddedImage): Promise<Buffer> {
  if (!prepared.grids || prepared.skew === 0) return prepared.png;
  const { density } = await sharp(prepared.png).metadata();
  return sharp(prepared.grey, { raw: { width: prepared.width, height: prepared.height, channels: 1 } })
    .png({ compressionLevel: 1 })
    .withMetadata(density ? { density } : {})
    .toBuffer();
}

export async function readUpright(worker: TesseractWorker, prepared: GriddedImage): Promise<EngineResult> {
  const png = await pageImage(prepared);
  // A page whose rules were found runs straight within a px or two across the page: tesseract's own deskew
  // would only put its words in another frame than the grid.
  const rotateAuto = !prepared.grids;
  let pass = await recognize(worker, png, undefined, rotateAuto);
  // Automatic segmentation finds nothing in some single-line strips (a 1000×200 crop of a title);
  // reading the image as one block does.
  if (!pass.text.trim()) pass = await recognize(worker, png, Tesseract.PSM.SINGLE_BLOCK, rotateAuto);
  let rotation: QuarterTurn = 0;
  if (pass.text.trim() && pass.score < UPRIGHT_CONFIDENCE) {
    rotation = await bestTurn(worker, png, pass.score);
    if (rotation !== 0) pass = await recognize(worker, await rotateQuarter(png, rotation));
  }
  // Tables only where the grid and tesseract's boxes share one frame: no quarter turn, no deskew.
  const gridded = rotation === 0 && pass.deskew === 0 && prepared.grids ? prepared : null;
  const { lines, tables } = gridded
    ? linesWithTable(pass.page, gridded.grids, prepared.scale, await rereadCells(worker, gridded, pass.page))
    : { lines: linesFromTesseract(pass.page, prepared.scale), tables: [] };
  const sideways = rotation === 90 || rotation === 270;
  // Ours turned the page by -skew, tesseract's deskew by rotateRadians (its sign is the opposite); a quarter
  // turn in between keeps the angle.
  const radians = (prepared.grids ? prepared.skew : 0) - pass.deskew;
  return {
    lines,
    tables,
    rotation,
    skew: Math.round((radians * 180 * 100) / Math.PI) / 100,
    width: sideways ? prepared.sourceHeight : prepared.sourceWidth,
    height: sideways ? prepared.sourceWidth : prepared.sourceHeight,
    confidence: meanConfidence(lines),
  };
}
