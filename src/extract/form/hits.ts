/**
 * Which cell carries which label: every cell is matched against every label of the spec; the best match wins, and
 * a label printed twice (电话, 职务, 联系电话) is told apart by the label in its row or by whether it heads a row of
 * labels (value below) or not.
 */
import type { CellSpace, FormCell } from "./cells.js";
import { labelVariants, matchLabel, type LabelMatch } from "./label.js";
import type { FieldSpec, FormSpec } from "./types.js";

export interface Hit {
  spec: FieldSpec;
  cell: FormCell;
  space: CellSpace;
  match: LabelMatch;
}

export interface Labelled {
  /** First hit per spec, in spec order. */
  hits: Map<FieldSpec, Hit>;
  /** Cells that hold a label and nothing else. */
  isLabel(c: FormCell): boolean;
  /** Cells that start with a label, alone or followed by its value (「员工总数 203人」): never another label's value. */
  carriesLabel(c: FormCell): boolean;
}

export const isFuzzy = (c: FormCell) => c.ref.page.source === "ocr" || c.confidence < 1;

export function findHits(spaces: readonly CellSpace[], spec: FormSpec): Labelled {
  const variants = new Map(spec.fields.map((f) => [f, labelVariants(f.label, f.aliases)]));
  const otherLabels = [...spec.structural, ...spec.sections.map((s) => s.label)]
    .filter((s) => !/^\d+$/.test(s))
    .map((s) => labelVariants(s));
  const labelCells = new Set<FormCell>();
  const carrying = new Set<FormCell>();
  const candidates = new Map<FormCell, { spec: FieldSpec; match: LabelMatch }[]>();

  for (const space of spaces) {
    for (const cell of space.cells) {
      const fuzzy = isFuzzy(cell);
      let best: { spec: FieldSpec; match: LabelMatch }[] = [];
      for (const f of spec.fields) {
        const m = matchLabel(cell.text, variants.get(f)!, fuzzy);
        if (!m) continue;
        const cmp = best[0] ? compare(m, best[0].match) : -1;
        if (cmp < 0) best = [{ spec: f, match: m }];
        else if (cmp === 0) best.push({ spec: f, match: m });
      }
      if (best[0]) {
        candidates.set(cell, best);
        carrying.add(cell);
      }
      if (best[0]?.match.kind === "exact" || otherLabels.some((v) => matchLabel(cell.text, v, fuzzy)?.kind === "exact")) {
        labelCells.add(cell);
      }
    }
  }
  const isLabel = (c: FormCell) => labelCells.has(c);

  const all: Hit[] = [];
  for (const space of spaces) {
    for (const cell of space.cells) {
      const cands = candidates.get(cell);
      const chosen = cands && choose(cands, cell, space, isLabel);
      if (chosen) all.push({ ...chosen, cell, space });
    }
  }
  // A label met twice (模型名称 on the cover and in the table): the cell that is only the label beats a
  // 「label value」 line, then the space holding more of the form's labels (the table, not the cover) wins.
  const density = new Map<CellSpace, number>();
  for (const h of all) density.set(h.space, (density.get(h.space) ?? 0) + 1);
  const rank = (h: Hit) => (h.match.kind === "exact" ? 1e6 : 0) + density.get(h.space)!;
  const hits = new Map<FieldSpec, Hit>();
  for (const h of all) {
    const prev = hits.get(h.spec);
    if (!prev || rank(h) > rank(prev)) hits.set(h.spec, h);
  }
  return { hits, isLabel, carriesLabel: (c) => carrying.has(c) || labelCells.has(c) };
}

/** Negative when `a` is the better match. */
function compare(a: LabelMatch, b: LabelMatch): number {
  if (a.errors !== b.errors) return a.errors - b.errors;
  if (a.kind !== b.kind) return a.kind === "exact" ? -1 : 1;
  return b.length - a.length;
}

function choose(
  cands: { spec: FieldSpec; match: LabelMatch }[],
  cell: FormCell,
  space: CellSpace,
  isLabel: (c: FormCell) => boolean,
): { spec: FieldSpec; match: LabelMatch } | undefined {
  if (cands.length === 1) return cands[0];
  const inRow = (label: string) => {
    const keys = labelVariants(label);
    return space.cells.some((o) => o !== cell && space.sameRow(o, cell) && matchLabel(o.text, keys, isFuzzy(o)) !== null);
  };
  const inColumn = (label: string) => {
    const keys = labelVariants(label);
    return space.above(cell).some((o) => matchLabel(o.text, keys, isFuzzy(o))?.kind === "exact");
  };
  const withRow = cands.filter(
    (c) => (c.spec.row !== undefined && inRow(c.spec.row)) || (c.spec.column !== undefined && inColumn(c.spec.column)),
  );
  if (withRow.length === 1) return withRow[0];
  const right = space.right(cell);
  const heads = cands[0]!.match.kind === "exact" && (!right || isLabel(right));
  const byGeometry = cands.filter((c) => (c.spec.at === "below") === heads);
  if (byGeometry.length >= 1) return byGeometry[0];
  return cands.find((c) => c.spec.row === undefined) ?? cands[0];
}
