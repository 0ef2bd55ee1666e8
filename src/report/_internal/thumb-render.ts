/**
 * Drawing one thumbnail: which part of the page to show (a box with context around it, or the whole page),
 * rendering that region only (pdf.js onto a small @napi-rs/canvas; sharp for image files), a highlight frame
 * around the box, and a small JPEG as a data: URI.
 *
 * Coordinates follow model.ts: page space, origin top-left, y down, in the page's unit (pt for PDF, px for
 * images, after EXIF orientation and OCR's quarter turn). On a crooked scan, OCR's boxes are in the scan
 * turned straight about its centre (OcrInfo.skew): such a region is cut from the source turned the same way.
 */
import { createCanvas } from "@napi-rs/canvas";
import type { PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import sharp, { type Sharp } from "sharp";
import { turnedBounds } from "../../geometry.js";
import type { Box } from "../../model.js";

/** Widest thumbnail in pixels (a crop around a box); whole pages are smaller overviews. */
export const CROP_MAX_WIDTH = 600;
export const CROP_MAX_HEIGHT = 420;
export const PAGE_WIDTH = 360;
export const JPEG_QUALITY = 70;
/** The frame drawn around the box: a magenta no seal, signature or text colour is likely to match. */
export const HIGHLIGHT_RGB = [255, 0, 200] as const;
const HIGHLIGHT_STROKE = 4;

export interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ThumbLayout {
  /** The part of the page shown, in page units. */
  region: Region;
  /** Output pixels per page unit. */
  scale: number;
  width: number;
  height: number;
  /** The box in output pixels, when there is one to frame. */
  highlight?: Region;
}

/**
 * The region around `box` (or the whole page) and its output size. Margins and minimum sizes are fractions of
 * the page width so they mean the same on a 595 pt PDF page and a 2480 px scan. `maxScale` keeps image crops
 * from being blown up past their own pixels.
 */
export function thumbLayout(pageW: number, pageH: number, box: Box | undefined, maxScale: number): ThumbLayout {
  const usable = box && box.w > 0 && box.h > 0 && clip(box, pageW, pageH);
  if (!usable) {
    const scale = Math.min(PAGE_WIDTH / pageW, (PAGE_WIDTH * 1.5) / pageH, maxScale);
    return { region: { x: 0, y: 0, w: pageW, h: pageH }, scale, ...size(pageW, pageH, scale) };
  }
  const b = usable;
  const w = Math.min(pageW, Math.max(b.w + 0.1 * pageW, 0.5 * pageW));
  const h = Math.min(pageH, Math.max(b.h + 0.08 * pageW, 0.14 * pageW));
  const region = {
    x: clamp(b.x + b.w / 2 - w / 2, 0, pageW - w),
    y: clamp(b.y + b.h / 2 - h / 2, 0, pageH - h),
    w,
    h,
  };
  const scale = Math.min(CROP_MAX_WIDTH / w, CROP_MAX_HEIGHT / h, maxScale);
  const out = size(w, h, scale);
  const pad = HIGHLIGHT_STROKE;
  const hx = Math.max(0, (b.x - region.x) * scale - pad);
  const hy = Math.max(0, (b.y - region.y) * scale - pad);
  const highlight = {
    x: hx,
    y: hy,
    w: Math.min(out.width, (b.x - region.x + b.w) * scale + pad) - hx,
    h: Math.min(out.height, (b.y - region.y + b.h) * scale + pad) - hy,
  };
  return { region, scale, ...out, highlight };
}

/** The part of the box on the page, or null when none of it is. */
function clip(box: Box, pageW: number, pageH: number): Region | null {
  const x = Math.max(0, box.x);
  const y = Math.max(0, box.y);
  const w = Math.min(pageW, box.x + box.w) - x;
  const h = Math.min(pageH, box.y + box.h) - y;
  return w > 0 && h > 0 ? { x, y, w, h } : null;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), Math.max(lo, hi));
const size = (w: number, h: number, scale: number) => ({
  width: Math.max(1, Math.round(w * scale)),
  height: Math.max(1, Math.round(h * scale)),
});

type RawPixels = { data: Buffer; info: { width: number; height: number; channels: 1 | 2 | 3 | 4 } };

/** A crooked scan: `skew` degrees clockwise off straight, turned straight about `centre` (page units). */
export interface Skew {
  degrees: number;
  centre: [number, number];
}

/**
 * The source rectangle that holds `region` of the straightened scan: a straightened point o comes from
 * R(skew)(o − c) + c, as ingest turned it (ocr-table.ts rotateGrey, tesseract's deskew).
 */
export function skewedSource(region: Region, skew: Skew): Region {
  return turnedBounds(region, skew.centre, skew.degrees);
}

/**
 * `region` of the straightened scan, cut from raw pixels of `source` (rendered at `scale` px per page unit):
 * the render turned by −skew (sharp turns about the centre and grows the canvas), then the region cropped
 * where it lands — C' + scale·(region − c + R(−skew)(c − centre of source)).
 */
export async function straightCrop(
  pixels: RawPixels,
  source: Region,
  region: Region,
  skew: Skew,
  scale: number,
): Promise<RawPixels> {
  const { data, info } = await sharp(pixels.data, { raw: pixels.info })
    .rotate(-skew.degrees, { background: "#ffffff" })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const [cx, cy] = skew.centre;
  const t = (-skew.degrees * Math.PI) / 180;
  const [dx, dy] = [cx - (source.x + source.w / 2), cy - (source.y + source.h / 2)];
  const left = info.width / 2 + scale * (region.x - cx + Math.cos(t) * dx - Math.sin(t) * dy);
  const top = info.height / 2 + scale * (region.y - cy + Math.sin(t) * dx + Math.cos(t) * dy);
  const l = Math.max(0, Math.min(info.width - 1, Math.round(left)));
  const tp = Math.max(0, Math.min(info.height - 1, Math.round(top)));
  const extract = {
    left: l,
    top: tp,
    width: Math.max(1, Math.min(info.width - l, Math.round(region.w * scale))),
    height: Math.max(1, Math.min(info.height - tp, Math.round(region.h * scale))),
  };
  return sharp(data, { raw: info }).extract(extract).raw().toBuffer({ resolveWithObject: true });
}

/**
 * Renders the layout's region of a PDF page; raw RGBA of layout.width × layout.height. On a crooked scan the
 * region is rendered from the source rectangle that holds it and turned straight.
 */
export async function renderPdfRegion(page: PDFPageProxy, layout: ThumbLayout, timeoutMs: number, skew?: Skew): Promise<Buffer> {
  if (!skew) return renderRect(page, layout, timeoutMs);
  const source = skewedSource(layout.region, skew);
  const rendered = { region: source, scale: layout.scale, width: Math.max(1, Math.ceil(source.w * layout.scale)), height: Math.max(1, Math.ceil(source.h * layout.scale)) };
  const raw = await renderRect(page, rendered, timeoutMs);
  const info = { width: rendered.width, height: rendered.height, channels: 4 as const };
  const crop = await straightCrop({ data: raw, info }, source, layout.region, skew, layout.scale);
  const { data } = await sharp(crop.data, { raw: crop.info })
    .resize(layout.width, layout.height, { fit: "fill" })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return data;
}

async function renderRect(page: PDFPageProxy, layout: Pick<ThumbLayout, "region" | "scale" | "width" | "height">, timeoutMs: number): Promise<Buffer> {
  const { region, scale, width, height } = layout;
  const viewport = page.getViewport({ scale, offsetX: -region.x * scale, offsetY: -region.y * scale });
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, width, height);
  const task = page.render({ canvas: canvas as unknown as Parameters<PDFPageProxy["render"]>[0]["canvas"], viewport });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      task.cancel();
      reject(new Error("render timeout"));
    }, timeoutMs);
  });
  try {
    await Promise.race([task.promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
  const data = ctx.getImageData(0, 0, width, height).data;
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** A JPEG data: URI of the pixels, with the highlight frame drawn when the layout has one. */
export async function encodeThumb(pixels: Sharp, layout: ThumbLayout): Promise<string> {
  // Materialised as opaque sRGB first, so the frame is composited onto the final pixels (greyscale scans too).
  const { data, info } = await pixels
    .flatten({ background: "#ffffff" })
    .toColourspace("srgb")
    .raw()
    .toBuffer({ resolveWithObject: true });
  let img = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
  if (layout.highlight) {
    const { x, y, w, h } = layout.highlight;
    const [r, g, b] = HIGHLIGHT_RGB;
    const s = HIGHLIGHT_STROKE;
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${info.width}" height="${info.height}">` +
      `<rect x="${x + s / 2}" y="${y + s / 2}" width="${Math.max(1, w - s)}" height="${Math.max(1, h - s)}" ` +
      `fill="rgb(255,230,0)" fill-opacity="0.16" stroke="rgb(${r},${g},${b})" stroke-width="${s}"/></svg>`;
    img = img.composite([{ input: Buffer.from(svg), top: 0, left: 0 }]);
  }
  const jpeg = await img.jpeg({ quality: JPEG_QUALITY, chromaSubsampling: "4:4:4" }).toBuffer();
  return `data:image/jpeg;base64,${jpeg.toString("base64")}`;
}

export function rawRgba(pixels: Buffer, layout: ThumbLayout): Sharp {
  return sharp(pixels, { raw: { width: layout.width, height: layout.height, channels: 4 } });
}

/**
 * The layout's pixels of an image page. `open` gives the page's pixels as decoded (before EXIF orientation);
 * `rotation` is OCR's clockwise quarter turn, applied after orientation, as ingest did, and `skewDegrees` the
 * crookedness OCR removed after it.
 */
export async function imageRegion(
  open: () => Sharp,
  box: Box | undefined,
  rotation: 0 | 90 | 180 | 270,
  skewDegrees = 0,
): Promise<{ pixels: Sharp; layout: ThumbLayout }> {
  const meta = await open().metadata();
  if (!meta.width || !meta.height) throw new Error("image has no size");
  const swapExif = (meta.orientation ?? 1) >= 5;
  let w = swapExif ? meta.height : meta.width;
  let h = swapExif ? meta.width : meta.height;
  if (rotation === 90 || rotation === 270) [w, h] = [h, w];
  const layout = thumbLayout(w, h, box, 1);
  const r = layout.region;
  const left = Math.floor(r.x);
  const top = Math.floor(r.y);
  const extract = {
    left,
    top,
    width: Math.max(1, Math.min(w - left, Math.ceil(r.x + r.w) - left)),
    height: Math.max(1, Math.min(h - top, Math.ceil(r.y + r.h) - top)),
  };
  // Orientation and turn are materialised first: sharp orders rotate/extract by its own rules otherwise.
  const upright = await open().autoOrient().rotate(rotation).raw().toBuffer({ resolveWithObject: true });
  if (skewDegrees !== 0) {
    const whole = { x: 0, y: 0, w, h };
    const crop = await straightCrop(upright, whole, r, { degrees: skewDegrees, centre: [w / 2, h / 2] }, 1);
    return { pixels: sharp(crop.data, { raw: crop.info }).resize(layout.width, layout.height, { fit: "fill" }), layout };
  }
  const pixels = sharp(upright.data, { raw: upright.info })
    .extract(extract)
    .resize(layout.width, layout.height, { fit: "fill" });
  return { pixels, layout };
}
