/**
 * Plane geometry shared by the stages, in model.ts's page space (origin top-left, y down): turning boxes the
 * way a crooked scan was turned straight (ingest: seal boxes; report: the source region of a thumbnail).
 */
import type { Box } from "./model.js";

/** The bounding box of `box` turned `degrees` clockwise (as seen on the page, y down) about `centre`. */
export function turnedBounds(box: Box, centre: readonly [number, number], degrees: number): Box {
  const [cx, cy] = centre;
  const t = (degrees * Math.PI) / 180;
  const corners = [
    [box.x, box.y],
    [box.x + box.w, box.y],
    [box.x, box.y + box.h],
    [box.x + box.w, box.y + box.h],
  ].map(([x, y]) => [cx + Math.cos(t) * (x! - cx) - Math.sin(t) * (y! - cy), cy + Math.sin(t) * (x! - cx) + Math.cos(t) * (y! - cy)]);
  const xs = corners.map((c) => c[0]!);
  const ys = corners.map((c) => c[1]!);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}
