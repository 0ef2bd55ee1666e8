/**
 * Images embedded in a .docx: measured with sharp and, when big enough to carry text, OCR'd so that a
 * scanned licence pasted into the application form is read like any other scan.
 */
import sharp from "sharp";
import type { EmbeddedImage, Line } from "../../model.js";
import type { ReaderContext } from "../context.js";
import { IngestError } from "../errors.js";
import type { DocxPackage } from "./docx-package.js";
import type { ImageRef } from "./docx-runs.js";
import { colourThumbnail } from "./image-prep.js";
import { detectSeals } from "./seal-detect.js";

/** Smaller images are icons, logos, signatures: not worth an OCR pass. */
const MIN_OCR_SIDE_PX = 64;
const MIN_OCR_AREA_PX = 200 * 200;
/** Drawn smaller than this (px at 96 dpi, ≈ 1.5 cm) an image is no seal. */
const MIN_SEAL_DRAWN_PX = 57;

export interface ImageReading {
  image: Omit<EmbeddedImage, "lineIndex">;
  /** OCR lines (source "ocr", no boxes: image pixels are not page coordinates). */
  lines: Line[];
  /** Confidences of the red seals found in the image (DOCX pages have no coordinates to place them). */
  seals: number[];
  problem?: IngestError;
}

type Measured =
  | { readable: true; data: Buffer; width: number; height: number }
  | { readable: false; format: string; width: number; height: number };

/** Reads images by relationship id, each image part once however often it is drawn. */
export function createImageReader(pkg: DocxPackage, ctx: ReaderContext) {
  const cache = new Map<string, Promise<Omit<ImageReading, "problem"> & { failure?: unknown; unreadable?: string } | undefined>>();

  const readPart = async (target: string, drawn: ImageRef["drawnPx"]) => {
    const data = await pkg.part(target);
    if (!data) return undefined;
    const m = await measure(data, drawn);
    const image: ImageReading["image"] = { widthPx: m.width, heightPx: m.height };
    if (!m.readable) return { image, lines: [], seals: [], unreadable: m.format };
    if (m.width * m.height > ctx.limits.maxImagePixels) return { image, lines: [], seals: [] };
    const dpi = drawn && drawn.w > 0 ? Math.round((96 * m.width) / drawn.w) : undefined;
    const bigEnough = Math.min(m.width, m.height) >= MIN_OCR_SIDE_PX && m.width * m.height >= MIN_OCR_AREA_PX;
    if (!bigEnough) return { image, lines: [], seals: drawnTooSmall(drawn) ? [] : await sealsIn(m.data, dpi, ctx) };
    try {
      const res = await ctx.ocr.recognize({ image: m.data, ...(dpi ? { dpi } : {}), ...(ctx.signal ? { signal: ctx.signal } : {}) });
      const lines = res.lines
        .filter((l) => l.text.trim())
        .map((l): Line => ({ text: l.text, source: "ocr", confidence: l.confidence }));
      return { image: { ...image, ocr: res.info }, lines, seals: (res.seals ?? []).map((s) => s.confidence) };
    } catch (failure) {
      return { image, lines: [], seals: [], failure };
    }
  };

  return async (ref: ImageRef, page: number): Promise<ImageReading | undefined> => {
    const rel = pkg.rels.get(ref.relId);
    if (!rel || rel.external) return undefined;
    let pending = cache.get(rel.target);
    if (!pending) cache.set(rel.target, (pending = readPart(rel.target, ref.drawnPx)));
    const r = await pending;
    if (!r) return undefined;
    const { failure, unreadable, ...reading } = r;
    if (failure !== undefined) {
      return { ...reading, problem: new IngestError("ocr-failed", `第${page}页嵌入图片的文字识别失败`, "请将该图片另存为清晰的JPG/PNG或PDF后一并提交", { page, cause: failure }) };
    }
    const area = reading.image.widthPx * reading.image.heightPx;
    if (unreadable && area >= MIN_OCR_AREA_PX) {
      return {
        ...reading,
        problem: new IngestError("unsupported", `第${page}页嵌入的${unreadable === "unknown" ? "" : `${unreadable.toUpperCase()}格式`}图片无法识别文字`, "如该图片含需审核的内容（如证照扫描件），请在Word中改为插入JPG/PNG图片，或将其另附为PDF", { page }),
      };
    }
    if (!unreadable && area > ctx.limits.maxImagePixels) {
      return { ...reading, problem: new IngestError("too-large", `第${page}页嵌入图片像素过大，未识别其中文字`, "请压缩该图片后重新插入", { page }) };
    }
    return reading;
  };
}

const drawnTooSmall = (drawn: ImageRef["drawnPx"]) => drawn !== undefined && Math.min(drawn.w, drawn.h) < MIN_SEAL_DRAWN_PX;

/** Seal confidences in an image too small to OCR (an electronic seal pasted on the 盖章 line). */
async function sealsIn(data: Buffer, dpi: number | undefined, ctx: ReaderContext): Promise<number[]> {
  const thumb = await colourThumbnail(data, { ...(dpi ? { dpi } : {}), maxPixels: ctx.limits.maxImagePixels }).catch(() => null);
  if (!thumb) return [];
  return detectSeals(thumb.data, thumb, thumb.dpi ? { dpi: thumb.dpi } : {}).map((s) => s.confidence);
}

async function measure(data: Buffer, drawn: ImageRef["drawnPx"]): Promise<Measured> {
  try {
    const meta = await sharp(data, { limitInputPixels: false }).metadata();
    if (meta.width && meta.height) return { readable: true, data, width: meta.width, height: meta.height };
  } catch {
    // Not a raster format sharp knows (EMF, WMF, BMP …): fall through.
  }
  const format = vectorFormat(data) ?? "unknown";
  const size = drawn ?? (format === "emf" ? emfBoundsPx(data) : undefined) ?? { w: 0, h: 0 };
  return { readable: false, format, width: size.w, height: size.h };
}

function vectorFormat(d: Buffer): string | undefined {
  if (d.length >= 44 && d.readUInt32LE(0) === 1 && d.toString("latin1", 40, 44) === " EMF") return "emf";
  if (d.length >= 4 && d.readUInt32LE(0) === 0x9ac6cdd7) return "wmf";
  if (d.length >= 2 && d.toString("latin1", 0, 2) === "BM") return "bmp";
  return undefined;
}

/** EMF header rclBounds (device pixels, inclusive). */
function emfBoundsPx(d: Buffer): { w: number; h: number } {
  return { w: d.readInt32LE(16) - d.readInt32LE(8) + 1, h: d.readInt32LE(20) - d.readInt32LE(12) + 1 };
}
