/**
 * Builds the RuleContext a rule reads: the extraction with lookups, the package for ingest facts, and the one
 * definition of how sure a reading is.
 *
 * Severity follows certainty (DESIGN.md). A rule may state an error about the applicant only from readings that
 * are certain; the engine lowers an error whose basis is doubtful to a warning that says 「未能可靠识别，请人工核对」.
 * A reading is doubtful when:
 *
 * - Field: its `confidence` is below CERTAIN_CONFIDENCE (the contract with extract: an extractor sets a confidence
 *   below it on anything it doubts — an unclear cell, an OCR line under the threshold, a guessed column), unless the
 *   value verifies itself (a 统一社会信用代码 whose GB 32100 check characters hold cannot be a misreading); or its
 *   value (or raw text) has a shape no value of that cell has: a short text holding another label of the call's form
 *   (「统一社会信用代码单位地址单位性质」 read as 单位名称), a label alone, a phone with more digits in a run than any phone
 *   (「027-8765000113871234567」: two cells joined), nothing but punctuation, a 信用代码 with Chinese characters in it.
 * - Unfilled cell (form.unfilled): the reader's confidence, when given, is below the threshold; the cell is on a page
 *   read by OCR (a handwritten entry or a pencilled tick is not text OCR can be trusted to see); the label was not
 *   found (no place, or a reason the checks do not know); what was written has one of the shapes above; an unticked
 *   choice whose cell holds no option of the form, or words besides its options (a choice written on the line).
 * - Difference (a reading found to differ from another by d characters): as its field, except that an OCR'd reading
 *   of a document (not a form cell) doubtful only for its recognition confidence is certain for the claim that it
 *   differs when d exceeds the characters misreading could account for, ceil(length × (1 − confidence)).
 * - Place (a 目录 line, a document's first page): read by OCR with a confidence below the threshold.
 * - Absent document: something in the package may be it unrecognised — a file that could not be read or yielded
 *   no text, or a document classified 其他 whose file name or opening lines name it or whose scan read poorly.
 *
 * Whether a reading came from OCR is also decided here (one test: the evidence page was read by OCR, or, on a page
 * mixing a text layer with an OCR'd photo, the evidence's own line was).
 */
import { normalizeUscc, parseUscc } from "../extract/fields/uscc.js";
import { FORM_SPECS, type FieldSpec, type FormSpec } from "../extract/form/index.js";
import { normalizeForMatch } from "../extract/normalize/index.js";
import type { Box, Document, Evidence, Field, Line, Package, Page } from "../model.js";
import type { Extraction } from "../extract/extract.js";
import { FORM_EXTRACTOR, isNone } from "./_internal/fields.js";
import { DOC_LABELS, keyLabel } from "./_internal/labels.js";
import type {
  AbsenceBasis,
  Basis,
  CallPack,
  Certainty,
  PlaceBasis,
  RuleContext,
  UnfilledBasis,
} from "./types.js";

/** Readings below this confidence (0..1) are doubtful: the one threshold of the checks. */
export const CERTAIN_CONFIDENCE = 0.9;

/** What a lowered finding says, after its own message. */
export const UNCERTAIN_NOTE = "未能可靠识别，请人工核对";

/** The policy in the words `shenbao explain` and the README use. */
export const CERTAINTY_POLICY = `严重程度与识别可信度：只有依据可靠识别的内容，才会判定为「错误」。所依据的内容识别置信度低于${CERTAIN_CONFIDENCE}（扫描件识别不清、表格单元格边界不清），或读出的内容不像该栏应有的内容（含有申报书另一栏的栏目名、两个电话号码连在一起、只有标点符号），或申报书中未找到该栏、扫描件上的空栏和勾选，或可能就是所缺材料的文件无法读取、未能归类时，该问题降为「警告」，并注明「${UNCERTAIN_NOTE}」及原因。`;

/** The reasons the checks know an unfilled cell by (src/extract/form/types.ts UnfilledReason). */
const KNOWN_UNFILLED = new Set(["blank", "placeholder", "template-instruction", "unchecked", "unreadable"]);

/** A run of digits longer than this is no phone number (mobile 11, area code + local number without a dash 12). */
const MAX_PHONE_RUN = 12;
/** Texts longer than this are narratives, which may name other parts of the form. */
const SHORT_TEXT = 60;
/** Another label counts inside a value from this length on (「单位地址」); shorter ones only when they are the value. */
const MIN_LABEL_INSIDE = 4;

export function createContext(pkg: Package, extraction: Extraction, pack: CallPack): RuleContext {
  const byKey = new Map<string, Field[]>();
  for (const f of extraction.fields) {
    const list = byKey.get(f.key);
    if (list) list.push(f);
    else byKey.set(f.key, [f]);
  }
  const docs = new Map<string, Document>(extraction.documents.map((d) => [d.id, d]));
  const pages = new Map<string, Page>();
  for (const file of pkg.files) for (const page of file.pages) pages.set(`${file.path}#${page.index}`, page);
  const pageOf = (e: Pick<Evidence, "file" | "page">) => pages.get(`${e.file}#${e.page}`);
  const spec = FORM_SPECS[pack.callId] as FormSpec | undefined;
  const labels = spec ? formLabels(spec) : null;

  const isOcr = (x: Pick<Field, "evidence">) => x.evidence.some((e) => evidenceOcr(pageOf(e), e));
  const certainty = (basis: Basis): Certainty => {
    if ("absent" in basis) return absenceCertainty(pkg, extraction.documents, basis);
    if ("place" in basis) return placeCertainty(pageOf(basis.place), basis);
    if ("differsBy" in basis) return differenceCertainty(basis.field, basis.differsBy, isOcr(basis.field), labels);
    if ("reason" in basis && !("value" in basis)) return unfilledCertainty(basis, isOcr(basis), spec, labels);
    return fieldCertainty(basis as Field, isOcr(basis as Field), labels);
  };

  return {
    pack,
    pkg,
    extraction,
    documents: extraction.documents,
    fields: (key) => byKey.get(key) ?? [],
    keys: (pattern) => {
      const re = new RegExp(
        `^${pattern
          .split(".")
          .map((s) => (s === "*" ? "[^.]+" : escape(s)))
          .join("\\.")}$`,
      );
      return [...byKey.keys()].filter((k) => re.test(k)).sort();
    },
    documentOf: (field) => docs.get(field.documentId),
    isOcr,
    certainty,
  };
}

const certain = (ocr: boolean): Certainty => ({ level: "certain", reasons: [], ocr });
const judged = (reasons: string[], ocr: boolean): Certainty =>
  reasons.length ? { level: "doubtful", reasons, ocr } : certain(ocr);
const shown = (c: number) => String(Math.round(c * 100) / 100);

/* ---- fields ---- */

function fieldCertainty(f: Field, ocr: boolean, labels: FormLabels | null): Certainty {
  const { lowConfidence, shape } = fieldDoubts(f, ocr, labels);
  return judged([lowConfidence, shape].filter((r): r is string => r !== null), ocr);
}

function fieldDoubts(f: Field, ocr: boolean, labels: FormLabels | null): { lowConfidence: string | null; shape: string | null } {
  const label = keyLabel(f.key);
  const lowConfidence =
    f.confidence < CERTAIN_CONFIDENCE && !verifies(f)
      ? `「${label}」${ocr ? "扫描件" : ""}识别置信度${shown(f.confidence)}，低于${CERTAIN_CONFIDENCE}`
      : null;
  const texts = new Set<string>();
  if (typeof f.value === "string") texts.add(f.value);
  if (f.raw && f.value !== null && typeof f.value !== "boolean") texts.add(f.raw);
  let shape: string | null = null;
  for (const t of texts) {
    const odd = oddShape(f.key, t, labels);
    if (odd) {
      shape = `「${label}」读出「${clip(t)}」，${odd}`;
      break;
    }
  }
  return { lowConfidence, shape };
}

function differenceCertainty(f: Field, differsBy: number, ocr: boolean, labels: FormLabels | null): Certainty {
  const { lowConfidence, shape } = fieldDoubts(f, ocr, labels);
  const length = [...(Array.isArray(f.value) ? f.value.join("") : String(f.value ?? ""))].length;
  const misreadable = Math.ceil(length * (1 - f.confidence));
  const explained = !(ocr && f.extractor !== FORM_EXTRACTOR && differsBy > misreadable);
  return judged([explained ? lowConfidence : null, shape].filter((r): r is string => r !== null), ocr);
}

/** A value that proves its own reading: a 信用代码 whose check characters hold. */
function verifies(f: Field): boolean {
  return f.key.endsWith(".uscc") && typeof f.value === "string" && parseUscc(f.value).valid;
}

/**
 * Why a text cannot be what the cell holds, or null. `key` decides which shapes apply (phones, codes); labels are
 * the call's form labels (null when the call has no form spec).
 */
export function oddShape(key: string, text: string, labels: FormLabels | null): string | null {
  const t = text.trim();
  if (t === "") return null;
  if (!/[\p{L}\p{N}]/u.test(t) && !isNone(t)) return "只有标点符号，可能取错了单元格";
  if (/phone$|电话/i.test(key)) {
    const longest = Math.max(0, ...(t.match(/\d+/g) ?? []).map((d) => d.length));
    if (longest > MAX_PHONE_RUN) return `连续${longest}位数字，超出任何电话号码的位数，可能是两栏内容连在一起`;
  }
  if (key.endsWith(".uscc") && /\p{Script=Han}/u.test(normalizeUscc(t))) return "含有汉字，不是统一社会信用代码，可能取错了单元格";
  if (!labels) return null;
  const kind = labels.kindOf(key);
  const norm = normalizeForMatch(t);
  if (kind === "longText" || norm.length > SHORT_TEXT) return null;
  // A choice reads as one of its options (or several, joined); anything else in a choice cell is judged as text.
  if (kind === "checkbox" && labels.isChoice(key, norm)) return null;
  const parts = labels.segment(bare(norm));
  if (parts) return `只是申报书的栏目名${parts.map((p) => `「${labels.shown.get(p) ?? p}」`).join("")}，不是填写的内容，可能取错了单元格`;
  const own = labels.ownOf(key);
  const other = labels.all.find(
    (l) =>
      !own.some((o) => o.includes(l)) &&
      (norm === l || (l.length >= MIN_LABEL_INSIDE && norm.includes(l))),
  );
  return other ? `其中含有申报书另一栏的栏目名「${labels.shown.get(other) ?? other}」，可能取错了单元格` : null;
}

/* ---- unfilled cells ---- */

function unfilledCertainty(
  u: UnfilledBasis,
  ocr: boolean,
  spec: FormSpec | undefined,
  labels: FormLabels | null,
): Certainty {
  const reasons: string[] = [];
  if (u.evidence.length === 0 || !KNOWN_UNFILLED.has(u.reason)) reasons.push(`申报书中未能找到「${u.label}」一栏`);
  if (u.confidence !== undefined && u.confidence < CERTAIN_CONFIDENCE) {
    reasons.push(`「${u.label}」一栏的单元格边界不清（置信度${shown(u.confidence)}）`);
  }
  if (ocr) reasons.push(`「${u.label}」所在页为扫描件，手写内容或勾选标记可能未被识别`);
  if (u.written) {
    const odd = oddShape(u.key, u.written, labels);
    if (odd) reasons.push(`「${u.label}」读出「${clip(u.written)}」，${odd}`);
  }
  if (u.reason === "unchecked") {
    const odd = uncheckedOdd(u, spec);
    if (odd) reasons.push(odd);
  }
  return judged(reasons, ocr);
}

const BOX_GLYPHS = /[☐☑☒□■▢▣√✓✔✗✘×〇○●◯◎◇◆]/gu;

/**
 * An unticked choice is certain only when its cell shows the form's options, each once, and nothing else: no option
 * read means the reader did not see the choice at all; an option written twice, options missing from a cell without
 * boxes, or other words may be the choice written on the line or made by deleting the others.
 */
function uncheckedOdd(u: UnfilledBasis, spec: FormSpec | undefined): string | null {
  const fieldSpec = spec?.fields.find((f) => keyMatches(f.key, u.key));
  const options = (fieldSpec?.options ?? [])
    .map((o) => normalizeForMatch(o.replace(/[（(][^（()）]*[)）]\s*$/u, "")))
    .filter((o) => o !== "")
    .sort((a, b) => b.length - a.length);
  if (!fieldSpec || options.length === 0) return null;
  // One piece of evidence per version of the form (Word, PDF): each cell is judged on its own.
  for (const e of u.evidence) {
    const odd = oddChoiceCell(e.quote, u.label, fieldSpec, options);
    if (odd) return odd;
  }
  return null;
}

function oddChoiceCell(quote: string, label: string, fieldSpec: FieldSpec, options: readonly string[]): string | null {
  const boxes = quote.match(BOX_GLYPHS)?.length ?? 0;
  let rest = normalizeForMatch(quote.replace(BOX_GLYPHS, " "));
  for (const printed of [fieldSpec.label, ...(fieldSpec.aliases ?? [])].map((l) => normalizeForMatch(l))) {
    rest = rest.split(printed).join("");
  }
  const counts = options.map((o) => {
    const parts = rest.split(o);
    rest = parts.join("");
    return parts.length - 1;
  });
  const present = counts.filter((n) => n > 0).length;
  if (present === 0) return `未能在「${label}」一栏读出任何选项，无法判断是否已选择`;
  const twice = options.find((_, i) => counts[i]! > 1);
  if (twice) return `「${label}」一栏中「${twice}」出现了两次，可能是写在横线上的选择`;
  if (boxes === 0 && present < options.length) return `「${label}」一栏没有勾选框，只列出部分选项，可能是删去其他选项表示的选择`;
  // Template words around the options: （可多选）, （请注明）, blanks for a note, numbering.
  rest = rest
    .replace(/[（(][^（()）]*[)）]/gu, "")
    .replace(/请注明|可多选|单选|多选|名称|模型/gu, "")
    .replace(/[\s\p{P}\p{S}\d_]/gu, "");
  return rest.length >= 2 ? `「${label}」一栏有选项以外的文字「${clip(rest)}」，可能是写在横线上的选择` : null;
}

/* ---- places ---- */

function placeCertainty(page: Page | undefined, basis: PlaceBasis): Certainty {
  const ocr = evidenceOcr(page, basis.place);
  const confidence = basis.confidence ?? (ocr && page ? ocrConfidence(page, basis.place) : 1);
  if (confidence >= CERTAIN_CONFIDENCE) return certain(ocr);
  const where = `「${basis.place.file}」第${basis.place.page}页`;
  return judged([`${where}${ocr ? "为扫描件，" : ""}识别置信度${shown(confidence)}，低于${CERTAIN_CONFIDENCE}`], ocr);
}

/** The OCR confidence of the evidence's line (by box or quote), else of the page or the photo it is on. */
function ocrConfidence(page: Page, e: Evidence): number {
  const line = ownLine(page, e);
  if (line && line.source === "ocr") return line.confidence;
  const images = page.images.flatMap((i) => (i.ocr ? [i.ocr.confidence] : []));
  return page.ocr?.confidence ?? (images.length ? Math.min(...images) : 1);
}

/* ---- absent documents ---- */

function absenceCertainty(pkg: Package, documents: readonly Document[], basis: AbsenceBasis): Certainty {
  const { name, docTypes, fileKinds, listedAs } = basis.absent;
  const words = [name, listedAs, ...docTypes.map((t) => DOC_LABELS[t])]
    .filter((w): w is string => !!w)
    .map((w) => normalizeForMatch(w.replace(/[（(][^（()）]*[)）]/gu, "").replace(/复印件|扫描件|副本/gu, "")))
    .filter((w) => w.length >= 2);
  // 申报书 files are often the whole bound package: their name rules nothing out.
  const others = Object.entries(DOC_LABELS)
    .filter(([t]) => t !== "other" && t !== "application-form" && !docTypes.includes(t as never))
    .map(([, l]) => normalizeForMatch(l.replace(/[（(][^（()）]*[)）]/gu, "")));
  const names = (text: string) => words.some((w) => normalizeForMatch(text).includes(w));
  const namesOther = (text: string) => others.some((w) => normalizeForMatch(text).includes(w));
  const reasons: string[] = [];
  for (const file of pkg.files) {
    if (fileKinds && !fileKinds.includes(file.kind) && file.kind !== "unknown") continue;
    const unread = file.status === "error" || (file.kind !== "zip" && file.pages.length > 0 && file.textSource === "none");
    if (!unread) continue;
    const base = file.path.split("/").at(-1) ?? file.path;
    // A file named for another document is not this one.
    if (!names(base) && namesOther(base)) continue;
    reasons.push(`材料中的「${base}」无法读取或未读出文字，可能就是「${name}」`);
  }
  for (const d of documents) {
    if (d.type !== "other") continue;
    const file = pkg.files.find((f) => f.path === d.file);
    if (fileKinds && file && !fileKinds.includes(file.kind)) continue;
    const page = file?.pages.find((p) => p.index === d.pages[0]);
    const opening = [d.title, ...(page?.lines.slice(0, 5).map((l) => l.text) ?? [])].join(" ");
    const base = d.file.split("/").at(-1) ?? d.file;
    const poorScan = page?.source === "ocr" && (page.ocr?.confidence ?? 1) < CERTAIN_CONFIDENCE;
    if (names(base) || names(opening) || poorScan) {
      reasons.push(`「${base}」第${d.pages[0]}页未能识别是什么材料，可能就是「${name}」`);
    }
  }
  return judged(reasons, false);
}

/* ---- OCR: the one test ---- */

/**
 * Whether one piece of evidence was read by OCR: its page was (a scan, an image file); or its page mixes a text
 * layer with an OCR'd photo and the evidence's own line is an OCR line (by box, else by quote; a quote found in
 * neither kind of line counts as OCR, to be safe).
 */
function evidenceOcr(page: Page | undefined, e: Pick<Evidence, "quote" | "box">): boolean {
  if (!page) return false;
  if (page.source === "ocr") return true;
  if (!page.lines.some((l) => l.source === "ocr")) return false;
  const line = ownLine(page, e);
  return line ? line.source === "ocr" : true;
}

/** The line the evidence quotes: the one its box overlaps most, else one whose text holds the quote or is held by it. */
function ownLine(page: Page, e: Pick<Evidence, "quote" | "box">): Line | undefined {
  if (e.box) {
    let best: { line: Line; area: number } | undefined;
    for (const line of page.lines) {
      const area = line.box ? overlap(line.box, e.box) : 0;
      if (area > 0 && (!best || area > best.area)) best = { line, area };
    }
    if (best) return best.line;
  }
  const q = normalizeForMatch(e.quote);
  if (q === "") return undefined;
  const head = q.slice(0, 12);
  return (
    page.lines.find((l) => normalizeForMatch(l.text).includes(head)) ??
    page.lines.find((l) => {
      const t = normalizeForMatch(l.text);
      return t.length >= 2 && q.includes(t);
    })
  );
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/* ---- the call's form labels ---- */

const bare = (s: string) => s.replace(/[\p{P}\p{S}\s]/gu, "");

export interface FormLabels {
  /** Every label of the form (fields, cover, sections, column headers), normalised, core variants included. */
  all: readonly string[];
  /** Normalised label → as printed. */
  shown: ReadonlyMap<string, string>;
  /** The normalised labels a key is read under. */
  ownOf(key: string): string[];
  kindOf(key: string): FieldSpec["kind"] | undefined;
  /** The normalised text is one or more of the key's options (a checkbox choice as the reader writes it). */
  isChoice(key: string, norm: string): boolean;
  /** The text split into labels of the form, when it is nothing but labels (punctuation taken out); else null. */
  segment(text: string): string[] | null;
}

const labelCache = new WeakMap<FormSpec, FormLabels>();

function formLabels(spec: FormSpec): FormLabels {
  const cached = labelCache.get(spec);
  if (cached) return cached;
  const shown = new Map<string, string>();
  const variants = (label: string): string[] => {
    const core = label.replace(/[（(][^（()）]*[)）]\s*$/u, "").trim();
    const out = [label, ...(core !== label ? [core] : [])]
      .map((l) => normalizeForMatch(l).replace(/[:：]+$/u, ""))
      .filter((l) => l.length >= 2 && !/^\d+$/.test(l) && !/^(?:19|20)\d{2}年?$/.test(l));
    for (const v of out) if (!shown.has(v)) shown.set(v, label);
    return out;
  };
  const owners: Array<{ key: string; labels: string[]; kind: FieldSpec["kind"]; options?: string[] }> = [];
  for (const f of spec.fields) {
    const labels = [f.label, ...(f.aliases ?? [])].flatMap(variants);
    const options = (f.options ?? []).map((o) => bare(normalizeForMatch(o.replace(/[（(][^（()）]*[)）]\s*$/u, ""))));
    owners.push({ key: f.key, labels, kind: f.kind, options });
    for (const d of f.derive ?? []) owners.push({ key: d.key, labels, kind: d.kind });
    if (f.latestAs) owners.push({ key: f.latestAs, labels, kind: f.kind });
  }
  for (const c of spec.cover) owners.push({ key: c.key, labels: variants(c.label), kind: c.kind });
  for (const s of spec.sections) owners.push({ key: s.key, labels: variants(s.label), kind: "longText" });
  const all = new Set(owners.flatMap((o) => o.labels));
  for (const s of spec.structural) for (const v of variants(s)) all.add(v);
  const find = (key: string) => owners.filter((o) => keyMatches(o.key, key));
  const pieces = [...new Set([...all].map(bare).filter((l) => l.length >= 2))];
  const labels: FormLabels = {
    all: [...all].sort((a, b) => b.length - a.length),
    shown,
    ownOf: (key) => {
      const own = find(key).flatMap((o) => o.labels);
      return own.length ? own : [normalizeForMatch(keyLabel(key).replace(/[（(][^（()）]*[)）]\s*$/u, ""))];
    },
    kindOf: (key) => find(key)[0]?.kind,
    isChoice: (key, norm) => {
      const options = find(key).flatMap((o) => o.options ?? []);
      const rest = options.sort((a, b) => b.length - a.length).reduce((r, o) => r.split(o).join(""), bare(norm));
      return options.length > 0 && rest.length < bare(norm).length && bare(rest).replace(/[a-z\d]/giu, "").length <= 1;
    },
    segment: (text) => segmentInto(text, pieces),
  };
  labelCache.set(spec, labels);
  return labels;
}

/** `text` as a sequence of `pieces` (longest first at each step, backtracking), or null. */
function segmentInto(text: string, pieces: readonly string[]): string[] | null {
  if (text.length < 2) return null;
  const memo = new Map<number, string[] | null>();
  const from = (i: number): string[] | null => {
    if (i === text.length) return [];
    if (memo.has(i)) return memo.get(i)!;
    let out: string[] | null = null;
    for (const p of pieces) {
      if (!text.startsWith(p, i)) continue;
      const rest = from(i + p.length);
      if (rest) {
        out = [p, ...rest];
        break;
      }
    }
    memo.set(i, out);
    return out;
  };
  return from(0);
}

/** A spec key (`finance.revenue.{year}`, `compute.rented.{col}.provider`) against a field key. */
function keyMatches(specKey: string, key: string): boolean {
  if (!specKey.includes("{")) return specKey === key;
  const re = new RegExp(
    `^${specKey
      .split(/(\{year\}|\{col\})/)
      .map((p) => (p === "{year}" ? "(?:19|20)\\d{2}" : p === "{col}" ? "[^.]+" : escape(p)))
      .join("")}$`,
  );
  return re.test(key);
}

function clip(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 30 ? `${t.slice(0, 30)}…` : t;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
