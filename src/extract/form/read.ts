/** Table labels → value cells → fields, checkbox groups, long-text sections and unfilled cells. */
import type { Box, Evidence, Field, Line } from "../../model.js";
import { findUsccs } from "../fields/uscc-field.js";
import { countChars } from "../normalize/index.js";
import type { CellSpace, FormCell } from "./cells.js";
import { markedTexts, readCheckboxes } from "./checkbox.js";
import { findHits, isFuzzy, type Hit, type Labelled } from "./hits.js";
import { headerYear, labelVariants, matchLabel } from "./label.js";
import { stripTemplate } from "./unfilled.js";
import { parseValue } from "./values.js";
import type { FieldSpec, FormParse, FormSpec } from "./types.js";

/** Where a value was read: the cell and its text as written (the rest of the label cell for 「电话 027-…」). */
interface ValueAt {
  cell: FormCell;
  text: string;
  key: string;
  /** The rest of the value in the next page's table, when a page break split its row. */
  more?: FormCell;
}

export function readTables(spaces: readonly CellSpace[], spec: FormSpec, documentId: string): FormParse {
  const out: FormParse = { fields: [], unfilled: [], sections: [], checkboxGroups: [] };
  const labelled = findHits(spaces, spec);
  const { hits } = labelled;
  for (const f of spec.fields) {
    const hit = hits.get(f) ?? (f.kind === "uscc" ? usccByShape(f, spaces) : undefined);
    if (!hit || f.group) continue;
    if (f.at === "rows") {
      readRows(hit, documentId, out);
      continue;
    }
    const values = f.at === "matrix" ? matrixValues(hit, labelled.carriesLabel) : [readOn(hit, singleValue(hit, labelled))];
    for (const v of values) readValue(f, hit, v, documentId, out);
    if (f.latestAs) {
      const years = values.map((v) => v.key).sort();
      const latest = out.fields.find((x) => x.key === years.at(-1));
      if (latest) out.fields.push({ ...latest, key: f.latestAs });
    }
  }
  return out;
}

/** 统一社会信用代码 has a shape of its own: when OCR garbled the label, the code alone is enough. */
const USCC_SHAPE = /(?<![0-9A-Z])[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}(?![0-9A-Z])/u;

function usccByShape(f: FieldSpec, spaces: readonly CellSpace[]): Hit | undefined {
  for (const space of spaces) {
    for (const cell of space.cells) {
      const m = USCC_SHAPE.exec(cell.text.replace(/\s+/g, ""));
      if (m) return { spec: f, cell, space, match: { kind: "prefix", rest: m[0], errors: 0, length: 0 } };
    }
  }
  return undefined;
}

function withYear(key: string, year: string | undefined): string {
  return year ? key.replace("{year}", year) : key;
}

function singleValue(hit: Hit, { isLabel, carriesLabel }: Labelled): ValueAt {
  const key = withYear(hit.spec.key, hit.match.year);
  const { space, cell } = hit;
  const right = space.right(cell);
  if (hit.match.kind === "prefix") {
    // OCR reads the label with the option beside it (「基础大模型来源口自研」) and the other options apart.
    const more = hit.spec.kind === "checkbox" && isFuzzy(cell) && right && !carriesLabel(right);
    return more ? { cell: right, text: `${right.text} ${hit.match.rest}`, key } : { cell, text: hit.match.rest, key };
  }
  if (right && !carriesLabel(right)) return { cell: right, text: right.text, key };
  // Prose may open with another label's words (「2025年度模型研发成本共计…」 beside 「…成本组成」): beside a
  // long-text label, anything but a bare label is its value.
  if (right && hit.spec.kind === "longText" && !isLabel(right)) return { cell: right, text: right.text, key };
  // A header row (「姓名 | 职务职称 | 联系电话 | 邮箱」) has its values in the next row; a label followed by
  // 「label value」 cells (「员工总数 | 研发人员数量 121人」) is simply blank. So is a label in a row that holds
  // values (「申报人姓名 | 刘晓彤 | 职务 | 项目申报主管 | 电话」): its value belonged beside it, not in the next row.
  const rowmates = space.cells.filter((o) => o !== cell && space.sameRow(o, cell));
  const heads = (right ? isLabel(right) : rowmates.some(isLabel)) && rowmates.every(carriesLabel);
  const below = space.below(cell);
  if ((hit.spec.at === "below" || heads) && below && !carriesLabel(below))
    return { cell: below, text: below.text, key };
  return { cell, text: "", key };
}

/** A value cell whose row the page break split goes on in the next page's table (see linkPageBreaks). */
function readOn(hit: Hit, v: ValueAt): ValueAt {
  if (v.cell === hit.cell) return v;
  const next = hit.space.continuation?.(v.cell);
  return next ? { ...v, text: `${v.text}${next.text}`, more: next } : v;
}

/** The sequence number of a numbered row: 「1」「2.」「3、」. */
const ROW_NUMBER = /^\s*(\d{1,2})\s*[.、．]?\s*$/u;

interface NumberedRow {
  number: number;
  cell: FormCell;
  /** The number's own line: a PDF's rows set closer than a line pitch run together into one cell of lines. */
  line: Line | undefined;
}

/** A cell of row numbers only (「1」, or 「4 5 6」 run together), one row per line. */
function numberedRows(cell: FormCell): NumberedRow[] {
  const lines = cell.lines.length > 0 ? cell.lines : [undefined];
  const rows = lines.map((line) => ({ number: Number(ROW_NUMBER.exec(line?.text ?? cell.text)?.[1]), cell, line }));
  return rows.every((r) => !Number.isNaN(r.number)) ? rows : [];
}

/**
 * A label beside numbered rows (spec `at: "rows"`): from the number cell beside the label (a merged label cell
 * is beside one of them), up and down the column while the numbers run on; each row's entry is to the right of
 * its number (on a positioned page, the lines from its number's height down to the next number's).
 */
function readRows(hit: Hit, documentId: string, out: FormParse): void {
  const { space, spec } = hit;
  const first = space.right(hit.cell);
  const rows = first ? numberedRows(first) : [];
  if (!first || rows.length === 0) return;
  for (const c of space.above(first)) {
    const more = numberedRows(c);
    if (more.at(-1)?.number !== rows[0]!.number - 1) break;
    rows.unshift(...more);
  }
  for (let c = space.below(first); c; c = space.below(c)) {
    const more = numberedRows(c);
    if (more[0]?.number !== rows.at(-1)!.number + 1) break;
    rows.push(...more);
  }
  const entries = rows.flatMap((row) => {
    const cell = space.right(row.cell);
    if (!cell) return [];
    const lines = row.line?.box ? cell.lines.filter((l) => l.box && rowOf(rows, l.box) === row) : cell.lines;
    const written = row.line?.box ? lines.map((l) => l.text.trim()).join("") : cell.text;
    const stripped = stripTemplate(written, undefined, isFuzzy(cell));
    if (stripped.reason || stripped.text === "") return [];
    const boxes = lines.flatMap((l) => (l.box ? [l.box] : []));
    return [{ cell, text: stripped.text, box: boxes.length ? union(boxes) : cell.box }];
  });
  const value = entries.length ? entries.map((e) => e.text).join("、") : "无";
  const place = (cell: FormCell, quote: string, box: Box | undefined): Evidence => ({
    ...evidenceOf(cell, quote),
    ...(box ? { box } : {}),
  });
  out.fields.push({
    key: spec.key,
    value,
    raw: entries.length ? value : rows.map((r) => space.right(r.cell)?.text ?? "").join(" "),
    documentId,
    confidence: Math.min(hit.cell.confidence, ...entries.map((e) => e.cell.confidence)),
    extractor: "rule:form",
    evidence: entries.length ? entries.map((e) => place(e.cell, e.text, e.box)) : [evidenceOf(first, first.text)],
  });
}

/** The row a line to the right of the numbers belongs to: the last number at or above it. */
function rowOf(rows: readonly NumberedRow[], box: Box): NumberedRow | undefined {
  return rows.filter((r) => r.line?.box && r.line.box.y <= box.y + box.h / 2).at(-1);
}

function union(boxes: readonly Box[]): Box {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const w = Math.max(...boxes.map((b) => b.x + b.w)) - x;
  const h = Math.max(...boxes.map((b) => b.y + b.h)) - y;
  return { x, y, w, h };
}

/** 「营业收入（万元） | 9826.37 | 12483.16」 under 「经营指标 | 2023年 | 2024年」: one value per year column. */
function matrixValues(hit: Hit, isLabel: (c: FormCell) => boolean): ValueAt[] {
  const { space, cell } = hit;
  if (hit.match.kind === "prefix") return inlineRow(hit);
  const out: ValueAt[] = [];
  const seen = new Set<FormCell>();
  for (let v = space.right(cell); v && !isLabel(v) && !seen.has(v); v = space.right(v)) {
    seen.add(v);
    const heads = [...space.above(v), ...(space.carriedAbove?.(v) ?? [])];
    const year = heads.map((h) => headerYear(h.text)).find((y) => y !== undefined);
    const col = columnId(hit.spec, heads);
    if (col) out.push({ cell: v, text: v.text, key: hit.spec.key.replace("{col}", col) });
    else if (year) out.push({ cell: v, text: v.text, key: withYear(hit.spec.key, year) });
  }
  return out;
}

/**
 * OCR may read a whole matrix row as one line (「营业收入（万元） 9826.37 12483.16」): its values pair with the
 * years of the nearest header line above, in order.
 */
function inlineRow(hit: Hit): ValueAt[] {
  const values = hit.match.rest.split(/\s+/).filter((v) => v !== "");
  const yearsIn = (c: FormCell) => [...c.text.matchAll(/(20\d\d)\s*年/g)].map((m) => m[1]!);
  const above = hit.space.above(hit.cell);
  for (const head of above) {
    if (yearsIn(head).length === 0) continue;
    // The header row may be one line or one cell per year (OCR split at the column gaps).
    const row = above.filter((c) => hit.space.sameRow(c, head)).sort((a, b) => (a.box?.x ?? 0) - (b.box?.x ?? 0));
    const years = row.flatMap(yearsIn);
    if (years.length !== values.length) return [];
    return years.map((y, i) => ({ cell: hit.cell, text: values[i]!, key: withYear(hit.spec.key, y) }));
  }
  return [];
}

function columnId(spec: FieldSpec, heads: FormCell[]): string | undefined {
  for (const [header, id] of Object.entries(spec.columns ?? {})) {
    const keys = labelVariants(header);
    if (heads.some((h) => matchLabel(h.text, keys, isFuzzy(h))?.kind === "exact")) return id;
  }
  return undefined;
}

export function evidenceOf(cell: FormCell, quote: string): Evidence {
  return {
    file: cell.ref.file.path,
    page: cell.ref.page.index,
    quote: quote.length > 200 ? quote.slice(0, 100) : quote,
    ...(cell.box ? { box: cell.box } : {}),
  };
}

/** Below the checks' certainty threshold: the cell's bounds were guessed from positions, not drawn. */
const POSITIONED_CONFIDENCE = 0.85;
function readValue(f: FieldSpec, hit: Hit, v: ValueAt, documentId: string, out: FormParse): void {
  const fuzzy = isFuzzy(v.cell);
  // A value split by a page break is quoted where each part stands.
  const placesOf = (quote: string): Evidence[] =>
    v.more ? [evidenceOf(v.cell, v.cell.text), evidenceOf(v.more, v.more.text)] : [evidenceOf(v.cell, quote)];
  const evidence = placesOf(v.text || hit.cell.text);
  // How sure the reader is of the place: a guessed cell, an OCR'd line (what an unfilled cell is judged on).
  const placed = Math.min(v.cell.confidence, hit.cell.confidence, v.cell.placement === "position" ? POSITIONED_CONFIDENCE : 1);
  const doubt = placed < 1 ? { confidence: placed } : {};
  const field = (key: string, value: Field["value"], raw: string, unit?: string): Field => ({
    key,
    value,
    raw,
    ...(unit ? { unit } : {}),
    documentId,
    // A value that holds another label of the form is judged where the checks get their evidence (checks/context.ts).
    confidence: placed,
    extractor: "rule:form",
    evidence: placesOf(raw),
  });

  if (f.kind === "checkbox") {
    const docxBoxes = v.cell === hit.cell ? undefined : v.cell.checkboxes;
    const group = readCheckboxes(v.text, f.options ?? [], docxBoxes, fuzzy, markedTexts(v.cell.lines));
    out.checkboxGroups.push({ key: v.key, label: f.label, ...group, evidence });
    if (group.chosen.length === 0) {
      // Marked, but not so that a choice can be read (two options crossed, an answer that is not an option).
      const written = group.doubtful ? { written: v.text, kind: f.kind } : {};
      out.unfilled.push({ key: v.key, label: f.label, reason: group.doubtful ? "unreadable" : "unchecked", evidence, ...written, ...doubt });
      return;
    }
    const needsNote = group.options.find((o) => o.checked && /其他|其它/.test(o.label) && !o.note);
    if (needsNote) out.unfilled.push({ key: v.key, label: f.label, reason: "placeholder", evidence, ...doubt });
    out.fields.push(field(v.key, group.chosen.length === 1 ? group.chosen[0]! : group.chosen, v.text));
    derive(f, hit, markChosen(v.text, group.chosen, fuzzy), field, out);
    return;
  }

  const stripped = stripTemplate(v.text, f.instruction, fuzzy);
  if (stripped.reason) {
    out.unfilled.push({ key: v.key, label: f.label, reason: stripped.reason, evidence, ...doubt });
    return;
  }
  // An OCR'd code is repaired like the licence's (an inserted or confused character, when both check digits agree).
  const repaired =
    f.kind === "uscc" && fuzzy ? findUsccs(stripped.text, { ocr: true }).find((u) => u.valid) : undefined;
  const parsed = repaired ? { value: repaired.code } : parseValue(f.kind, stripped.text);
  out.fields.push(field(v.key, parsed?.value ?? null, stripped.text, parsed?.unit));
  // Written but not a value of its kind (「2018年13月」 for a date, 「待定」 for an amount): not filled in properly.
  if (!parsed) {
    const written = stripped.text;
    out.unfilled.push({ key: v.key, label: f.label, reason: "unreadable", evidence, written, kind: f.kind, ...doubt });
  }
  if (f.kind === "longText") {
    out.sections.push({
      key: v.key,
      label: f.label,
      text: stripped.text,
      charCount: countChars(stripped.text),
      ...(f.maxChars ? { maxChars: f.maxChars } : {}),
      evidence: placesOf(stripped.text),
    });
  }
  derive(f, hit, stripped.text, field, out);
}

/**
 * The options the checkbox reader took as chosen get a ☑ in place of whatever marked them — OCR's stand-ins for a
 * ticked box (四开源, 团垂直领域), 「[x]」「(√)」, an empty box beside a bold or written choice — or before them when
 * nothing did, so derive patterns written for ☑ find their notes (「☑开源（模型名称：…）」) however the choice was made.
 */
function markChosen(text: string, chosen: readonly string[], ocr: boolean): string {
  const mark = ocr
    ? "[^\\s☑☐□■口]"
    : "(?:\\[[^\\]]{0,2}\\]|[（(][^）)]{0,2}[)）]|[☐☑□■口√✓✔▇█◼▣●☒⊠⌧])";
  return chosen.reduce((t, name) => {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const marked = new RegExp(`${mark}(?=\\s*${escaped})`, "u");
    if (marked.test(t)) return t.replace(marked, "☑");
    return t.replace(new RegExp(escaped, "u"), (m) => `☑${m}`);
  }, text);
}

type MakeField = (key: string, value: Field["value"], raw: string, unit?: string) => Field;

function derive(f: FieldSpec, hit: Hit, text: string, field: MakeField, out: FormParse): void {
  for (const d of f.derive ?? []) {
    const raw = d.pattern.exec(text)?.[1]?.trim();
    if (!raw) continue;
    const p = parseValue(d.kind, raw);
    if (p) out.fields.push(field(withYear(d.key, hit.match.year), p.value, raw, p.unit));
  }
}
