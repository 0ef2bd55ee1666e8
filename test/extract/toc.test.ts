import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitDocuments } from "../../src/extract/classify.js";
import { parseToc, physicalPage } from "../../src/extract/toc.js";
import type { PageRef } from "../../src/extract/types.js";
import { ingest } from "../../src/ingest/ingest.js";
import { createOcrService, type OcrService } from "../../src/ingest/ocr.js";
import type { Package, Page, SourceFile } from "../../src/model.js";

/** Small unit cases only: a page of plain text lines. */
function pagesOf(...texts: string[][]): PageRef[] {
  const file: SourceFile = {
    path: "目录.docx",
    sha256: "",
    bytes: 0,
    kind: "docx",
    pages: [],
    textSource: "text",
    status: "ok",
  };
  return texts.map((lines, i) => {
    const page: Page = {
      index: i + 1,
      width: 0,
      height: 0,
      unit: "none",
      source: "docx",
      tables: [],
      images: [],
      lines: lines.map((text) => ({ text, source: "docx", confidence: 1 })),
    };
    file.pages.push(page);
    return { file, page };
  });
}
const brief = (pages: PageRef[]) =>
  parseToc(pages).map((e) => [e.title, e.printedPage, e.level, e.docType ?? null, e.printedPageEnd ?? null]);

describe("parseToc: line forms", () => {
  it.each([
    ["一、申报书 ........ 1", "一、申报书", 1, "application-form"],
    ["附件1 营业执照复印件 …… 15", "附件1 营业执照复印件", 15, "business-license"],
    ["二、承诺书\t3", "二、承诺书", 3, "pledge"],
    ["第一部分 项目申报书···········2", "第一部分 项目申报书", 2, "application-form"],
    ["Ⅳ、信用中国查询报告．．．．．．．．12", "Ⅳ、信用中国查询报告", 12, "credit-report"],
    [
      "5.研发费用加计扣除优惠明细表（A107012）⋯⋯⋯⋯ 41",
      "5.研发费用加计扣除优惠明细表（A107012）",
      41,
      "tax-return-a107012",
    ],
    ["（六）联合体协议书　　　　　　　57", "（六）联合体协议书", 57, "consortium-agreement"],
    ["附件5：第三方测评报告______88", "附件5：第三方测评报告", 88, "evaluation-report"],
    ["九、纳税证明 第 20 页", "九、纳税证明", 20, "tax-certificate"],
  ])("%s", (line, title, page, docType) => {
    const [e] = parseToc(pagesOf(["目  录", line]));
    expect(e).toMatchObject({ title, printedPage: page, docType });
  });

  it("reads a page range", () => {
    expect(brief(pagesOf(["（三）审计报告 3-8"]))).toEqual([["（三）审计报告", 3, 1, "audit-report", 8]]);
  });

  it("does not take numbers inside the text for page numbers", () => {
    const entries = parseToc(
      pagesOf(["附件 2", "2024年度审计报告", "三、2023年度纳税证明", "附件10 营业执照复印件 1"]),
    );
    expect(entries.map((e) => [e.title, e.printedPage])).toEqual([
      ["附件 2", null],
      ["三、2023年度纳税证明", null],
      ["附件10 营业执照复印件", 1],
    ]);
  });
});

describe("parseToc: structure", () => {
  it("gives levels by numbering style in order of appearance, and keeps headings without a page number", () => {
    const lines = [
      "目录",
      "一、申报材料",
      "（一）申报书……1",
      "（二）真实性承诺……9",
      "二、附件",
      "附件1 营业执照……10",
      "附件2 专项审计报告……12",
      "- 1 -",
    ];
    expect(brief(pagesOf(lines))).toEqual([
      ["一、申报材料", null, 1, null, null],
      ["（一）申报书", 1, 2, "application-form", null],
      ["（二）真实性承诺", 9, 2, "pledge", null],
      ["二、附件", null, 1, null, null],
      ["附件1 营业执照", 10, 3, "business-license", null],
      ["附件2 专项审计报告", 12, 3, "rd-audit-report", null],
    ]);
  });

  it("does not join a short heading with the unnumbered entry under it", () => {
    expect(brief(pagesOf(["一、申报材料", "项目申报书……1"])).map((e) => e.slice(0, 3))).toEqual([
      ["一、申报材料", null, 1],
      ["项目申报书", 1, 2],
    ]);
  });

  it("joins an entry wrapped over two lines", () => {
    const lines = ["附件1 申报单位法定代表人身份证及营业执照（副本）复印", "件………………6", "附件2 审计报告……7"];
    expect(brief(pagesOf(lines)).map((e) => e.slice(0, 2))).toEqual([
      ["附件1 申报单位法定代表人身份证及营业执照（副本）复印件", 6],
      ["附件2 审计报告", 7],
    ]);
  });

  it("reads two columns that came out as one line, and a TOC over two pages", () => {
    const pages = pagesOf(
      ["目 录", "一、申报书……1    五、审计报告……9", "二、承诺书……5    六、纳税证明……15"],
      ["七、信用报告……17", "八、推荐函……19"],
    );
    expect(parseToc(pages).map((e) => [e.printedPage, e.docType, e.line.page])).toEqual([
      [1, "application-form", 1],
      [9, "audit-report", 1],
      [5, "pledge", 1],
      [15, "tax-certificate", 1],
      [17, "credit-report", 2],
      [19, "recommendation-letter", 2],
    ]);
  });
});

describe("parseToc on the combined sample PDF", () => {
  let ocr: OcrService;
  let pkg: Package;
  beforeAll(async () => {
    ocr = createOcrService({});
    pkg = await ingest([path.resolve(import.meta.dirname, "../../fixtures/packages/hunan-ai-model-b")], { ocr });
  });
  afterAll(async () => {
    await ocr.close();
  });

  it("finds the 目录 and its entries, and every entry's printed page opens the document it names", () => {
    const docs = splitDocuments(pkg);
    const toc = docs.find((d) => d.type === "toc")!;
    const file = pkg.files.find((f) => f.path === toc.file)!;
    const refs = file.pages
      .filter((p) => p.index >= toc.pages[0] && p.index <= toc.pages[1])
      .map((page) => ({ file, page }));
    const entries = parseToc(refs);
    expect(entries.map((e) => e.title)).toEqual([
      "一、真实性承诺",
      "二、申报信息表",
      "三、相关附件",
      "附件1申报单位法定代表人身份证及营业执照（副本）复印件",
      "附件2申报单位近两年财务审计报告",
      "附件3申报单位近两年缴税证明材料",
      "附件4项目技术水平证明材料",
    ]);
    expect(entries.map((e) => e.level)).toEqual([1, 1, 1, 2, 2, 2, 2]);
    const checked = entries.filter((e) => e.docType && docs.some((d) => d.type === e.docType));
    expect(checked.map((e) => e.docType)).toEqual(["pledge", "application-form", "business-license", "audit-report"]);
    for (const e of checked) {
      const physical = physicalPage(file, e.printedPage!);
      expect(
        docs.some((d) => d.type === e.docType && d.pages[0] === physical),
        `${e.title} → page ${physical}`,
      ).toBe(true);
    }
  });
});

describe("physicalPage", () => {
  const file = (printed: (number | undefined)[]): SourceFile => ({
    path: "a.pdf",
    sha256: "",
    bytes: 0,
    kind: "pdf",
    textSource: "text",
    status: "ok",
    pages: printed.map((n, i) => ({
      index: i + 1,
      width: 1,
      height: 1,
      unit: "pt",
      source: "text",
      lines: [],
      tables: [],
      images: [],
      ...(n === undefined ? {} : { printedPageNumber: n }),
    })),
  });

  it("reads the footer, or counts on from the nearest numbered page when a scan has none", () => {
    const f = file([undefined, undefined, 1, 2, undefined, 4]);
    expect([1, 2, 3, 4].map((n) => physicalPage(f, n))).toEqual([3, 4, 5, 6]);
    expect(physicalPage(f, 9)).toBeUndefined();
    expect(physicalPage(file([undefined, 3]), 2)).toBe(1);
  });
});
