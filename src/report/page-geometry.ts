/**
 * What a thumbnail needs to know about a page that the JSON report does not carry: its size and unit, and for
 * OCR'd images the quarter turn OCR applied (boxes on such pages are in the turned image's pixels).
 *
 * buildReport remembers this beside the report object it returns (a WeakMap: nothing goes into the JSON
 * contract, and it is gone with the report), so callers that only hold the Report still get upright crops.
 */
import type { Box, Package } from "../model.js";
import type { Report } from "./schema.js";

export interface PageGeometry {
  width: number;
  height: number;
  unit: "pt" | "px" | "none";
  /** Clockwise quarter turn OCR applied to read the page upright (images only; 0 when none). */
  rotation: 0 | 90 | 180 | 270;
  /** Degrees a crooked image page ran off straight, which OCR removed (its boxes are straightened); 0 when none. */
  skew: number;
  /** Crooked scans placed on a PDF page: where each is drawn, and its skew (boxes inside it are straightened). */
  skewedImages: { box: Box; skew: number }[];
}

export type PageGeometries = ReadonlyMap<string, PageGeometry>;

export const pageGeometryKey = (file: string, page: number) => `${file}\u0000${page}`;

const remembered = new WeakMap<Report, PageGeometries>();

export function pageGeometriesOf(pkg: Package): PageGeometries {
  const out = new Map<string, PageGeometry>();
  for (const file of pkg.files) {
    for (const p of file.pages) {
      out.set(pageGeometryKey(file.path, p.index), {
        width: p.width,
        height: p.height,
        unit: p.unit,
        rotation: p.ocr?.rotation ?? 0,
        skew: p.ocr?.skew ?? 0,
        skewedImages: p.images.flatMap((im) => (im.box && im.ocr?.skew ? [{ box: im.box, skew: im.ocr.skew }] : [])),
      });
    }
  }
  return out;
}

export function rememberPageGeometry(report: Report, pkg: Package): void {
  remembered.set(report, pageGeometriesOf(pkg));
}

export function rememberedPageGeometry(report: Report): PageGeometries | undefined {
  return remembered.get(report);
}
