/**
 * DB (differentiable binarisation) post-processing for the PP-OCR detection model: the probability map is
 * binarised, each 8-connected region becomes its minimum-area rectangle, regions whose mean probability is low
 * are dropped, and the rest are grown back ("unclip") to the text's extent — the model is trained on text
 * regions shrunk by a margin proportional to area / perimeter, so the found region is grown by the same kind of
 * margin. Follows PaddleOCR's db_postprocess (thresh 0.3, box_thresh 0.6, unclip_ratio 1.5, min_size 3), with
 * connected components and rotating calipers in place of OpenCV's contours and minAreaRect; for a rectangle the
 * polygon offset of the unclip is the rectangle grown by the margin on every side.
 */

/** A rotated rectangle: centre, extent along its axis nearest to horizontal (w) and across it (h), angle of that axis. */
export interface RotRect {
  cx: number;
  cy: number;
  w: number;
  h: number;
  /** Radians, in (-π/4, π/4]: clockwise on the page (y down). */
  angle: number;
}

export interface DbOptions {
  thresh: number;
  boxThresh: number;
  unclipRatio: number;
  minSize: number;
  maxCandidates: number;
}

export const DB_DEFAULTS: DbOptions = {
  thresh: 0.3,
  boxThresh: 0.6,
  unclipRatio: 1.5,
  minSize: 3,
  maxCandidates: 1000,
};

type Pt = [number, number];

function cross(o: Pt, a: Pt, b: Pt): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/** Convex hull (monotone chain) of points already sorted by x, then y. */
function hull(points: Pt[]): Pt[] {
  if (points.length < 3) return points;
  const lower: Pt[] = [];
  for (const p of points) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Pt[] = [];
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

/** The rectangle with its axis nearest to horizontal as `w`: angle in (-π/4, π/4]. */
export function normaliseRect(cx: number, cy: number, w: number, h: number, angle: number): RotRect {
  let a = angle;
  let [ww, hh] = [w, h];
  while (a > Math.PI / 4) {
    a -= Math.PI / 2;
    [ww, hh] = [hh, ww];
  }
  while (a <= -Math.PI / 4) {
    a += Math.PI / 2;
    [ww, hh] = [hh, ww];
  }
  return { cx, cy, w: ww, h: hh, angle: a };
}

/** Minimum-area rectangle of a point set (rotating calipers over the hull's edges). */
export function minAreaRect(points: Pt[]): RotRect {
  const hp = hull(points);
  if (hp.length === 1) return { cx: hp[0]![0], cy: hp[0]![1], w: 0, h: 0, angle: 0 };
  let best: RotRect | null = null;
  let bestArea = Infinity;
  for (let i = 0; i < hp.length; i++) {
    const p = hp[i]!;
    const q = hp[(i + 1) % hp.length]!;
    const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
    if (len === 0) continue;
    const ux = (q[0] - p[0]) / len;
    const uy = (q[1] - p[1]) / len;
    let minU = Infinity;
    let maxU = -Infinity;
    let minV = Infinity;
    let maxV = -Infinity;
    for (const [x, y] of hp) {
      const u = x * ux + y * uy;
      const v = -x * uy + y * ux;
      minU = Math.min(minU, u);
      maxU = Math.max(maxU, u);
      minV = Math.min(minV, v);
      maxV = Math.max(maxV, v);
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea) {
      bestArea = area;
      const mu = (minU + maxU) / 2;
      const mv = (minV + maxV) / 2;
      best = normaliseRect(mu * ux - mv * uy, mu * uy + mv * ux, maxU - minU, maxV - minV, Math.atan2(uy, ux));
    }
  }
  return best!;
}

/** The rectangle's corners: top-left, top-right, bottom-right, bottom-left (along its own axes). */
export function corners(r: RotRect): Pt[] {
  const c = Math.cos(r.angle);
  const s = Math.sin(r.angle);
  const hw = r.w / 2;
  const hh = r.h / 2;
  return [
    [-hw, -hh],
    [hw, -hh],
    [hw, hh],
    [-hw, hh],
  ].map(([u, v]) => [r.cx + u! * c - v! * s, r.cy + u! * s + v! * c] as Pt);
}

/** Mean probability inside the rectangle (PaddleOCR's box score, on the polygon rather than its bounding box). */
function rectScore(prob: Float32Array, width: number, height: number, r: RotRect): number {
  const pts = corners(r);
  const x0 = Math.max(0, Math.floor(Math.min(...pts.map((p) => p[0]))));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(...pts.map((p) => p[0]))));
  const y0 = Math.max(0, Math.floor(Math.min(...pts.map((p) => p[1]))));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(...pts.map((p) => p[1]))));
  const c = Math.cos(r.angle);
  const s = Math.sin(r.angle);
  let sum = 0;
  let n = 0;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const dx = x - r.cx;
      const dy = y - r.cy;
      if (Math.abs(dx * c + dy * s) <= r.w / 2 + 0.5 && Math.abs(-dx * s + dy * c) <= r.h / 2 + 0.5) {
        sum += prob[y * width + x]!;
        n++;
      }
    }
  }
  return n === 0 ? 0 : sum / n;
}

/**
 * Text boxes of a probability map (`width`×`height`, row-major), in map pixels. Each region contributes its
 * left- and rightmost pixel of every row to the hull: the hull of those is the hull of the region.
 */
export function boxesFromProbMap(
  prob: Float32Array,
  width: number,
  height: number,
  opts: DbOptions = DB_DEFAULTS,
): { rect: RotRect; score: number }[] {
  const n = width * height;
  const label = new Int32Array(n);
  const stack = new Int32Array(n);
  const out: { rect: RotRect; score: number }[] = [];
  let next = 0;
  for (let start = 0; start < n && out.length < opts.maxCandidates; start++) {
    if (label[start] !== 0 || prob[start]! <= opts.thresh) continue;
    next++;
    // Flood fill; per row the extreme x of the region.
    const rowMin = new Map<number, number>();
    const rowMax = new Map<number, number>();
    let top = 0;
    stack[top++] = start;
    label[start] = next;
    let size = 0;
    while (top > 0) {
      const i = stack[--top]!;
      size++;
      const x = i % width;
      const y = (i - x) / width;
      if (!(rowMin.get(y)! <= x)) rowMin.set(y, x);
      if (!(rowMax.get(y)! >= x)) rowMax.set(y, x);
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width || (dx === 0 && dy === 0)) continue;
          const j = yy * width + xx;
          if (label[j] === 0 && prob[j]! > opts.thresh) {
            label[j] = next;
            stack[top++] = j;
          }
        }
      }
    }
    if (size < opts.minSize) continue;
    const points: Pt[] = [];
    for (const [y, x] of rowMin) {
      points.push([x, y]);
      const xr = rowMax.get(y)!;
      if (xr !== x) points.push([xr, y]);
    }
    points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const rect = minAreaRect(points);
    if (Math.min(rect.w, rect.h) < opts.minSize) continue;
    const score = rectScore(prob, width, height, rect);
    if (score < opts.boxThresh) continue;
    const margin = (rect.w * rect.h * opts.unclipRatio) / (2 * (rect.w + rect.h));
    const grown = { ...rect, w: rect.w + 2 * margin, h: rect.h + 2 * margin };
    if (Math.min(grown.w, grown.h) < opts.minSize + 2) continue;
    out.push({ rect: grown, score });
  }
  return out;
}

/** A rectangle from four corners in order (after scaling or turning them): centre, side lengths, first side's angle. */
export function rectFromCorners(pts: Pt[]): RotRect {
  const [a, b, , d] = pts as [Pt, Pt, Pt, Pt];
  const cx = pts.reduce((s, p) => s + p[0], 0) / 4;
  const cy = pts.reduce((s, p) => s + p[1], 0) / 4;
  return normaliseRect(
    cx,
    cy,
    Math.hypot(b[0] - a[0], b[1] - a[1]),
    Math.hypot(d[0] - a[0], d[1] - a[1]),
    Math.atan2(b[1] - a[1], b[0] - a[0]),
  );
}
