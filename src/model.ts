/**
 * The types stages talk through (see ../shared/DESIGN.md). Contract parts (Evidence, Finding) follow the
 * report contract exactly; ingest types are ours.
 *
 * Coordinate system: every `Box` is in the page's own space, origin at the TOP-LEFT corner, x to the
 * right, y downwards, in the unit named by `Page.unit` ("pt" = 1/72 inch for PDF pages, "px" for images
 * and OCR'd pages at their pixel resolution). DOCX pages have no boxes.
 */
import { z } from "zod";

export const BoxSchema = z.object({
  x: z.number(),
  y: z.number(),
  w: z.number(),
  h: z.number(),
});
export type Box = z.infer<typeof BoxSchema>;

export const EvidenceSchema = z.object({
  file: z.string(),
  page: z.number().int().min(1),
  quote: z.string(),
  box: BoxSchema.optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const SeveritySchema = z.enum(["error", "warning", "info"]);
export type Severity = z.infer<typeof SeveritySchema>;

export const CategorySchema = z.enum(["missing", "order", "consistency", "eligibility", "format", "ingest"]);
export type Category = z.infer<typeof CategorySchema>;

export const FindingSchema = z.object({
  ruleId: z.string(),
  severity: SeveritySchema,
  category: CategorySchema,
  /** Simplified Chinese: what is wrong, where (file, page), what to do. */
  message: z.string(),
  docType: z.string().optional(),
  fieldKeys: z.array(z.string()).optional(),
  expected: z.unknown().optional(),
  actual: z.unknown().optional(),
  evidence: z.array(EvidenceSchema),
});
export type Finding = z.infer<typeof FindingSchema>;

/** Where a line's text came from. */
export const TextSourceSchema = z.enum(["text", "ocr", "docx"]);
export type TextSource = z.infer<typeof TextSourceSchema>;

export const CheckboxSchema = z.object({
  label: z.string(),
  checked: z.boolean(),
});
export type Checkbox = z.infer<typeof CheckboxSchema>;

/** highlight: w:highlight or a run shading (w:shd) fill; strike: single or double strikethrough. */
export const TextMarkKindSchema = z.enum(["bold", "highlight", "underline", "strike"]);
export type TextMarkKind = z.infer<typeof TextMarkKindSchema>;

export const TextMarkSchema = z.object({
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  kind: TextMarkKindSchema,
});
export type TextMark = z.infer<typeof TextMarkSchema>;

export const LineSchema = z.object({
  text: z.string(),
  box: BoxSchema.optional(),
  source: TextSourceSchema,
  /** 0..1; 1 for text layers and DOCX. */
  confidence: z.number().min(0).max(1),
  /** Font size in page units, when known (PDF text layer). Helps title detection. */
  fontSize: z.number().optional(),
  /** DOCX: heading level 1..9 when the paragraph is a heading (style or outline level). */
  headingLevel: z.number().int().min(1).max(9).optional(),
  /** DOCX: the cell this line belongs to (table index within the page, grid row, grid column; 0-based). */
  cell: z.object({ table: z.number().int(), row: z.number().int(), col: z.number().int() }).optional(),
  /** Checkboxes found in this line (☑/☐ glyphs, Word content controls, legacy form fields). */
  checkboxes: z.array(CheckboxSchema).optional(),
  /**
   * DOCX: emphasised stretches of the text (run formatting), as [start, end) character ranges of `text`. Lets a
   * choice marked by bold, highlight, underline or by striking out the other options be read. Absent when none.
   */
  marks: z.array(TextMarkSchema).optional(),
  /** Set when the line was read from an embedded image (index into Page.images). */
  image: z.number().int().optional(),
});
export type Line = z.infer<typeof LineSchema>;

/**
 * One grid position of a table. Merged cells are resolved: every grid position covered by a merged cell
 * holds the same text, with `origin` pointing at the top-left position of the merge.
 */
export const CellSchema = z.object({
  text: z.string(),
  rowSpan: z.number().int().min(1),
  colSpan: z.number().int().min(1),
  origin: z.tuple([z.number().int(), z.number().int()]),
  checkboxes: z.array(CheckboxSchema).optional(),
  /** The cell's ruled bounds in page units, when the page drew them (text-layer PDF tables). */
  box: BoxSchema.optional(),
});
export type Cell = z.infer<typeof CellSchema>;

export const TableSchema = z.object({
  rows: z.array(z.array(CellSchema)),
  /** Index of the first line of this table in Page.lines (position in document flow). */
  lineIndex: z.number().int().min(0),
});
export type Table = z.infer<typeof TableSchema>;

export const OcrInfoSchema = z.object({
  engine: z.string(),
  /** Mean line confidence 0..1. */
  confidence: z.number(),
  /** Clockwise rotation in degrees that was applied to read the image upright. */
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  /**
   * Degrees the text ran clockwise off straight in the upright image (a crooked scan), removed before reading:
   * line boxes are in the upright image turned straight about its centre, keeping its size. Absent when straight.
   */
  skew: z.number().optional(),
  /** The picture has no colour (a black-and-white scan): a red seal cannot show on it. Absent when it has colour. */
  monochrome: z.literal(true).optional(),
  ms: z.number(),
  cached: z.boolean(),
});
export type OcrInfo = z.infer<typeof OcrInfoSchema>;

/** An image embedded in a page (PDF image XObject, DOCX drawing). */
export const EmbeddedImageSchema = z.object({
  /** Where it is drawn on the page (PDF), in page coordinates. */
  box: BoxSchema.optional(),
  /** DOCX: index in Page.lines before which the image appears in the document flow. */
  lineIndex: z.number().int().min(0).optional(),
  widthPx: z.number().int(),
  heightPx: z.number().int(),
  ocr: OcrInfoSchema.optional(),
});
export type EmbeddedImage = z.infer<typeof EmbeddedImageSchema>;

/**
 * A red seal (公章) found on the page's colour pixels. `box` is in page coordinates (absent on DOCX pages,
 * which have none); `image` is the index into Page.images when the seal was found in an embedded image.
 */
export const SealSchema = z.object({
  box: BoxSchema.optional(),
  /** 0..1: how seal-like the red blob is (round ring, empty centre); oval seals score lower. */
  confidence: z.number().min(0).max(1),
  image: z.number().int().optional(),
});
export type Seal = z.infer<typeof SealSchema>;

export const PageSourceSchema = z.enum(["text", "ocr", "docx", "mixed", "none"]);
export type PageSource = z.infer<typeof PageSourceSchema>;

export const PageSchema = z.object({
  /** 1-based page index within the file. */
  index: z.number().int().min(1),
  width: z.number(),
  height: z.number(),
  unit: z.enum(["pt", "px", "none"]),
  source: PageSourceSchema,
  lines: z.array(LineSchema),
  tables: z.array(TableSchema),
  images: z.array(EmbeddedImageSchema),
  /** The page number printed on the page (footer/header), when one is shown. */
  printedPageNumber: z.number().int().optional(),
  /** OCR details when the whole page was OCR'd (scanned page or image file). */
  ocr: OcrInfoSchema.optional(),
  /** Red seals found on the page (scans, image files, embedded images); absent when none were found. */
  seals: z.array(SealSchema).optional(),
});
export type Page = z.infer<typeof PageSchema>;

export const FileKindSchema = z.enum(["pdf", "docx", "image", "zip", "doc", "wps", "ofd", "text", "empty", "unknown"]);
export type FileKind = z.infer<typeof FileKindSchema>;

export const SourceFileSchema = z.object({
  /** Display path inside the package, with archive members as `a.zip/dir/file.pdf`. */
  path: z.string(),
  sha256: z.string(),
  bytes: z.number().int().min(0),
  kind: FileKindSchema,
  /** Specific format for images (jpeg, png, tiff, …) or other detail. */
  format: z.string().optional(),
  pages: z.array(PageSchema),
  textSource: z.enum(["text", "ocr", "mixed", "none"]),
  /** "ok" when read; "error" when it could not be read (a finding says why). */
  status: z.enum(["ok", "error"]),
});
export type SourceFile = z.infer<typeof SourceFileSchema>;

export const IngestStatsSchema = z.object({
  ingest_ms: z.number(),
  ocr_pages: z.number().int(),
  ocr_cached: z.number().int(),
});
export type IngestStats = z.infer<typeof IngestStatsSchema>;

export const PackageSchema = z.object({
  name: z.string(),
  files: z.array(SourceFileSchema),
  findings: z.array(FindingSchema),
  stats: IngestStatsSchema,
});
export type Package = z.infer<typeof PackageSchema>;

export function textSourceOf(pages: readonly Page[]): SourceFile["textSource"] {
  const kinds = new Set<string>();
  for (const p of pages) {
    if (p.lines.length === 0) continue;
    if (p.source === "mixed") return "mixed";
    kinds.add(p.source === "docx" ? "text" : p.source);
  }
  kinds.delete("none");
  if (kinds.size === 0) return "none";
  if (kinds.size > 1) return "mixed";
  return [...kinds][0] as "text" | "ocr";
}

/* ---- extract: the `documents` and `fields` parts of the report contract ---- */

export const DOC_TYPES = [
  "application-form",
  "toc",
  "pledge",
  "business-license",
  "institution-certificate",
  "legal-rep-id",
  "tax-certificate",
  "audit-report",
  "rd-audit-report",
  "tax-return-a100000",
  "tax-return-a107012",
  "filing-proof",
  "credit-report",
  "consortium-agreement",
  "evaluation-report",
  "ip-proof",
  "deployment-proof",
  "recommendation-letter",
  "summary-table",
  "other",
] as const;
export const DocTypeSchema = z.enum(DOC_TYPES);
export type DocType = z.infer<typeof DocTypeSchema>;

export const DocumentSchema = z.object({
  id: z.string(),
  type: DocTypeSchema,
  title: z.string(),
  file: z.string(),
  /** 1-based inclusive page span within `file`. */
  pages: z.tuple([z.number().int().min(1), z.number().int().min(1)]),
  confidence: z.number().min(0).max(1),
  classifiedBy: z.enum(["rule", "llm"]),
});
export type Document = z.infer<typeof DocumentSchema>;

export const FieldSchema = z.object({
  /** Dotted, stable key: `applicant.uscc`, `finance.revenue.2024`, … (see DESIGN.md). */
  key: z.string(),
  /** Normalised value: amounts in 万元, dates ISO, counts as numbers, text as text. */
  value: z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]),
  /** As written in the source. */
  raw: z.string(),
  unit: z.string().optional(),
  documentId: z.string(),
  confidence: z.number().min(0).max(1),
  /** `rule:<name>` or `llm:<model>`. */
  extractor: z.string().regex(/^(rule|llm):.+/),
  evidence: z.array(EvidenceSchema).min(1),
});
export type Field = z.infer<typeof FieldSchema>;

export const EvidenceSetSchema = z.object({
  documents: z.array(DocumentSchema),
  fields: z.array(FieldSchema),
});
export type EvidenceSet = z.infer<typeof EvidenceSetSchema>;
