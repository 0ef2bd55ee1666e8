/**
 * Images painted on a PDF page: where they are drawn (from the operator list, tracking the current
 * transformation matrix), their decoded pixels (from page.objs), and mapping OCR boxes from image pixels
 * back into page coordinates.
 */
import { ImageKind, OPS, type PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Box, Line } from "../../model.js";
import type { OcrRequest, OcrResult } from "../ocr.js";
import { applyMatrix, multiply, type Matrix } from "./pdf-lines.js";

export interface PlacedImage {
  /** pdf.js object id (page.objs, or page.commonObjs for "g_" ids); null for inline images. */
  objId: string | null;
  inline?: DecodedImage;
  /** Image space (unit square) → PDF user space. */
  ctm: Matrix;
  /** Drawn box in page coordinates (top-left origin, pt), clipped to the page. */
  box: Box;
  widthPx: number;
  heightPx: number;
  /** Resolution the image is drawn at. */
  dpi: number;
}

interface DecodedImage {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

/** Pages that paint thousands of tiny images (patterns, glyph images) are capped. */
const MAX_IMAGES_PER_PAGE = 500;
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const round2 = (v: number) => Math.round(v * 100) / 100;

/** Bounding box in page space of the image-space rectangle [u0,u1]×[v0,v1] (v up, as in PDF image space). */
function pageBox(ctm: Matrix, vt: readonly number[], u0: number, u1: number, v0: number, v1: number): Box {
  const m = multiply(vt, ctm);
  const pts = [applyMatrix(m, u0, v0), applyMatrix(m, u1, v0), applyMatrix(m, u0, v1), applyMatrix(m, u1, v1)];
  const x = Math.min(...pts.map((p) => p[0]));
  const y = Math.min(...pts.map((p) => p[1]));
  return { x, y, w: Math.max(...pts.map((p) => p[0])) - x, h: Math.max(...pts.map((p) => p[1])) - y };
}

function clip(b: Box, width: number, height: number): Box {
  const x0 = Math.max(0, b.x);
  const y0 = Math.max(0, b.y);
  const x1 = Math.min(width, b.x + b.w);
  const y1 = Math.min(height, b.y + b.h);
  return { x: round2(x0), y: round2(y0), w: round2(Math.max(0, x1 - x0)), h: round2(Math.max(0, y1 - y0)) };
}

/** Walks the operator list and returns every image XObject / inline image drawn on the page. */
export function findImages(
  ops: { fnArray: number[]; argsArray: unknown[][] },
  vt: readonly number[],
  pageWidth: number,
  pageHeight: number,
): PlacedImage[] {
  const stack: Matrix[] = [];
  let ctm = IDENTITY;
  const out: PlacedImage[] = [];
  const place = (objId: string | null, w: number, h: number, inline?: DecodedImage) => {
    if (out.length >= MAX_IMAGES_PER_PAGE || !(w > 0 && h > 0)) return;
    const box = clip(pageBox(ctm, vt, 0, 1, 0, 1), pageWidth, pageHeight);
    if (box.w <= 0 || box.h <= 0) return;
    const dpi = Math.round(Math.min(w / (Math.hypot(ctm[0], ctm[1]) / 72), h / (Math.hypot(ctm[2], ctm[3]) / 72)));
    out.push({ objId, ctm, box, widthPx: w, heightPx: h, dpi, ...(inline ? { inline } : {}) });
  };
  for (let i = 0; i < ops.fnArray.length; i++) {
    const args = ops.argsArray[i] ?? [];
    switch (ops.fnArray[i]) {
      case OPS.save:
        stack.push(ctm);
        break;
      case OPS.restore:
        ctm = stack.pop() ?? IDENTITY;
        break;
      case OPS.transform:
        ctm = multiply(ctm, args as number[]);
        break;
      case OPS.paintFormXObjectBegin:
        stack.push(ctm);
        if (Array.isArray(args[0])) ctm = multiply(ctm, args[0] as number[]);
        break;
      case OPS.paintFormXObjectEnd:
        ctm = stack.pop() ?? IDENTITY;
        break;
      case OPS.paintImageXObject:
        place(args[0] as string, Number(args[1]), Number(args[2]));
        break;
      case OPS.paintInlineImageXObject: {
        const img = args[0] as DecodedImage;
        place(null, img.width, img.height, img);
        break;
      }
    }
  }
  return out;
}

/** Raw pixels of a placed image as pdf.js decoded them (a view, not a copy); null when it could not. */
export async function decodedPixels(page: PDFPageProxy, img: PlacedImage): Promise<{ data: Uint8Array; raw: NonNullable<OcrRequest["raw"]> } | null> {
  let decoded = img.inline;
  if (!decoded && img.objId) {
    const id = img.objId;
    const store = id.startsWith("g_") ? page.commonObjs : page.objs;
    decoded = await new Promise<DecodedImage>((resolve) => store.get(id, resolve));
  }
  const data = decoded?.data;
  if (!decoded || !data) return null;
  const { width, height, kind } = decoded;
  if (kind === ImageKind.RGB_24BPP || kind === ImageKind.RGBA_32BPP) {
    const channels = kind === ImageKind.RGB_24BPP ? 3 : 4;
    if (data.length < width * height * channels) return null;
    return { data: new Uint8Array(data.buffer, data.byteOffset, width * height * channels), raw: { width, height, channels } };
  }
  if (kind === ImageKind.GRAYSCALE_1BPP) {
    // Rows padded to whole bytes; a set bit is white.
    const stride = (width + 7) >> 3;
    const gray = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        gray[y * width + x] = (data[y * stride + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
      }
    }
    return { data: gray, raw: { width, height, channels: 1 } };
  }
  return null;
}

/** Decoded pixels of a placed image, as an OCR request body; null when pdf.js could not decode it. */
export async function imagePixels(page: PDFPageProxy, img: PlacedImage): Promise<Pick<OcrRequest, "image" | "raw"> | null> {
  const px = await decodedPixels(page, img);
  // A copy: the OCR service may transfer the buffer, and pdf.js may reuse the image on other pages.
  return px && { image: Buffer.from(px.data), raw: px.raw };
}

/** Normalised (0..1) point in the stored image from a point in the upright image the OCR read. */
function unrotate(xn: number, yn: number, rotation: number): [number, number] {
  switch (rotation) {
    case 90:
      return [yn, 1 - xn];
    case 180:
      return [1 - xn, 1 - yn];
    case 270:
      return [1 - yn, xn];
    default:
      return [xn, yn];
  }
}

/**
 * A box in the pixels of the upright image (the stored image turned clockwise by `rotation`, sized
 * width × height) → page coordinates.
 */
export function imageBoxToPage(box: Box, width: number, height: number, rotation: number, img: PlacedImage, vt: readonly number[]): Box {
  const a = unrotate(box.x / width, box.y / height, rotation);
  const b = unrotate((box.x + box.w) / width, (box.y + box.h) / height, rotation);
  // Stored image rows run top to bottom; image space has v pointing up.
  const p = pageBox(img.ctm, vt, Math.min(a[0], b[0]), Math.max(a[0], b[0]), 1 - Math.max(a[1], b[1]), 1 - Math.min(a[1], b[1]));
  return { x: round2(p.x), y: round2(p.y), w: round2(p.w), h: round2(p.h) };
}

/** OCR lines (pixels of the upright image) → Lines in page coordinates, tagged with the image index. */
export function ocrLinesToPage(result: OcrResult, img: PlacedImage, vt: readonly number[], imageIndex: number): Line[] {
  const { width, height } = result;
  return result.lines.map((l) => {
    const line: Line = { ...l, source: "ocr", image: imageIndex };
    if (!l.box || !(width > 0 && height > 0)) return line;
    line.box = imageBoxToPage(l.box, width, height, result.info.rotation, img, vt);
    return line;
  });
}
