/**
 * Image files (JPEG, PNG, TIFF with one Page per TIFF page, BMP, WebP, GIF first frame) → OCR'd pages.
 * Every page is checked against the pixel limit before it is decoded, and decoded once before OCR so a
 * broken file is reported as corrupt, not as an OCR failure.
 */
import sharp, { type Metadata } from "sharp";
import type { Page } from "../model.js";
import type { ReadResult, ReaderContext } from "./context.js";
import { IngestError } from "./errors.js";
import type { OcrRequest } from "./ocr.js";
import { decodeBmp, isBmp, readBmpHeader } from "./_internal/image-bmp.js";

export async function readImage(buf: Buffer, ctx: ReaderContext): Promise<ReadResult> {
  if (buf.length === 0) throw new IngestError("empty", "图片文件为空（0字节）", "请重新导出或扫描该图片后提交");
  if (isBmp(buf)) return readBmp(buf, ctx);

  let meta: Metadata;
  try {
    meta = await sharp(buf, { limitInputPixels: false }).metadata();
  } catch (e) {
    throw corrupt(e);
  }
  const format = String(meta.format);
  const pageCount = format === "tiff" ? (meta.pages ?? 1) : 1;
  const problems: IngestError[] = [];
  if (pageCount > ctx.limits.maxPages) problems.push(tooManyPages(pageCount, ctx.limits.maxPages));

  const pages: Page[] = [];
  for (let i = 0; i < Math.min(pageCount, ctx.limits.maxPages); i++) {
    ctx.signal?.throwIfAborted();
    const request = pageCount > 1 ? await tiffPageRequest(buf, i, ctx) : await singleImageRequest(buf, meta, ctx);
    pages.push(await ocrPage(i + 1, request, ctx));
  }
  return { pages, problems, format };
}

async function singleImageRequest(buf: Buffer, meta: Metadata, ctx: ReaderContext): Promise<OcrRequest> {
  guardPixels(meta.width ?? 0, meta.height ?? 0, ctx);
  await verifyDecodes(buf, ctx);
  // The original bytes go to OCR: the cache is keyed by them and OCR applies EXIF orientation itself.
  return { image: buf, signal: ctx.signal };
}

async function tiffPageRequest(buf: Buffer, index: number, ctx: ReaderContext): Promise<OcrRequest> {
  let meta: Metadata;
  try {
    meta = await sharp(buf, { page: index, limitInputPixels: false }).metadata();
  } catch (e) {
    throw corrupt(e);
  }
  guardPixels(meta.width ?? 0, meta.height ?? 0, ctx);
  let png: Buffer;
  try {
    png = await sharp(buf, { page: index, limitInputPixels: ctx.limits.maxImagePixels, failOn: "truncated" })
      .autoOrient()
      .png({ compressionLevel: 1 })
      .toBuffer();
  } catch (e) {
    throw corrupt(e);
  }
  const dpi = meta.density && meta.density !== 72 ? meta.density : undefined;
  return { image: png, signal: ctx.signal, ...(dpi ? { dpi } : {}) };
}

async function readBmp(buf: Buffer, ctx: ReaderContext): Promise<ReadResult> {
  let header;
  try {
    header = readBmpHeader(buf);
  } catch (e) {
    throw corrupt(e);
  }
  guardPixels(header.width, header.height, ctx);
  let decoded;
  try {
    decoded = decodeBmp(buf);
  } catch (e) {
    throw corrupt(e);
  }
  const png = await sharp(decoded.rgb, { raw: { width: decoded.width, height: decoded.height, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const request: OcrRequest = { image: png, signal: ctx.signal, ...(decoded.dpi ? { dpi: decoded.dpi } : {}) };
  return { pages: [await ocrPage(1, request, ctx)], problems: [], format: "bmp" };
}

async function ocrPage(index: number, request: OcrRequest, ctx: ReaderContext): Promise<Page> {
  const result = await ctx.ocr.recognize(request);
  return {
    index,
    width: result.width,
    height: result.height,
    unit: "px",
    source: "ocr",
    lines: result.lines,
    tables: result.tables,
    images: [],
    ocr: result.info,
    ...(result.seals?.length ? { seals: result.seals.map(({ box, confidence }) => ({ box, confidence })) } : {}),
  };
}

async function verifyDecodes(buf: Buffer, ctx: ReaderContext): Promise<void> {
  try {
    // Decoding to a thumbnail still reads every scanline, so truncation and bad data surface here.
    await sharp(buf, { limitInputPixels: ctx.limits.maxImagePixels, failOn: "truncated" })
      .resize(64, 64, { fit: "inside" })
      .raw()
      .toBuffer();
  } catch (e) {
    throw corrupt(e);
  }
}

function guardPixels(width: number, height: number, ctx: ReaderContext): void {
  const pixels = width * height;
  if (pixels <= ctx.limits.maxImagePixels) return;
  const wan = (n: number) => `${Math.round(n / 10_000)}万`;
  throw new IngestError(
    "too-large",
    `图片像素过大（${width}×${height}，约${wan(pixels)}像素），超过${wan(ctx.limits.maxImagePixels)}像素的处理上限`,
    `请将图片压缩到${wan(ctx.limits.maxImagePixels)}像素以内或转为PDF后重新提交`,
  );
}

function corrupt(cause: unknown): IngestError {
  return new IngestError(
    "corrupt",
    "文件无法作为图片解码，可能已损坏或并非图片",
    "请用看图软件确认能正常打开，重新扫描或导出为JPG/PNG/PDF后提交",
    { cause },
  );
}

function tooManyPages(count: number, max: number): IngestError {
  return new IngestError(
    "too-large",
    `TIFF图片共${count}页，仅识别了前${max}页`,
    "请将多页扫描件拆分或转为PDF后重新提交",
  );
}
