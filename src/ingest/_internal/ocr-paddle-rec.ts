/**
 * Line crops and CTC decoding for the PP-OCR recognition and direction-classifier models.
 *
 * A crop is sampled straight out of the greyscale page along the detected rectangle (bilinear, with a few samples
 * per output pixel when shrinking), so a skewed line comes out level without turning the whole page. Pixels are
 * normalised as PaddleOCR does ((v/255 − 0.5) / 0.5, the same value in all three channels: the page is already
 * grey, red ink dropped), and a batch is padded on the right with 0.
 */
import type { RotRect } from "./ocr-paddle-db.js";

/** Height the recognition and classifier models take. */
export const REC_HEIGHT = 48;
/** Widest recognition crop; longer lines are squeezed (a licence's full-width line is ~30 heights). */
const MAX_REC_WIDTH = 3200;
/** Recognition output steps per input px (PP-OCRv4 rec: one step per 8 px). */
export const REC_STRIDE = 8;

export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Maps a point of the upright page (the page turned `turn` degrees clockwise) back to the stored image.
 * Upright size is (h, w) for quarter turns.
 */
export function fromUpright(
  turn: 0 | 90 | 180 | 270,
  w: number,
  h: number,
): (u: number, v: number) => [number, number] {
  switch (turn) {
    case 0:
      return (u, v) => [u, v];
    case 90:
      return (u, v) => [v, h - 1 - u];
    case 180:
      return (u, v) => [w - 1 - u, h - 1 - v];
    case 270:
      return (u, v) => [w - 1 - v, u];
  }
}

/**
 * The rectangle `r` (upright-page px) sampled to `height` px tall, its text axis left to right; `width` defaults to
 * keeping the aspect. `vertical` reads a tall box top to bottom (its long axis becomes the crop's x axis).
 */
export function sampleCrop(
  img: GreyImage,
  map: (u: number, v: number) => [number, number],
  r: RotRect,
  height: number,
  width?: number,
  vertical = false,
): { data: Float32Array; width: number } {
  // Along and across unit vectors of the text, and their lengths.
  let ax = Math.cos(r.angle);
  let ay = Math.sin(r.angle);
  let len = r.w;
  let thick = r.h;
  if (vertical) {
    // Turned 90° counter-clockwise: the text runs down the box, its top is at the box's right.
    [ax, ay] = [-ay, ax];
    [len, thick] = [thick, len];
  }
  const bx = -ay;
  const by = ax;
  const w = Math.max(1, Math.min(width ?? Math.round((height * len) / Math.max(1, thick)), MAX_REC_WIDTH));
  const out = new Float32Array(w * height);
  const su = len / w;
  const sv = thick / height;
  const sub = Math.min(3, Math.max(1, Math.ceil(Math.max(su, sv))));
  const x0 = r.cx - (ax * len) / 2 - (bx * thick) / 2;
  const y0 = r.cy - (ay * len) / 2 - (by * thick) / 2;
  const { data, width: iw, height: ih } = img;
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < w; u++) {
      let acc = 0;
      for (let j = 0; j < sub; j++) {
        const tv = (v + (j + 0.5) / sub) * sv;
        for (let i = 0; i < sub; i++) {
          const tu = (u + (i + 0.5) / sub) * su;
          const [sx, sy] = map(x0 + ax * tu + bx * tv - 0.5, y0 + ay * tu + by * tv - 0.5);
          const xf = Math.floor(sx);
          const yf = Math.floor(sy);
          if (xf < 0 || yf < 0 || xf + 1 >= iw || yf + 1 >= ih) {
            acc += 255;
            continue;
          }
          const fx = sx - xf;
          const fy = sy - yf;
          const k = yf * iw + xf;
          const t = data[k]! + (data[k + 1]! - data[k]!) * fx;
          const b = data[k + iw]! + (data[k + iw + 1]! - data[k + iw]!) * fx;
          acc += t + (b - t) * fy;
        }
      }
      out[v * w + u] = (acc / (sub * sub) / 255 - 0.5) / 0.5;
    }
  }
  return { data: out, width: w };
}

/** Crops of one height in one NCHW batch of `width`, three equal channels, padded right with 0. */
export function batchTensor(
  crops: { data: Float32Array; width: number }[],
  height: number,
  width: number,
): Float32Array {
  const plane = height * width;
  const out = new Float32Array(crops.length * 3 * plane);
  crops.forEach((c, n) => {
    for (let ch = 0; ch < 3; ch++) {
      const base = (n * 3 + ch) * plane;
      for (let y = 0; y < height; y++)
        out.set(c.data.subarray(y * c.width, y * c.width + Math.min(c.width, width)), base + y * width);
    }
  });
  return out;
}

export interface DecodedChar {
  char: string;
  prob: number;
  /** Output step it was read at: the char's centre is near (step + 0.5) × REC_STRIDE crop px. */
  step: number;
}

/**
 * Reads ppocr_keys_v1.txt: one character a line. Class 0 is CTC's blank, classes 1..n the file's lines, and the
 * last class the space the model was trained with ("use_space_char"), which the file does not list: without it
 * every index is read one place off.
 */
export function loadDictionary(text: string): string[] {
  const chars = text.replace(/\r/g, "").split("\n");
  if (chars.at(-1) === "") chars.pop();
  return ["", ...chars, " "];
}

/** Greedy CTC: best class per step, repeats merged, blanks dropped. `probs` is one item's [steps × classes]. */
export function ctcDecode(probs: Float32Array, steps: number, classes: number, dict: readonly string[]): DecodedChar[] {
  const out: DecodedChar[] = [];
  let prev = -1;
  for (let t = 0; t < steps; t++) {
    const row = t * classes;
    let best = 0;
    let bestP = probs[row]!;
    for (let c = 1; c < classes; c++) {
      const p = probs[row + c]!;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best !== 0 && best !== prev) out.push({ char: dict[best] ?? "", prob: bestP, step: t });
    prev = best;
  }
  return out;
}
