/**
 * Cover lines: 「申报单位　武汉云帆智算科技有限公司（加盖公章）」. Word gives one line per cover entry; a PDF
 * export splits label and value into runs side by side, so positioned pages are read as cells (./layout.ts).
 */
import type { Line } from "../../model.js";
import { normalizeForMatch } from "../normalize/index.js";
import { markedTexts, optionName, readCheckboxes } from "./checkbox.js";
import type { PageRef } from "../types.js";
import { evidenceOf, textField, type FlowLine } from "./flow.js";
import { labelVariants, matchLabel } from "./label.js";
import { positionedSpace } from "./layout.js";
import { stripTemplate } from "./unfilled.js";
import { parseValue } from "./values.js";
import type { CoverSpec, FormParse, FormSpec, Unfilled } from "./types.js";

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
    // A PDF cover line that wraps puts its tail under the label (「申报单位 | 武汉…有限公司（加盖公」 + 「章）」, 「模型类别 |
    // 多模态大模型 (…/任务型」 + 「模型)」): the label's own first line is the label, and the value beside it goes on there.
    const tailUnder =
      m.kind === "prefix" && m.rest.trim() !== "" && at.lines.length > 1 && matchLabel(at.lines[0]!.text, variants[i]!, fuzzy)?.kind === "exact";
    const beside = tailUnder ? at.right() : undefined;
    const wrapped = beside && !isCoverLabel(beside) ? beside : undefined;
    const valueUnit = wrapped ?? (right && !isCoverLabel(right) ? right : at);
    const written = wrapped ? `${wrapped.text}${m.rest}` : valueUnit === at ? m.rest : valueUnit.text;
    const valueLines = wrapped ? [...wrapped.lines, ...at.lines.slice(1)] : valueUnit.lines;
    const flow: FlowLine[] = valueLines.map((line) => ({ line, ref }));
    const evidence = evidenceOf(flow).map((e) => ({ ...e, quote: written.trim().slice(0, 100) || at.text }));
    if (c.options) {
      const choice = readChoice(written, c, valueLines, fuzzy);
      if ("reason" in choice) out.unfilled.push({ key: c.key, label: c.label, evidence, ...choice });
      else out.fields.push({ ...textField(c.key, choice.value, documentId, flow, evidence), raw: written.trim() });
      return;
    }
    const stripped = stripTemplate(written.replace(SEAL_PROMPT, ""), undefined, false);
    if (stripped.reason || normalizeForMatch(stripped.text) === "") {
      out.unfilled.push({ key: c.key, label: c.label, reason: stripped.reason ?? "blank", evidence });
      return;
    }
    const parsed = parseValue(c.kind, stripped.text);
    out.fields.push({ ...textField(c.key, parsed?.value ?? stripped.text, documentId, flow, evidence), raw: stripped.text });
  });
}

/** A bracket that lists options: 「(单模态大模型/多模态大模型/任务型模型)」, or what the applicant left of it. */
const BRACKET = /[（(]([^（()）]*)[)）]/gu;

type Choice = { value: string | string[] } | Pick<Unfilled, "reason" | "written" | "kind">;

/**
 * 「模型类别 ____ (单模态大模型/多模态大模型/任务型模型)」 filled in: the option written in the blank (the list kept or
 * removed), else the option marked in the list (ticked, bold, the only one left). The list left as printed with the
 * blank empty is a placeholder.
 */
function readChoice(written: string, c: CoverSpec, lines: CoverLines, fuzzy: boolean): Choice {
  const options = c.options ?? [];
  const keys = options.map((o) => normalizeForMatch(optionName(o)));
  const lists = [...written.matchAll(BRACKET)].filter((m) => keys.some((k) => normalizeForMatch(m[1]!).includes(k)));
  const rest = lists.reduce((t, m) => t.replace(m[0], " "), written);
  const stripped = stripTemplate(rest, undefined, false);
  const marks = markedTexts(lines);
  const text = stripped.reason ? lists.map((m) => m[1]!).join(" ") : stripped.text;
  if (!text.trim()) return { reason: stripped.reason ?? "blank" };
  const group = readCheckboxes(text, options, undefined, fuzzy, marks);
  if (group.chosen.length > 0) return { value: group.chosen.length === 1 ? group.chosen[0]! : group.chosen };
  if (stripped.reason && !group.doubtful) return { reason: stripped.reason };
  return { reason: "unreadable", written: text.trim(), kind: "text" };
}

type CoverLines = Parameters<typeof markedTexts>[0];
