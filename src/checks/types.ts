/**
 * The check stage's interfaces. A rule is a small module (meta + check) that only *judges* what extraction
 * measured; the engine stamps rule id, severity (from the call pack) and category on what it reports.
 */
import type { Category, DocType, Document, Evidence, Field, FileKind, Finding, Package } from "../model.js";
import type { Extraction } from "../extract/extract.js";
import type { Unfilled } from "../extract/form/types.js";
import type { CallId } from "../extract/types.js";

export type Level = "error" | "warning" | "info" | "off";

export interface RuleMeta {
  /** Equals the rule's file name. */
  id: string;
  description: string;
  /** Default category of what the rule reports; a report may name another. */
  category: Category;
  /** messageId → Simplified Chinese with {{placeholders}}; `{{where}}` is filled by the engine from evidence. */
  messages: Record<string, string>;
  /** The notice clause a rule enforces when the rule itself is specific; generic kinds take it from options. */
  clause?: string;
  /**
   * A failure at error level makes the package unacceptable as submitted (「材料不齐者不予受理」), so the
   * verdict is "reject" rather than "fix".
   */
  rejects?: boolean;
}

export interface RuleReport {
  messageId: string;
  data?: Record<string, string | number>;
  evidence?: Evidence[];
  docType?: DocType;
  fieldKeys?: string[];
  expected?: unknown;
  actual?: unknown;
  category?: Category;
  /** Upper bound on severity: the pack's level is lowered to this one (never raised). */
  severity?: "warning" | "info";
  /**
   * What the report rests on: the fields it judged, the unfilled cells, the places read, the documents not found.
   * The engine asks `ctx.certainty` about each: a report at error level with any doubtful basis is lowered to a
   * warning and says 「未能可靠识别，请人工核对」 (severity follows certainty). A rule that judges extracted values
   * names them here; a report without a basis is taken as certain.
   */
  basis?: readonly Basis[];
}

/** A form cell the reader found not filled in (extraction.form.unfilled), with the reader's confidence when it gives one. */
export type UnfilledBasis = Unfilled & { confidence?: number };

/** A place read from the package that carries no value of its own (a 目录 line, a document's first page). */
export interface PlaceBasis {
  place: Evidence;
  /** The reading's own confidence when known; otherwise the OCR confidence of the page decides. */
  confidence?: number;
}

/** A document the notice asks for that was not found (of these types; in files of these kinds, when given). */
export interface AbsenceBasis {
  absent: { name: string; docTypes: readonly DocType[]; fileKinds?: readonly FileKind[]; listedAs?: string };
}

/**
 * A reading the rule found to differ from another by `differsBy` characters (field-equal's mismatch). Misread
 * characters cannot explain a difference larger than the reading's expected share of them, so an OCR'd reading of a
 * document (not a form cell, whose low confidence may mean the wrong cell) doubtful only for its recognition
 * confidence still supports the claim "they differ".
 */
export interface DifferenceBasis {
  field: Field;
  differsBy: number;
}

export type Basis = Field | UnfilledBasis | PlaceBasis | AbsenceBasis | DifferenceBasis;

/**
 * How sure a reading is (src/checks/context.ts states the policy). `reasons` say in Chinese why it is doubtful;
 * `ocr` is set when the reading came, wholly or partly, from OCR (rules pick their OCR wording by it).
 */
export interface Certainty {
  level: "certain" | "doubtful";
  reasons: string[];
  ocr: boolean;
}

export type Outcome =
  | { status: "pass" }
  /** `findings`: findings that are already complete (ingest), reported as they are. */
  | { status: "fail"; reports?: RuleReport[]; findings?: Finding[] }
  | { status: "not-evaluated"; reason: string };

export interface RuleContext {
  pack: CallPack;
  pkg: Package;
  extraction: Extraction;
  documents: Document[];
  /** Every field with this key, in document order. */
  fields(key: string): Field[];
  /** Keys present in the extraction that match a pattern with `*` for one dotted segment. */
  keys(pattern: string): string[];
  documentOf(field: Field): Document | undefined;
  /** True when the field's (or an unfilled cell's) evidence was read by OCR (the same test `certainty` uses). */
  isOcr(field: Pick<Field, "evidence">): boolean;
  /** Whether a reading may be stated as the applicant's fact (src/checks/context.ts: the one definition). */
  certainty(basis: Basis): Certainty;
}

export interface Rule<Options = unknown> {
  meta: RuleMeta;
  check(ctx: RuleContext, options: Options): Outcome;
}

export type RuleEntry = Level | readonly [Level, unknown];

/** Conditions on a required document, read from the application. */
export interface Condition {
  /** 单位性质 (the form's checkbox, else the USCC's registration authority). */
  nature?: readonly string[];
  /** A field that, when filled with something other than 无/否, makes the document required. */
  field?: string;
}

export interface RequiredDocument {
  /** What the notice calls it. */
  name: string;
  /** Any of these document types satisfies the item. */
  docTypes: readonly DocType[];
  /** The notice sentence it comes from. */
  clause: string;
  when?: Condition;
  unless?: Condition;
  /** Words by which a 目录 entry names it (「法定代表人身份证」): a missing document listed there is pointed at. */
  listedAs?: string;
  /** 「如有」「申报单位认为有必要提交的」: listed for completeness, never reported missing. */
  optional?: boolean;
  /** 「近两年」: the years the documents must cover, read from these field keys of the documents. */
  years?: { years: readonly string[]; keys: readonly string[] };
  /** Severity cap: the notice lists it loosely (「包括但不限于」), so absence is a warning. */
  severity?: "warning" | "info";
}

export interface CallPack {
  callId: CallId;
  title: string;
  version: string;
  /** The notice the pack is read from (seed file, issuer and date). */
  source: string;
  /** The submission deadline the notice states for the applicant (date-window's 申报日期 window), if it states one. */
  deadline?: { date: string; clause: string };
  /** 申报材料 in the notice's order. */
  documents: readonly RequiredDocument[];
  rules: Readonly<Record<string, RuleEntry>>;
  /** Batch rules (src/checks/batch/) for this call's packages, with their level and options. */
  batch?: Readonly<Record<string, RuleEntry>>;
}
