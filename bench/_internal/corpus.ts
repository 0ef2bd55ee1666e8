/**
 * Builds the benchmark inputs from committed fixtures (nothing downloaded): a 200-page CJK text PDF, A4
 * licence scans at 300 dpi with their ground truth, and a 300-page package with 50 distinct scanned pages.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURES = path.join(ROOT, "fixtures");

/** Text-only pages (no pictures) of LibreOffice-exported Chinese documents. */
const TEXT_SOURCES: Array<{ file: string; pages: number[] }> = [
  { file: "pdf/word-form.pdf", pages: [0, 1] },
  { file: "pdf/two-column.pdf", pages: [0] },
];

export async function buildTextPdf(out: string, pageCount: number): Promise<string> {
  if (existsSync(out)) return out;
  const target = await PDFDocument.create();
  const sources = await Promise.all(
    TEXT_SOURCES.map(async (s) => ({ doc: await PDFDocument.load(await readFile(path.join(FIXTURES, s.file))), pages: s.pages })),
  );
  const picks = sources.flatMap((s, source) => s.pages.map((page) => ({ source, page })));
  const order = Array.from({ length: pageCount }, (_, i) => picks[i % picks.length]!);
  // One copyPages call per source document, so its fonts are copied once and shared by all its pages, as
  // in a real exported PDF (a call per page would embed the fonts 200 times).
  const copied = await Promise.all(
    sources.map((s, source) => target.copyPages(s.doc, order.filter((o) => o.source === source).map((o) => o.page))),
  );
  const next = sources.map(() => 0);
  for (const pick of order) target.addPage(copied[pick.source]![next[pick.source]!++]!);
  await writeFile(out, await target.save());
  return out;
}

export interface ScanPage {
  image: string;
  truth: string;
  quality: "clean" | "degraded";
}

/** A4 at 300 dpi (2480×3508): the licence drawn on a white sheet, as a scanner would deliver it. */
export async function buildLicenceScans(dir: string): Promise<ScanPage[]> {
  await mkdir(dir, { recursive: true });
  const sources = [
    { file: "ocr/license-clean.png", truth: "ocr/license-clean.txt", quality: "clean" as const },
    { file: "ocr/license-degraded.jpg", truth: "ocr/license-degraded.txt", quality: "degraded" as const },
  ];
  const pages: ScanPage[] = [];
  for (const [i, s] of sources.entries()) {
    const out = path.join(dir, `licence-a4-${i + 1}-${s.quality}.png`);
    if (!existsSync(out)) {
      const licence = sharp(path.join(FIXTURES, s.file));
      const meta = await licence.metadata();
      // Bring the degraded (170 dpi) scan to its physical size on a 300 dpi sheet.
      const scale = 300 / (meta.density ?? 300);
      const width = Math.min(2300, Math.round(meta.width! * scale));
      const resized = await licence.resize({ width }).png().toBuffer();
      await sharp({ create: { width: 2480, height: 3508, channels: 3, background: "#ffffff" } })
        .composite([{ input: resized, left: 90, top: 200 }])
        .withMetadata({ density: 300 })
        .png()
        .toFile(out);
    }
    pages.push({ image: out, truth: await readFile(path.join(FIXTURES, s.truth), "utf8"), quality: s.quality });
  }
  return pages;
}

/**
 * A package of `textPages` text pages and `scanPages` scanned pages. Every scanned page is made distinct
 * (shifted, different noise) so the OCR cache cannot serve one page for another.
 */
export async function buildMixedPackage(dir: string, textPages: number, scanPages: number): Promise<string> {
  await mkdir(dir, { recursive: true });
  const textPdf = path.join(dir, "申报书-正文.pdf");
  await buildTextPdf(textPdf, textPages);
  const scanned = path.join(dir, "附件-扫描件.pdf");
  if (existsSync(scanned)) return dir;
  const base = await readFile(path.join(FIXTURES, "ocr/license-clean.png"));
  const doc = await PDFDocument.create();
  for (let i = 0; i < scanPages; i++) {
    const jpeg = await sharp({ create: { width: 2480, height: 3508, channels: 3, background: "#ffffff" } })
      .composite([{ input: base, left: 60 + (i % 7) * 20, top: 150 + (i % 11) * 30 }])
      .greyscale()
      .jpeg({ quality: 70 + (i % 20) })
      .toBuffer();
    const image = await doc.embedJpg(jpeg);
    const page = doc.addPage([595.28, 841.89]);
    page.drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  await writeFile(scanned, await doc.save());
  return dir;
}
