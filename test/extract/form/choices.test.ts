/**
 * Choices marked the way people mark them when they do not tick the printed boxes, read from real files
 * (fixtures/forms/*-选项标记.docx and their LibreOffice PDF exports, fixtures/generate/choice-forms.ts): a choice
 * written out, a √ over the box, [x], the option in bold, highlighted or underlined, the other options struck out
 * or deleted, and the Hubei cover's 「模型类别」 blank filled in with the bracketed list kept.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import { CHOICE_EXPECTED, CHOICE_FORMS } from "../../../fixtures/generate/choice-forms.js";
import { markedTexts, readCheckboxes } from "../../../src/extract/form/checkbox.js";
import type { FormParse } from "../../../src/extract/form/types.js";
import { buildLines, type FontStyleLike, type TextItemLike } from "../../../src/ingest/_internal/pdf-lines.js";
import { ROOT, parseFile, valuesOf } from "./_helpers.js";

const file = (name: string, ext: "docx" | "pdf") => path.join(ROOT, "fixtures/forms", `${name}.${ext}`);
const HUBEI = "hubei-industrial-model-2026";
const WUHAN = "wuhan-vertical-model-2025";

describe("choices marked without ticking the box, Word", () => {
  let hubei: FormParse;
  let wuhan: FormParse;
  beforeAll(async () => {
    hubei = await parseFile(file(CHOICE_FORMS.hubei, "docx"), HUBEI);
    wuhan = await parseFile(file(CHOICE_FORMS.wuhan, "docx"), WUHAN);
  });

  it("reads the struck-out, bold, written-out and √ choices of the Hubei form and its cover", () => {
    expect(valuesOf(hubei.fields)).toMatchObject(CHOICE_EXPECTED.hubei);
    expect(hubei.unfilled).toEqual([]);
  });

  it("reads the deleted-options, highlighted, underlined and [x] choices of the Wuhan form", () => {
    expect(valuesOf(wuhan.fields)).toMatchObject(CHOICE_EXPECTED.wuhan);
    expect(wuhan.unfilled.filter((u) => u.reason === "unchecked")).toEqual([]);
  });

  it("leaves no group in doubt", () => {
    expect([...hubei.checkboxGroups, ...wuhan.checkboxGroups].filter((g) => g.doubtful)).toEqual([]);
  });
});

describe("choices marked without ticking the box, PDF export", () => {
  let hubei: FormParse;
  let wuhan: FormParse;
  beforeAll(async () => {
    hubei = await parseFile(file(CHOICE_FORMS.hubei, "pdf"), HUBEI);
    wuhan = await parseFile(file(CHOICE_FORMS.wuhan, "pdf"), WUHAN);
  });

  it("reads what the text layer keeps: the written choice, √, [x], the deleted options, the cover's blank", () => {
    const { hubei: h, wuhan: w } = CHOICE_EXPECTED;
    expect(valuesOf(hubei.fields)).toMatchObject({
      "cover.modelCategory": h["cover.modelCategory"],
      "model.type": h["model.type"],
      "model.serviceMode": h["model.serviceMode"],
      // Set in a bold face: the PDF reader passes the fonts' names, so the text layer keeps the emphasis.
      "model.industry": h["model.industry"],
    });
    expect(valuesOf(wuhan.fields)).toMatchObject({ "applicant.nature": w["applicant.nature"], "model.serviceMode": w["model.serviceMode"] });
  });

  it("never reads another option where the mark is drawn rather than written (strike, highlight, underline)", () => {
    const pairs = [[hubei, CHOICE_EXPECTED.hubei], [wuhan, CHOICE_EXPECTED.wuhan]] as const;
    for (const [parse, expected] of pairs) {
      for (const g of parse.checkboxGroups) {
        const want = [(expected as Record<string, unknown>)[g.key]].flat();
        expect(g.chosen.every((c) => want.includes(c)), `${g.key}: ${g.chosen.join("、")}`).toBe(true);
      }
    }
  });
});

describe("bold in a PDF's text layer", () => {
  it("marks text set in a bold face when the fonts' names are given, and the bold option is the choice", async () => {
    const doc = await getDocument({ data: new Uint8Array(await readFile(file(CHOICE_FORMS.hubei, "pdf"))) }).promise;
    const page = await doc.getPage(2);
    const content = await page.getTextContent();
    await page.getOperatorList();
    const items = content.items.filter((it): it is TextItemLike & (typeof content.items)[number] => "str" in it);
    const names = Object.fromEntries(
      [...new Set(items.map((i) => i.fontName))].map((n) => [n, (page.commonObjs.get(n) as { name: string }).name]),
    );
    const vt = page.getViewport({ scale: 1 }).transform;
    const styles = content.styles as Record<string, FontStyleLike>;
    const lines = buildLines(items, styles, vt, names);
    const bold = markedTexts(lines).filter((m) => m.kind === "bold").map((m) => m.text);
    expect(bold).toContain("☐电子信息");
    const industry = lines.filter((l) => /原材料|软件和信息/.test(l.text));
    const text = industry.map((l) => l.text).join("");
    const options = ["原材料", "装备制造", "消费品（包括生物医药等）", "电子信息", "软件和信息服务业", "其他（请注明）"];
    expect(readCheckboxes(text, options, undefined, false, markedTexts(industry)).chosen).toEqual(["电子信息"]);
    // Without the names (the old call) nothing is marked.
    expect(buildLines(items, styles, vt).some((l) => l.marks)).toBe(false);
    await doc.destroy();
  });
});
