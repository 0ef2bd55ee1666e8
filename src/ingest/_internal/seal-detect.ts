/**
 * Red seal (公章) detection on raw pixels: red ink mask on a grid of at most GRID_SIDE cells a side,
 * connected components (after a small dilation that bridges the black text a seal is stamped over), and a
 * shape test on each blob: round or oval, red all along its rim, and a mostly empty centre (a star or a
 * caption at most). Red titles (红头), red emblems (国徽, filled) and red frames fail the shape test.
 */
import { turnedBounds } from "../../geometry.js";
import type { Box } from "../../model.js";

export interface DetectedSeal {
  /** In the pixel space of the analysed image, top-left origin. */
  box: Box;
  /** 0..1: how much the blob looks like a stamped seal (oval seals score lower). */
  confidence: number;
  diameterPx: number;
}

export interface PixelInfo {
  width: number;
  height: number;
  /** 3 = RGB, 4 = RGBA (composited on white); 1 and 2 hold no colour and find nothing. */
  channels: number;
}

export interface SealDetectOptions {
  /** Resolution of the image when known: seal diameters are then judged in cm, else relative to the image. */
  dpi?: number;
}

const GRID_SIDE = 800;
/** Dilation radius in grid cells. */
const BRIDGE = 2;
/** Official seals are 38–42 mm across (财务章, 发票专用章 a little less); margins for scanning at the wrong size. */
const MIN_CM = 2;
const MAX_CM = 6.5;
/** Without a resolution: the image may be a cropped seal (≈ its whole side) or a whole page. */
const MIN_SHARE = 0.05;
const MIN_PX = 24;
const ROUND_ASPECT = 1.33;
const OVAL_ASPECT = 1.75;
const SECTORS = 48;
/** Share of rim sectors that must hold red ink; text stamped across the ring hides some of it. */
const MIN_COVERAGE = 0.7;
/** Share of the inner disc (half the radius) that may be red: a star covers ~9%, a filled emblem far more. */
const MAX_INNER = 0.3;
const MAX_CORNERS = 0.12;

/** Red ink: hue within ~25° of red, saturated, not dark (black text under a stamp stays black). */
export function isRedInk(r: number, g: number, b: number): boolean {
  if (r < 100 || r <= g || r <= b) return false;
  const min = g < b ? g : b;
  const chroma = r - min;
  return chroma >= 50 && chroma >= 0.25 * r && Math.abs(g - b) <= 0.42 * chroma;
}

/**
 * Red cells of the grid: a cell is red when at least a fifth of its sampled pixels are. Cells of 3+ px
 * are sampled every other pixel: a seal's ring is ≥ 4 px wide at 150 dpi, and it halves the cost.
 */
function redGrid(px: Uint8Array, info: PixelInfo, step: number): { mask: Uint8Array; gw: number; gh: number } {
  const { width, height, channels } = info;
  const stride = step >= 3 ? 2 : 1;
  const gw = Math.ceil(width / step);
  const gh = Math.ceil(height / step);
  const counts = new Uint16Array(gw * gh);
  const alpha = channels === 4;
  for (let y = 0; y < height; y += stride) {
    const row = Math.floor(y / step) * gw;
    let i = y * width * channels;
    for (let x = 0; x < width; x += stride, i += stride * channels) {
      let r = px[i]!;
      let g = px[i + 1]!;
      let b = px[i + 2]!;
      if (alpha) {
        // Composite on white: transparent pixels of a seal image often hold black.
        const a = px[i + 3]!;
        r = 255 - (a * (255 - r)) / 255;
        g = 255 - (a * (255 - g)) / 255;
        b = 255 - (a * (255 - b)) / 255;
      }
      if (isRedInk(r, g, b)) counts[row + Math.floor(x / step)]!++;
    }
  }
  const need = Math.max(1, Math.floor(Math.ceil(step / stride) ** 2 / 5));
  const mask = new Uint8Array(gw * gh);
  for (let i = 0; i < mask.length; i++) mask[i] = counts[i]! >= need ? 1 : 0;
  return { mask, gw, gh };
}

function dilate(mask: Uint8Array, gw: number, gh: number, r: number): Uint8Array {
  const h = new Uint8Array(mask.length);
  for (let y = 0; y < gh; y++) {
    for (let x = 0; x < gw; x++) {
      if (!mask[y * gw + x]) continue;
      for (let dx = Math.max(0, x - r); dx <= Math.min(gw - 1, x + r); dx++) h[y * gw + dx] = 1;
    }
  }
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < gh; y++) {
    for (let x = 0; x < gw; x++) {
      if (!h[y * gw + x]) continue;
      for (let dy = Math.max(0, y - r); dy <= Math.min(gh - 1, y + r); dy++) out[dy * gw + x] = 1;
    }
  }
  return out;
}

interface Blob {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Bounding boxes of the 4-connected components of `mask`. */
function components(mask: Uint8Array, gw: number, gh: number): Blob[] {
  const seen = new Uint8Array(mask.length);
  const stack = new Int32Array(mask.length);
  const out: Blob[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || seen[start]) continue;
    const b: Blob = { x0: gw, y0: gh, x1: -1, y1: -1 };
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    while (top > 0) {
      const i = stack[--top]!;
      const x = i % gw;
      const y = (i - x) / gw;
      if (x < b.x0) b.x0 = x;
      if (x > b.x1) b.x1 = x;
      if (y < b.y0) b.y0 = y;
      if (y > b.y1) b.y1 = y;
      const push = (j: number) => {
        if (mask[j] && !seen[j]) {
          seen[j] = 1;
          stack[top++] = j;
        }
      };
      if (x > 0) push(i - 1);
      if (x < gw - 1) push(i + 1);
      if (y > 0) push(i - gw);
      if (y < gh - 1) push(i + gw);
    }
    out.push(b);
  }
  return out;
}

interface Shape {
  /** Share of angular sectors with red ink near the ellipse. */
  coverage: number;
  /** Red share of the inner disc. */
  inner: number;
  /** Red share of the bounding box's corners outside the ellipse: a square stamp's frame runs through them. */
  corners: number;
}

function shape(mask: Uint8Array, gw: number, b: Blob): Shape {
  const cx = (b.x0 + b.x1) / 2;
  const cy = (b.y0 + b.y1) / 2;
  const a = Math.max(1, (b.x1 - b.x0 + 1) / 2);
  const c = Math.max(1, (b.y1 - b.y0 + 1) / 2);
  const rim = new Uint8Array(SECTORS);
  let innerRed = 0;
  let innerAll = 0;
  let cornerRed = 0;
  let cornerAll = 0;
  for (let y = b.y0; y <= b.y1; y++) {
    for (let x = b.x0; x <= b.x1; x++) {
      const u = (x - cx) / a;
      const v = (y - cy) / c;
      const rho = Math.sqrt(u * u + v * v);
      const red = mask[y * gw + x] === 1;
      if (rho < 0.5) {
        innerAll++;
        if (red) innerRed++;
      } else if (rho > 1.2) {
        cornerAll++;
        if (red) cornerRed++;
      } else if (red && rho >= 0.75 && rho <= 1.1) {
        const sector = Math.floor(((Math.atan2(v, u) + Math.PI) / (2 * Math.PI)) * SECTORS) % SECTORS;
        rim[sector] = 1;
      }
    }
  }
  const share = (n: number, all: number) => (all ? n / all : 0);
  return { coverage: share(rim.reduce((s, v) => s + v, 0), SECTORS), inner: innerAll ? innerRed / innerAll : 1, corners: share(cornerRed, cornerAll) };
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** Chroma (max − min channel) above which a pixel shows colour; a grayscale image kept as RGB (or its JPEG) stays below. */
const CHROMA = 12;
/** A colour scan shows that much colour (paper tint, ink, scanner noise) in more than this share of its pixels. */
const COLOUR_SHARE = 0.002;

/**
 * False for a grayscale picture (a page printed and scanned in black and white, kept as RGB): a red seal cannot show on
 * it, so "no seal found" says nothing there. Sampled on a grid.
 */
export function hasColour(pixels: Uint8Array, info: PixelInfo): boolean {
  const { width, height, channels } = info;
  if (channels < 3) return false;
  const step = Math.max(1, Math.floor(Math.sqrt((width * height) / 40_000)));
  let seen = 0;
  let coloured = 0;
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      const i = (y * width + x) * channels;
      const r = pixels[i]!, g = pixels[i + 1]!, b = pixels[i + 2]!;
      seen++;
      if (Math.max(r, g, b) - Math.min(r, g, b) > CHROMA) coloured++;
    }
  }
  return seen > 0 && coloured / seen > COLOUR_SHARE;
}

export function detectSeals(pixels: Uint8Array, info: PixelInfo, options: SealDetectOptions = {}): DetectedSeal[] {
  const { width, height, channels } = info;
  if (channels < 3 || width < MIN_PX || height < MIN_PX) return [];
  if (pixels.length < width * height * channels) throw new RangeError("pixel buffer shorter than width × height × channels");
  const step = Math.max(1, Math.ceil(Math.max(width, height) / GRID_SIDE));
  const { mask, gw, gh } = redGrid(pixels, info, step);
  const dpi = options.dpi && options.dpi > 0 ? options.dpi : undefined;
  const short = Math.min(width, height);
  const minPx = dpi ? (MIN_CM / 2.54) * dpi : Math.max(MIN_PX, MIN_SHARE * short);
  const maxPx = dpi ? (MAX_CM / 2.54) * dpi : Infinity;

  const seals: DetectedSeal[] = [];
  for (const grown of components(dilate(mask, gw, gh, BRIDGE), gw, gh)) {
    // Undo the dilation's growth.
    const b: Blob = {
      x0: Math.min(grown.x0 + BRIDGE, gw - 1),
      y0: Math.min(grown.y0 + BRIDGE, gh - 1),
      x1: Math.max(grown.x1 - BRIDGE, 0),
      y1: Math.max(grown.y1 - BRIDGE, 0),
    };
    if (b.x1 < b.x0 || b.y1 < b.y0) continue;
    const w = Math.min(width, (b.x1 + 1) * step) - b.x0 * step;
    const h = Math.min(height, (b.y1 + 1) * step) - b.y0 * step;
    const aspect = Math.max(w, h) / Math.min(w, h);
    const diameter = (w + h) / 2;
    if (aspect > OVAL_ASPECT || Math.min(w, h) < minPx * 0.8 || diameter < minPx || diameter > maxPx) continue;
    const { coverage, inner, corners } = shape(mask, gw, b);
    if (coverage < MIN_COVERAGE || inner > MAX_INNER || corners > MAX_CORNERS) continue;
    const round = aspect <= ROUND_ASPECT ? 1 : 0.7;
    const confidence = round * (0.5 + 0.3 * clamp01((coverage - MIN_COVERAGE) / (0.95 - MIN_COVERAGE)) + 0.2 * clamp01(1 - inner / MAX_INNER));
    seals.push({
      box: { x: b.x0 * step, y: b.y0 * step, w, h },
      confidence: Math.round(confidence * 100) / 100,
      diameterPx: Math.round(diameter),
    });
  }
  return seals.sort((p, q) => q.confidence - p.confidence);
}

/** A box in a width × height image, after turning the image clockwise by `turn` degrees. */
export function turnBox(box: Box, width: number, height: number, turn: 0 | 90 | 180 | 270): Box {
  const { x, y, w, h } = box;
  switch (turn) {
    case 90:
      return { x: height - (y + h), y: x, w: h, h: w };
    case 180:
      return { x: width - (x + w), y: height - (y + h), w, h };
    case 270:
      return { x: y, y: width - (x + w), w: h, h: w };
    default:
      return box;
  }
}

/**
 * A box of an image skewed `degrees` clockwise, in that image turned straight about its centre (size kept), the
 * frame OCR's line boxes are in (OcrInfo.skew): the bounding box of its turned corners.
 */
export function straightenBox(box: Box, width: number, height: number, degrees: number): Box {
  if (degrees === 0) return box;
  const b = turnedBounds(box, [width / 2, height / 2], -degrees);
  const [x, y] = [Math.round(b.x), Math.round(b.y)];
  return { x, y, w: Math.round(b.x + b.w) - x, h: Math.round(b.y + b.h) - y };
}

/** Seals found in a thumbnail, with boxes scaled by `k` (source px per thumbnail px). */
export function scaleSeals(seals: readonly DetectedSeal[], k: number): DetectedSeal[] {
  const r = (v: number) => Math.round(v * k);
  return seals.map((s) => ({ ...s, box: { x: r(s.box.x), y: r(s.box.y), w: r(s.box.w), h: r(s.box.h) }, diameterPx: r(s.diameterPx) }));
}
