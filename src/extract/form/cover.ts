/**
 * Cover lines: 「申报单位　武汉云帆智算科技有限公司（加盖公章）」. Word gives one line per cover entry; a PDF
 * export splits label and value into runs side by side, so positioned pages are read as cells (./layout.ts).
 */
import type { Line } from "../../model.js";
import { normalizeForMatch } from "../normalize/index.js";
import type { PageRef } from "../types.js";
import { evidenceOf, textField, type FlowLine } from "./flow.js";
import { labelVariants, matchLabel } from "./label.js";
import { positionedSpace } from "./layout.js";
import { stripTemplate } from "./unfilled.js";
import { parseValue } from "./values.js";
import type { FormParse, FormSpec } from "./types.js";

const SEAL_PROMPT = /[（(]\s*(?:加盖公章|盖章|签章)\s*[)）]/gu;

interface Unit {
  text: string;
  lines: Line[];
  right(): Unit | undefined;
}

function unitsOf(ref: PageRef): Unit[] {
  if (ref.page.unit === "none" || !ref.page.lines.some((l) => l.box)) {
    // Word: the paragraphs before the first table (a form without a page break after its cover).
    const end = Math.min(...ref.page.tables.map((t) => t.lineIndex), ref.page.lines.length);
    return ref.page.lines.slice(0, end).filter((l) => !l.cell).map((l) => ({ text: l.text, lines: [l], right: () => undefined }));
  }
  const space = positionedSpace(ref);
  const units = new Map(space.cells.map((c) => [c, { text: c.text, lines: c.lines, right: () => undefined as Unit | undefined }]));
  for (const [c, u] of units) {
    const r = space.right(c);
    u.right = () => (r ? units.get(r) : undefined);
  }
  return [...units.values()];
}

export function readCover(ref: PageRef, spec: FormSpec, documentId: string, out: FormParse): void {
  const units = unitsOf(ref);
  const variants = spec.cover.map((c) => labelVariants(c.label));
  const fuzzy = ref.page.source === "ocr";
  const isCoverLabel = (u: Unit) => variants.some((v) => matchLabel(u.text, v, fuzzy));
  spec.cover.forEach((c, i) => {
    const at = units.find((u) => matchLabel(u.text, variants[i]!, fuzzy));
    if (!at) return;
    const m = matchLabel(at.text, variants[i]!, fuzzy)!;
    const right = m.kind === "exact" ? at.right() : undefined;
    const valueUnit = right && !isCoverLabel(right) ? right : at;
    const written = valueUnit === at ? m.rest : valueUnit.text;
    const flow: FlowLine[] = valueUnit.lines.map((line) => ({ line, ref }));
    const evidence = evidenceOf(flow).map((e) => ({ ...e, quote: written.trim().slice(0, 100) || at.text }));
    const stripped = stripTemplate(written.replace(SEAL_PROMPT, ""), undefined, false);
    if (stripped.reason || normalizeForMatch(stripped.text) === "") {
      out.unfilled.push({ key: c.key, label: c.label, reason: stripped.reason ?? "blank", evidence });
      return;
    }
    const parsed = parseValue(c.kind, stripped.text);
    out.fields.push({ ...textField(c.key, parsed?.value ?? stripped.text, documentId, flow, evidence), raw: stripped.text });
  });
}
