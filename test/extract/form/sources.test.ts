/**
 * The same form read from Word and from its LibreOffice PDF export gives the same fields, and they are the
 * fixture's ground truth (fixtures/expected/<package>.json).
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { normalizeForMatch, parseDate } from "../../../src/extract/normalize/index.js";
import { parseApplicationForm } from "../../../src/extract/form/parse.js";
import type { FormParse } from "../../../src/extract/form/types.js";
import {
  HUNAN_KEYS, PACKAGES, WUHAN_KEYS, expectedOf, formDocument, formPages, ingestOne, parseFile, valuesOf, type ExpectedPackage,
} from "./_helpers.js";

const FORM = "武汉市垂直行业模型项目申报书";

describe.each(["wuhan-vertical-a", "wuhan-vertical-c"])("%s: Word form and its PDF export", (pkg) => {
  let exp: ExpectedPackage;
  let docx: FormParse;
  let pdf: FormParse;
  beforeAll(async () => {
    exp = await expectedOf(pkg);
    docx = await parseFile(path.join(PACKAGES, pkg, `${FORM}.docx`), exp.call);
    const [from, to] = formPages(exp, `${FORM}.pdf`);
    pdf = await parseFile(path.join(PACKAGES, pkg, `${FORM}.pdf`), exp.call, from, to);
  });

  it("reads the ground truth from both", () => {
    for (const parse of [docx, pdf]) {
      const got = valuesOf(parse.fields);
      for (const key of WUHAN_KEYS) expect.soft(got[key], key).toEqual(exp.fields[key]);
    }
  });

  it("gives the same value for every table and section field", () => {
    // Word keeps a cell's paragraphs apart; a PDF cell's lines are wrapped lines of one paragraph.
    const flat = (v: unknown) => (typeof v === "string" ? v.replace(/\s+/g, "") : v);
    const table = (p: FormParse) =>
      Object.fromEntries(Object.entries(valuesOf(p.fields)).filter(([k]) => !k.startsWith("cover.")).map(([k, v]) => [k, flat(v)]));
    expect(table(pdf)).toEqual(table(docx));
    expect(Object.keys(table(docx)).length).toBeGreaterThanOrEqual(30);
  });

  it("reads the ticked options as the fixture ticked them", () => {
    const truth = exp.files.find((f) => f.path === `${FORM}.docx`)!.checkboxes!;
    for (const parse of [docx, pdf]) {
      const got = parse.checkboxGroups.flatMap((g) => g.options.map((o) => ({ label: o.label.replace(/（请注明）/, ""), checked: o.checked })));
      const want = truth.map((t) => ({ label: t.label.replace(/（请注明）/, ""), checked: t.checked }));
      expect(got.map((o) => normalizeForMatch(o.label))).toEqual(want.map((o) => normalizeForMatch(o.label)));
      expect(got.map((o) => o.checked)).toEqual(want.map((o) => o.checked));
    }
  });

  it("puts amounts in 万元 and gives every field its evidence", () => {
    for (const parse of [docx, pdf]) {
      expect(parse.fields.find((f) => f.key === "finance.revenue.2024")?.unit).toBe("万元");
      for (const f of parse.fields) {
        expect(f.extractor).toBe("rule:form");
        expect(f.evidence.length, f.key).toBeGreaterThan(0);
        expect(f.evidence[0]!.quote, f.key).not.toBe("");
      }
    }
    for (const f of pdf.fields.filter((x) => !x.key.startsWith("cover."))) expect(f.evidence[0]!.box, f.key).toBeDefined();
  });

  it("quotes the text inside the cited box of the cited PDF page", async () => {
    const file = await ingestOne(path.join(PACKAGES, pkg, `${FORM}.pdf`));
    for (const f of pdf.fields.filter((x) => !x.key.startsWith("cover."))) {
      const { page, box, quote } = f.evidence[0]!;
      const inside = file.pages[page - 1]!.lines
        .filter((l) => l.box && l.box.x >= box!.x - 0.5 && l.box.y >= box!.y - 0.5 && l.box.x + l.box.w <= box!.x + box!.w + 0.5 && l.box.y + l.box.h <= box!.y + box!.h + 0.5)
        .sort((a, b) => a.box!.y - b.box!.y);
      expect(normalizeForMatch(inside.map((l) => l.text).join("")), f.key).toContain(normalizeForMatch(quote));
    }
  });

  it("does not depend on the order the text layer lists its lines in", async () => {
    const file = await ingestOne(path.join(PACKAGES, pkg, `${FORM}.pdf`));
    const [from, to] = formPages(exp, `${FORM}.pdf`);
    // Column by column, as pdftotext may list a table: sorted by x, then bottom to top.
    const columnwise = {
      ...file,
      pages: file.pages.map((p) => ({ ...p, lines: [...p.lines].sort((a, b) => (a.box?.x ?? 0) - (b.box?.x ?? 0) || (b.box?.y ?? 0) - (a.box?.y ?? 0)) })),
    };
    const reordered = parseApplicationForm(formDocument(columnwise, from, to), exp.call);
    expect(valuesOf(reordered.fields)).toEqual(valuesOf(pdf.fields));
  });

  it("counts the characters of the long texts", () => {
    const intro = docx.sections.find((s) => s.key === "applicant.intro")!;
    expect(intro.charCount).toBeGreaterThan(100);
    expect(pdf.sections.find((s) => s.key === "applicant.intro")!.charCount).toBe(intro.charCount);
    expect(docx.sections.map((s) => s.key)).toEqual(expect.arrayContaining(["project.overview", "project.innovation", "project.effect"]));
  });
});

describe("hunan-ai-model-b: the 申报信息表 inside one combined PDF", () => {
  let exp: ExpectedPackage;
  let got: Record<string, unknown>;
  let parse: FormParse;
  const FILE = "2025年湖南省人工智能大模型项目申报书（湘江智语）.pdf";
  beforeAll(async () => {
    exp = await expectedOf("hunan-ai-model-b");
    const file = await ingestOne(path.join(PACKAGES, "hunan-ai-model-b", FILE));
    const [from, to] = formPages(exp, FILE);
    parse = parseApplicationForm(formDocument(file, from, to), exp.call);
    got = valuesOf(parse.fields);
  });

  it("reads the unit's details, the 2023/2024 matrix and the model", () => {
    const keys = Object.keys(exp.fields).filter((k) => HUNAN_KEYS.test(k) && k !== "applicant.foundedOn");
    expect(keys.length).toBeGreaterThanOrEqual(20);
    for (const key of keys) expect.soft(got[key], key).toEqual(exp.fields[key]);
    expect(got["applicant.foundedOn"]).toBe(parseDate(String(exp.fields["applicant.foundedOn"]))!.iso);
  });

  it("reads checkbox groups with notes and limits on long texts", () => {
    expect(got["model.serviceMode"]).toEqual(["网页", "API接口", "本地部署"]);
    expect(got["model.evaluationOrg"]).toBe("湖南湘测信息技术检测有限公司");
    const intro = parse.sections.find((s) => s.key === "applicant.intro")!;
    expect(intro.maxChars).toBe(500);
    expect(parse.sections.map((s) => s.key)).toEqual(expect.arrayContaining(["model.intro", "model.performance", "project.benefit"]));
  });
});
