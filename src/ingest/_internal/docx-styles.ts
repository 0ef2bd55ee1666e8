/**
 * Paragraph style facts we need from styles.xml: heading level (built-in "heading N" / localised "标题 N"
 * names, or an outline level anywhere in the basedOn chain) and pageBreakBefore.
 */
import { attr, child, children, isOn, type Element } from "./docx-xml.js";

export interface ParagraphStyleInfo {
  headingLevel?: number;
  pageBreakBefore: boolean;
}

export type StyleTable = Map<string, ParagraphStyleInfo>;

const HEADING_NAME = /^(?:heading|标题)\s*([1-9])$/i;

/** Outline level from a pPr: w:outlineLvl is 0-based, 9 means body text. */
export function outlineLevel(pPr: Element | undefined): number | null | undefined {
  const v = attr(child(pPr, "outlineLvl"), "val");
  if (v === undefined) return undefined;
  const n = Number.parseInt(v, 10);
  return Number.isInteger(n) && n >= 0 && n < 9 ? n + 1 : null;
}

export function readStyles(root: Element | undefined): StyleTable {
  const raw = new Map<string, { basedOn?: string; name: string; pPr?: Element }>();
  for (const s of root ? children(root, "style") : []) {
    if ((attr(s, "type") ?? "paragraph") !== "paragraph") continue;
    const id = attr(s, "styleId");
    if (!id) continue;
    raw.set(id, { basedOn: attr(child(s, "basedOn"), "val"), name: attr(child(s, "name"), "val") ?? "", pPr: child(s, "pPr") });
  }
  const table: StyleTable = new Map();
  const resolve = (id: string, seen: Set<string>): ParagraphStyleInfo => {
    const done = table.get(id);
    if (done) return done;
    const s = raw.get(id);
    if (!s || seen.has(id)) return { pageBreakBefore: false };
    seen.add(id);
    const parent = s.basedOn ? resolve(s.basedOn, seen) : { pageBreakBefore: false };
    const byName = HEADING_NAME.exec(s.name.trim());
    const outline = outlineLevel(s.pPr);
    // Own outline level first (null = explicitly body text), then the built-in name, then inheritance.
    const headingLevel =
      outline !== undefined ? (outline ?? undefined) : byName ? Number(byName[1]) : parent.headingLevel;
    const pbb = child(s.pPr, "pageBreakBefore");
    const info: ParagraphStyleInfo = {
      ...(headingLevel !== undefined ? { headingLevel } : {}),
      pageBreakBefore: pbb ? isOn(pbb) : parent.pageBreakBefore,
    };
    table.set(id, info);
    return info;
  };
  for (const id of raw.keys()) resolve(id, new Set());
  return table;
}

/** Heading level and pageBreakBefore of one paragraph: direct formatting over its style. */
export function paragraphStyle(pPr: Element | undefined, styles: StyleTable): ParagraphStyleInfo {
  const styleId = attr(child(pPr, "pStyle"), "val");
  const fromStyle = (styleId && styles.get(styleId)) || { pageBreakBefore: false };
  const outline = outlineLevel(pPr);
  const headingLevel = outline !== undefined ? (outline ?? undefined) : fromStyle.headingLevel;
  const pbb = child(pPr, "pageBreakBefore");
  return {
    ...(headingLevel !== undefined ? { headingLevel } : {}),
    pageBreakBefore: pbb ? isOn(pbb) : fromStyle.pageBreakBefore,
  };
}
