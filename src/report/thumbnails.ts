/**
 * Page thumbnails for the HTML report: for each finding's evidence on a PDF or image page, a small JPEG of the
 * place (a crop around the box with a highlight frame, or the whole page when there is no box), so the reviewer
 * sees it without opening the file. DOCX pages have no layout and get none.
 *
 * Runs after the report is built, from the package's own bytes (PackageSources). The result is a map for
 * formatHtml and never goes into the JSON report. Any failure (file gone or changed since the check, corrupt
 * page, render error) means no thumbnail for that place, never an exception. Memory stays bounded: one file's
 * pdf.js document at a time, destroyed after its pages, and only the shown region is rasterised.
 */
import { createHash } from "node:crypto";
import sharp, { type Sharp } from "sharp";
import type { Box, Evidence, Finding } from "../model.js";
import { decodeBmp, isBmp, openPdf } from "../ingest/page-source.js";
import { DEFAULT_LIMITS } from "../ingest/context.js";
import { CATEGORY_LABELS } from "./labels.js";
import { pageGeometryKey, rememberedPageGeometry, type PageGeometries, type PageGeometry } from "./page-geometry.js";
import type { Report } from "./schema.js";
import { formatHtml } from "./html.js";
import { sourcesFromPaths, type PackageSources } from "./sources.js";
import { encodeThumb, imageRegion, rawRgba, renderPdfRegion, thumbLayout, type Skew } from "./_internal/thumb-render.js";

/** Thumbnails per report: enough for every finding of a typical package, small enough for a 300-page one. */
export const THUMBNAIL_LIMIT = 40;
const RENDER_TIMEOUT_MS = 20_000;

export interface Thumbnail {
  /** `data:image/jpeg;base64,…` */
  src: string;
  width: number;
  height: number;
  /** A crop with the evidence box framed; false for a whole-page overview. */
  highlighted: boolean;
}

export interface Thumbnails {
  /** By thumbnailKey(evidence). */
  images: ReadonlyMap<string, Thumbnail>;
  /** The thumbnail of this evidence's place, if one was rendered. */
  get(evidence: Evidence): Thumbnail | undefined;
  limit: number;
  /** Places that would have had a thumbnail but were over the limit. */
  omitted: number;
}

export interface ThumbnailOptions {
  /** At most this many thumbnails (default THUMBNAIL_LIMIT), in the order the HTML lists findings. */
  limit?: number;
  /** For encrypted PDFs, as given to the check. */
  password?: string;
  /** Page sizes and OCR turns; default: what buildReport remembered for this report object. */
  geometry?: PageGeometries;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The same place gets the same key: file, page and box. */
export function thumbnailKey(ev: Evidence): string {
  const box = ev.box ? [ev.box.x, ev.box.y, ev.box.w, ev.box.h].map(round1).join(",") : "";
  return `${ev.file}\u0000${ev.page}\u0000${box}`;
}

/** Findings in the order the reports list them: errors, warnings, infos; by category within each. */
export function findingsInDisplayOrder(findings: readonly Finding[]): Finding[] {
  const categories = Object.keys(CATEGORY_LABELS);
  const severities = ["error", "warning", "info"];
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        severities.indexOf(a.f.severity) - severities.indexOf(b.f.severity) ||
        categories.indexOf(a.f.category) - categories.indexOf(b.f.category) ||
        a.i - b.i,
    )
    .map(({ f }) => f);
}

/** The distinct places worth a thumbnail (PDF and image pages), first `limit` of them, and how many more. */
export function thumbnailTargets(report: Report, limit = THUMBNAIL_LIMIT): { targets: Evidence[]; omitted: number } {
  const kinds = new Map(report.package.files.map((f) => [f.path, f.kind]));
  const seen = new Set<string>();
  const all: Evidence[] = [];
  for (const finding of findingsInDisplayOrder(report.findings)) {
    for (const ev of finding.evidence) {
      const kind = kinds.get(ev.file);
      if (kind !== "pdf" && kind !== "image") continue;
      const key = thumbnailKey(ev);
      if (seen.has(key)) continue;
      seen.add(key);
      all.push(ev);
    }
  }
  return { targets: all.slice(0, limit), omitted: Math.max(0, all.length - limit) };
}

export async function renderThumbnails(
  report: Report,
  sources: PackageSources,
  options: ThumbnailOptions = {},
): Promise<Thumbnails> {
  const limit = options.limit ?? THUMBNAIL_LIMIT;
  const { targets, omitted } = thumbnailTargets(report, limit);
  const images = new Map<string, Thumbnail>();
  const geometry = options.geometry ?? rememberedPageGeometry(report);
  const byFile = new Map<string, Evidence[]>();
  for (const ev of targets) byFile.set(ev.file, [...(byFile.get(ev.file) ?? []), ev]);
  for (const [file, evidence] of byFile) {
    const entry = report.package.files.find((f) => f.path === file);
    if (!entry) continue;
    try {
      const bytes = await sources.read(file);
      // A file changed since the check would show the wrong place.
      if (!bytes || createHash("sha256").update(bytes).digest("hex") !== entry.sha256) continue;
      const sorted = [...evidence].sort((a, b) => a.page - b.page);
      if (entry.kind === "pdf") await pdfThumbs(bytes, sorted, options.password, geometry, images);
      else await imageThumbs(bytes, sorted, geometry, images);
    } catch {
      // No thumbnails for this file; the report stands without them.
    }
  }
  return { images, get: (ev) => images.get(thumbnailKey(ev)), limit, omitted };
}

/**
 * The self-contained HTML report with page thumbnails, for callers holding the report and the inputs it was
 * checked from (the same paths given to runCheck): renderThumbnails + formatHtml.
 */
export async function renderReportHtml(
  report: Report,
  inputs: readonly string[],
  options: ThumbnailOptions = {},
): Promise<string> {
  return formatHtml(report, { thumbnails: await renderThumbnails(report, sourcesFromPaths(inputs), options) });
}

async function pdfThumbs(
  bytes: Buffer,
  evidence: readonly Evidence[],
  password: string | undefined,
  geometry: PageGeometries | undefined,
  out: Map<string, Thumbnail>,
): Promise<void> {
  const doc = await openPdf(bytes, password);
  try {
    for (const [pageNo, group] of byPage(evidence)) {
      if (pageNo > doc.numPages) continue;
      const page = await doc.getPage(pageNo).catch(() => null);
      if (!page) continue;
      try {
        const { width, height } = page.getViewport({ scale: 1 });
        for (const ev of group) {
          try {
            // Up to 2.5 px/pt (180 dpi): a small box is enlarged enough to read, not more.
            const layout = thumbLayout(width, height, ev.box, 2.5);
            const skew = skewOf(geometry?.get(pageGeometryKey(ev.file, ev.page)), ev.box);
            const pixels = await renderPdfRegion(page, layout, RENDER_TIMEOUT_MS, skew);
            out.set(thumbnailKey(ev), await thumb(rawRgba(pixels, layout), layout));
          } catch {
            // This place only.
          }
        }
      } finally {
        page.cleanup();
      }
    }
  } finally {
    await doc.destroy();
  }
}

async function imageThumbs(
  bytes: Buffer,
  evidence: readonly Evidence[],
  geometry: PageGeometries | undefined,
  out: Map<string, Thumbnail>,
): Promise<void> {
  const limitInputPixels = DEFAULT_LIMITS.maxImagePixels;
  const bmp = isBmp(bytes) ? decodeBmp(bytes) : null;
  for (const ev of evidence) {
    try {
      const open = (): Sharp =>
        bmp
          ? sharp(bmp.rgb, { raw: { width: bmp.width, height: bmp.height, channels: 3 } })
          : sharp(bytes, { page: ev.page - 1, limitInputPixels, failOn: "truncated" });
      const g = geometry?.get(pageGeometryKey(ev.file, ev.page));
      const { pixels, layout } = await imageRegion(open, ev.box, g?.rotation ?? 0, g?.skew ?? 0);
      out.set(thumbnailKey(ev), await thumb(pixels, layout));
    } catch {
      // This place only.
    }
  }
}

async function thumb(pixels: Sharp, layout: ReturnType<typeof thumbLayout>): Promise<Thumbnail> {
  return {
    src: await encodeThumb(pixels, layout),
    width: layout.width,
    height: layout.height,
    highlighted: layout.highlight !== undefined,
  };
}

/** The crooked scan on a PDF page that the box was read from (its centre inside the scan), if any. */
function skewOf(g: PageGeometry | undefined, box: Box | undefined): Skew | undefined {
  if (!g || !box) return undefined;
  const [x, y] = [box.x + box.w / 2, box.y + box.h / 2];
  const im = g.skewedImages.find((i) => x >= i.box.x && x <= i.box.x + i.box.w && y >= i.box.y && y <= i.box.y + i.box.h);
  return im && { degrees: im.skew, centre: [im.box.x + im.box.w / 2, im.box.y + im.box.h / 2] };
}

function byPage(evidence: readonly Evidence[]): Map<number, Evidence[]> {
  const out = new Map<number, Evidence[]>();
  for (const ev of evidence) out.set(ev.page, [...(out.get(ev.page) ?? []), ev]);
  return out;
}
