/**
 * The document body as a flat flow of blocks in reading order: paragraphs, tables, and the page breaks
 * between them. Both kinds of break are kept; pagination decides which to trust.
 */
import type { TextMark } from "../../model.js";
import { joinPieces, paragraphPieces, sliceMarks, type ImageRef, type Piece } from "./docx-runs.js";
import { paragraphStyle, type StyleTable } from "./docx-styles.js";
import { readGrid, type Grid } from "./docx-tables.js";
import { attr, child, children, descendants, localName, type Element } from "./docx-xml.js";

export type BreakKind =
  /** w:br type=page, or a section break that starts a new page. */
  | "explicit"
  /** pageBreakBefore: no effect when the page is still empty. */
  | "soft"
  /** w:lastRenderedPageBreak: where Word last put a page break when it laid the document out. */
  | "rendered";

export type Block =
  | { kind: "para"; text: string; headingLevel?: number; images: ImageRef[]; marks?: TextMark[] }
  | { kind: "table"; grid: Grid }
  | { kind: "break"; type: BreakKind };

const NEW_PAGE_SECTIONS = new Set(["nextPage", "oddPage", "evenPage"]);

export function readFlow(body: Element, styles: StyleTable): Block[] {
  const sections = descendants(body, "sectPr").filter((s) => ["pPr", "body"].includes(localName(s.parentNode as Element)));
  const blocks: Block[] = [];
  const visit = (el: Element) => {
    for (const c of children(el)) {
      const n = localName(c);
      if (n === "p") paragraph(c, styles, sections, blocks);
      else if (n === "tbl") blocks.push({ kind: "table", grid: readGrid(c) });
      else if (n === "sdt") visit(child(c, "sdtContent") ?? c);
      else if (n === "customXml") visit(c);
    }
  };
  visit(body);
  return blocks;
}

interface Segment {
  pieces: Piece[];
}

function paragraph(p: Element, styles: StyleTable, sections: Element[], out: Block[]): void {
  const pPr = child(p, "pPr");
  const style = paragraphStyle(pPr, styles);
  if (style.pageBreakBefore) out.push({ kind: "break", type: "soft" });

  // Word starts a new page at each w:br type=page, so the paragraph is cut there.
  const segments: Segment[] = [{ pieces: [] }];
  for (const piece of paragraphPieces(p)) {
    if (piece.kind === "break" && piece.type === "explicit") segments.push({ pieces: [] });
    else segments.at(-1)!.pieces.push(piece);
  }
  segments.forEach((seg, i) => {
    if (i > 0) out.push({ kind: "break", type: "explicit" });
    let sawContent = false;
    let renderedAfter = false;
    const images: ImageRef[] = [];
    for (const piece of seg.pieces) {
      if (piece.kind === "text") {
        sawContent ||= piece.text.trim() !== "";
      } else if (piece.kind === "image") {
        images.push(piece.ref);
        sawContent = true;
      } else if (!sawContent) {
        out.push({ kind: "break", type: "rendered" });
      } else {
        // The paragraph runs over onto the next page: keep it whole on the page where it starts, so a
        // quote never straddles two pages.
        renderedAfter = true;
      }
    }
    if (sawContent) {
      const joined = joinPieces(seg.pieces);
      const lead = joined.text.length - joined.text.trimStart().length;
      const text = joined.text.trim();
      const marks = sliceMarks(joined.marks, lead, lead + text.length);
      out.push({
        kind: "para",
        text,
        ...(style.headingLevel !== undefined ? { headingLevel: style.headingLevel } : {}),
        images,
        ...(marks.length ? { marks } : {}),
      });
    }
    if (renderedAfter) out.push({ kind: "break", type: "rendered" });
  });

  // A sectPr in pPr ends a section; the NEXT section's w:type says whether it starts on a new page.
  const sectPr = child(pPr, "sectPr");
  if (sectPr) {
    const next = sections[sections.indexOf(sectPr) + 1];
    const type = attr(child(next, "type"), "val") ?? "nextPage";
    if (next && NEW_PAGE_SECTIONS.has(type)) out.push({ kind: "break", type: "explicit" });
  }
}
