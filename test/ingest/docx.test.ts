import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeZip } from "../../fixtures/generate/_internal/zip-writer.js";
import { DEFAULT_LIMITS, type ReaderContext } from "../../src/ingest/context.js";
import { readDocx } from "../../src/ingest/docx.js";
import { IngestError } from "../../src/ingest/errors.js";
import { findSoffice, convertToDocx } from "../../src/ingest/legacy.js";
import { createOcrService, type OcrService } from "../../src/ingest/ocr.js";
import { readZip, ZipEntryTooLargeError, ZipTooManyEntriesError } from "../../src/ingest/_internal/zip-read.js";
import { PageSchema, type Page } from "../../src/model.js";

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../fixtures/docx");
const fixture = (name: string) => readFile(path.join(DIR, name));
const expected = async (name: string) => JSON.parse((await fixture(name)).toString("utf8"));
const squash = (s: string) => s.replace(/\s+/g, "");

let ocr: OcrService;
const ctx = (over: Partial<ReaderContext> = {}): ReaderContext => ({ fileName: "t.docx", ocr, limits: DEFAULT_LIMITS, ...over });

beforeAll(() => {
  ocr = createOcrService({ cacheDir: false, concurrency: 1 });
});
afterAll(() => ocr.close());

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"';

/** A minimal .docx around a hand-written w:body, for the cases the docx package cannot write. */
function docxOf(bodyXml: string, extra: Record<string, Buffer> = {}, rels = ""): Buffer {
  const files: Record<string, Buffer> = {
    "_rels/.rels": Buffer.from(
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    "word/_rels/document.xml.rels": Buffer.from(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
    ),
    "word/document.xml": Buffer.from(`<w:document ${W}><w:body>${bodyXml}</w:body></w:document>`),
    ...extra,
  };
  return writeZip(Object.entries(files).map(([name, data]) => ({ name: Buffer.from(name), data, deflate: true })));
}

const p = (text: string, pPr = "") => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ""}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const tc = (inner: string, tcPr = "") => `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ""}${inner}</w:tc>`;

function allLines(pages: Page[]) {
  return pages.flatMap((pg) => pg.lines.map((l) => ({ ...l, page: pg.index })));
}

describe("readDocx: Wuhan 申报书 form (docx package)", async () => {
  const exp = await expected("wuhan-form.expected.json");
  let pages: Page[];
  let problems: IngestError[];
  beforeAll(async () => {
    ({ pages, problems } = await readDocx(await fixture("wuhan-form.docx"), ctx()));
  });

  it("returns pages that satisfy the model schema, split at the explicit page breaks", () => {
    for (const pg of pages) PageSchema.parse(pg);
    expect(pages).toHaveLength(exp.pages);
    expect(pages.map((pg) => pg.lines[0]?.text)).toEqual(exp.pageFirstLines);
    expect(pages.every((pg) => pg.unit === "none" && pg.width === 0)).toBe(true);
    expect(problems).toEqual([]);
  });

  it("reads heading levels from the paragraph styles, not from bold titles", () => {
    const lines = allLines(pages);
    const headings = lines.filter((l) => l.headingLevel).map((l) => ({ page: l.page, text: l.text, level: l.headingLevel }));
    expect(headings).toEqual(exp.headings);
    for (const t of exp.nonHeadings) expect(lines.find((l) => l.text === t)?.headingLevel).toBeUndefined();
  });

  it("resolves the merged cells: 联系人情况 spans two grid rows, 单位名称's value spans six columns", () => {
    const page = pages[exp.basicTable.page - 1]!;
    const table = page.tables[exp.basicTable.table]!;
    expect(table.rows).toHaveLength(exp.basicTable.rows);
    expect(table.rows.every((r) => r.length === exp.basicTable.cols)).toBe(true);
    for (const m of exp.merged) {
      for (const [r, c] of m.covers) {
        const cell = table.rows[r]![c]!;
        expect(cell, `${m.text} at ${r},${c}`).toMatchObject({ text: m.text, rowSpan: m.rowSpan, colSpan: m.colSpan, origin: [m.row, m.col] });
      }
    }
    // The row below the vertical merge keeps its own cells.
    expect(table.rows[4]!.map((c) => c.text).slice(1)).toEqual(["申报人姓名", "李晓梅", "职务", "项目经理", "电话", "13900001111"]);
  });

  it("gives each cell one line at its origin, in row-major order, starting at Table.lineIndex", () => {
    const page = pages[exp.basicTable.page - 1]!;
    const table = page.tables[0]!;
    const first = page.lines[table.lineIndex]!;
    expect(first).toMatchObject({ text: "单位名称", cell: { table: 0, row: 0, col: 0 } });
    const contact = page.lines.filter((l) => l.text === "联系人情况");
    expect(contact).toHaveLength(1);
    expect(contact[0]!.cell).toEqual({ table: 0, row: 3, col: 0 });
    const cellLines = page.lines.filter((l) => l.cell?.table === 0).map((l) => [l.cell!.row, l.cell!.col]);
    const sorted = [...cellLines].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    expect(cellLines).toEqual(sorted);
  });

  it.each(["单位性质", "模型类型", "模型服务方式"])("reads the %s checkboxes with their labels (glyph / content control / Wingdings symbol)", (label) => {
    const page = pages[1]!;
    const labelLine = page.lines.find((l) => l.text === label)!;
    const { table, row } = labelLine.cell!;
    const valueCell = page.tables[table]!.rows[row]![1]!;
    const want = exp.checkboxes[label];
    expect(valueCell.checkboxes).toEqual(want);
    const valueLine = page.lines.find((l) => l.cell?.table === table && l.cell.row === row && l.cell.col === 1)!;
    expect(valueLine.checkboxes).toEqual(want);
    expect(valueLine.text).toMatch(/^[☑☐]/u);
    expect([...valueLine.text].filter((ch) => ch === "☑").length).toBe(want.filter((b: { checked: boolean }) => b.checked).length);
  });

  it("OCRs the embedded image and puts its lines between the paragraphs around it", () => {
    const page = pages[exp.image.page - 1]!;
    expect(page.source).toBe("mixed");
    expect(page.images).toHaveLength(1);
    const img = page.images[0]!;
    expect(img.widthPx).toBeGreaterThanOrEqual(200);
    expect(img.ocr?.engine).toMatch(/tesseract/);
    const before = page.lines.findIndex((l) => l.text === exp.image.before);
    const after = page.lines.findIndex((l) => l.text === exp.image.after);
    expect(img.lineIndex).toBe(before + 1);
    const ocrLines = page.lines.slice(before + 1, after);
    expect(ocrLines.every((l) => l.source === "ocr" && l.image === 0)).toBe(true);
    expect(ocrLines.map((l) => squash(l.text))).toEqual(exp.image.lines.map(squash));
  });
});

describe("readDocx: legacy FORMCHECKBOX fields and Word's rendered page breaks", async () => {
  const exp = await expected("legacy-checkbox.expected.json");
  let pages: Page[];
  beforeAll(async () => {
    ({ pages } = await readDocx(await fixture("legacy-checkbox.docx"), ctx()));
  });

  it("reads checked (w:checked, w:default=1) and unchecked form checkboxes with their labels", () => {
    expect(allLines(pages).flatMap((l) => l.checkboxes ?? [])).toEqual(exp.checkboxes);
    expect(allLines(pages).find((l) => l.checkboxes?.length === 2)?.text).toBe("是否联合体申报：☑是 ☐否");
  });

  it("takes heading levels from a 「标题 1」 style name and from a direct outline level", () => {
    const headings = allLines(pages).filter((l) => l.headingLevel).map((l) => ({ page: l.page, text: l.text, level: l.headingLevel }));
    expect(headings).toEqual(exp.headings);
  });

  it("splits pages at w:lastRenderedPageBreak, keeping a paragraph that runs over on its first page", () => {
    expect(pages).toHaveLength(exp.pages);
    expect(pages.map((pg) => pg.lines[0]?.text)).toEqual(exp.pageFirstLines);
    expect(pages[1]!.lines.map((l) => l.text)).toContain("这一段很长，跨越了两页，后半段印在第三页上。");
  });
});

describe("readDocx: hand-written structures", () => {
  it("combines gridSpan with a vertical merge, and gridBefore shifts a row", async () => {
    const body = `<w:tbl>
      <w:tr>${tc(p("A"), '<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>')}${tc(p("B"))}</w:tr>
      <w:tr>${tc(p(""), '<w:gridSpan w:val="2"/><w:vMerge/>')}${tc(p("C"))}</w:tr>
      <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc(p("D"))}${tc(p("E"))}</w:tr>
    </w:tbl>`;
    const { pages } = await readDocx(docxOf(body), ctx());
    const rows = pages[0]!.tables[0]!.rows;
    expect(rows.map((r) => r.map((c) => c.text))).toEqual([["A", "A", "B"], ["A", "A", "C"], ["", "D", "E"]]);
    expect(rows[1]![1]).toMatchObject({ rowSpan: 2, colSpan: 2, origin: [0, 0] });
    expect(rows[2]![1]!.origin).toEqual([2, 1]);
  });

  it("flattens a nested table's text into its cell", async () => {
    const nested = `<w:tbl><w:tr>${tc(p("姓名"))}${tc(p("陈志远"))}</w:tr><w:tr>${tc(p("职务"))}${tc(p("总经理"))}</w:tr></w:tbl>`;
    const body = `<w:tbl><w:tr>${tc(p("负责人"))}${tc(p("见下表") + nested + "<w:p/>")}</w:tr></w:tbl>`;
    const { pages } = await readDocx(docxOf(body), ctx());
    expect(pages[0]!.tables[0]!.rows[0]![1]!.text).toBe("见下表\n姓名\t陈志远\n职务\t总经理");
    expect(pages[0]!.lines.map((l) => l.text)).toEqual(["负责人", "见下表\n姓名\t陈志远\n职务\t总经理"]);
  });

  it("splits a table across pages at the row Word laid out on a new page", async () => {
    const row = (a: string, b: string, first = "") => `<w:tr>${tc(`<w:p>${first}<w:r><w:t>${a}</w:t></w:r></w:p>`)}${tc(p(b))}</w:tr>`;
    const body = `${p("前言")}<w:tbl>${row("项目", "1")}${row("收入", "2")}${row("利润", "3", "<w:r><w:lastRenderedPageBreak/></w:r>")}</w:tbl>${p("结束")}`;
    const { pages } = await readDocx(docxOf(body), ctx());
    expect(pages).toHaveLength(2);
    expect(pages[0]!.tables[0]!.rows).toHaveLength(2);
    expect(pages[1]!.tables[0]!.rows.map((r) => r.map((c) => c.text))).toEqual([["利润", "3"]]);
    expect(pages[1]!.lines[0]).toMatchObject({ text: "利润", cell: { table: 0, row: 0, col: 0 } });
    expect(pages[1]!.lines.at(-1)!.text).toBe("结束");
  });

  it("breaks pages at new-page section breaks but not at continuous ones, and ignores pageBreakBefore at a page top", async () => {
    // A sectPr ends its section; the NEXT section's w:type says whether that one starts on a new page.
    const body = [
      p("第一节", "<w:sectPr/>"),
      p("第二节（接排）", '<w:sectPr><w:type w:val="continuous"/></w:sectPr>'),
      p("第三节（新页）"),
      `<w:p><w:r><w:br w:type="page"/></w:r></w:p>`,
      p("分页后", "<w:pageBreakBefore/>"),
      '<w:sectPr><w:type w:val="nextPage"/></w:sectPr>',
    ].join("");
    const { pages } = await readDocx(docxOf(body), ctx());
    expect(pages.map((pg) => pg.lines.map((l) => l.text))).toEqual([["第一节", "第二节（接排）"], ["第三节（新页）"], ["分页后"]]);
  });

  it("maps Wingdings boxes written as private-use characters in a symbol-font run", async () => {
    const run = (ch: string) => `<w:r><w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr><w:t>${ch}</w:t></w:r>`;
    // "l" in Wingdings is a bullet (●): a picture, not text.
    const body = `<w:p>${run("l")}${run("\uf0fe")}<w:r><w:t xml:space="preserve"> 是 </w:t></w:r>${run("\u00a8")}<w:r><w:t xml:space="preserve"> 否</w:t></w:r></w:p>`;
    const { pages } = await readDocx(docxOf(body), ctx());
    expect(pages[0]!.lines[0]).toMatchObject({ text: "☑ 是 ☐ 否", checkboxes: [{ label: "是", checked: true }, { label: "否", checked: false }] });
  });

  it("reads a w14 content-control checkbox's state, not the glyph inside it", async () => {
    const sdt = (checked: string, glyph: string) =>
      `<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="${checked}"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>${glyph}</w:t></w:r></w:sdtContent></w:sdt>`;
    const body = `<w:p>${sdt("1", "☐")}<w:r><w:t>有 </w:t></w:r>${sdt("0", "☒")}<w:r><w:t>无</w:t></w:r></w:p>`;
    const { pages } = await readDocx(docxOf(body), ctx());
    expect(pages[0]!.lines[0]!.checkboxes).toEqual([{ label: "有", checked: true }, { label: "无", checked: false }]);
  });

  it("records an EMF drawing without OCR and reports it when it is large", async () => {
    const emf = Buffer.alloc(88);
    emf.writeUInt32LE(1, 0);
    emf.writeInt32LE(0, 8);
    emf.writeInt32LE(0, 12);
    emf.writeInt32LE(799, 16);
    emf.writeInt32LE(599, 20);
    emf.write(" EMF", 40, "latin1");
    const pict = `<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="width:400pt;height:300pt"><v:imagedata r:id="rId9"/></v:shape></w:pict></w:r></w:p>`;
    const rel = '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.emf"/>';
    const { pages, problems } = await readDocx(docxOf(p("营业执照扫描件：") + pict, { "word/media/image1.emf": emf }, rel), ctx());
    expect(pages[0]!.images).toEqual([{ widthPx: 533, heightPx: 400, lineIndex: 1 }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "unsupported", page: 1 });
    expect(problems[0]!.reason).toContain("EMF");
  });

  it("measures a small image but does not OCR it", async () => {
    const png = await sharp({ create: { width: 120, height: 40, channels: 3, background: "#ffffff" } }).png().toBuffer();
    const drawing = `<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="1143000" cy="381000"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><a:blip r:embed="rId5"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;
    const rel = '<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/logo.png"/>';
    const before = ocr.stats.pages;
    const { pages, problems } = await readDocx(docxOf(drawing + p("正文"), { "word/media/logo.png": png }, rel), ctx());
    expect(pages[0]!.images).toEqual([{ widthPx: 120, heightPx: 40, lineIndex: 0 }]);
    expect(pages[0]!.lines.map((l) => l.text)).toEqual(["正文"]);
    expect(ocr.stats.pages).toBe(before);
    expect(problems).toEqual([]);
  });
});

describe("readDocx: broken and hostile files", () => {
  it.each([
    ["not a zip", Buffer.from("这不是Word文件")],
    ["a zip without word/document.xml", writeZip([{ name: Buffer.from("readme.txt"), data: Buffer.from("hi") }])],
    ["a truncated docx", Buffer.alloc(0)],
    ["malformed document.xml", docxOf("<w:p><w:r><w:t>未闭合</w:r></w:p>")],
  ])("rejects %s as corrupt", async (_what, buf) => {
    const err = await readDocx(buf, ctx()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect(err).toMatchObject({ code: "corrupt", reason: "Word文件已损坏或不是有效的.docx文件" });
  });

  it("rejects a truncated copy of a real docx as corrupt", async () => {
    const buf = await fixture("wuhan-form.docx");
    await expect(readDocx(buf.subarray(0, buf.length - 200), ctx())).rejects.toMatchObject({ code: "corrupt" });
  });

  it("reports a password-protected (OLE EncryptedPackage) file as encrypted", async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100), Buffer.from("EncryptionInfo", "utf16le")]);
    await expect(readDocx(ole, ctx())).rejects.toMatchObject({ code: "encrypted" });
  });

  it("refuses a part that unpacks past the size limit as zip-bomb", async () => {
    const big = docxOf(p("很长".repeat(20_000)));
    const limits = { ...DEFAULT_LIMITS, maxFileBytes: 64 * 1024 };
    await expect(readDocx(big, ctx({ limits }))).rejects.toMatchObject({ code: "zip-bomb" });
    await expect(readDocx(big, ctx())).resolves.toBeDefined();
  });
});

describe("zip-read", () => {
  const gbkName = Buffer.from([0xc9, 0xea, 0xb1, 0xa8, 0xca, 0xe9, 0x2e, 0x70, 0x64, 0x66]); // 申报书.pdf in GBK
  const zip = writeZip([
    { name: gbkName, data: Buffer.from("pdf") },
    { name: Buffer.from("目录/说明.txt"), data: Buffer.from("说明".repeat(500)), utf8: true, deflate: true },
    { name: Buffer.from("link"), data: Buffer.from("/etc/passwd"), unixMode: 0o120777 },
  ]);

  it("exposes raw name bytes, the UTF-8 flag, sizes, method and symlinks", async () => {
    const entries = await readZip(zip);
    expect(entries.map((e) => [e.nameBytes.equals(gbkName) || e.nameBytes.toString("utf8"), e.utf8, e.compressionMethod, e.isSymlink])).toEqual([
      [true, false, 0, false],
      ["目录/说明.txt", true, 8, false],
      ["link", false, 0, true],
    ]);
    expect(entries[1]!.uncompressedSize).toBe(3000);
    expect((await entries[1]!.read(3000)).toString("utf8")).toBe("说明".repeat(500));
  });

  it("stops reading past the byte limit and past the entry limit", async () => {
    const entries = await readZip(zip);
    await expect(entries[1]!.read(2999)).rejects.toBeInstanceOf(ZipEntryTooLargeError);
    await expect(readZip(zip, { maxEntries: 2 })).rejects.toBeInstanceOf(ZipTooManyEntriesError);
  });

  it("aborts the stream when an entry inflates past the limit its header lies about", async () => {
    const lying = Buffer.from(writeZip([{ name: Buffer.from("bomb.xml"), data: Buffer.alloc(1 << 20, 0x41), deflate: true }]));
    // Rewrite the declared uncompressed size (local header at 22, central directory at 24) to 100 bytes.
    lying.writeUInt32LE(100, 22);
    const cd = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    lying.writeUInt32LE(100, cd + 24);
    const [entry] = await readZip(lying);
    expect(entry!.uncompressedSize).toBe(100);
    await expect(entry!.read(10_000)).rejects.toThrow();
  });
});

describe("the .doc fixture", () => {
  it("is an OLE file that LibreOffice converts back into the same form", async (t) => {
    const doc = await fixture("wuhan-form.doc");
    expect(doc.subarray(0, 4).toString("hex")).toBe("d0cf11e0");
    if (!(await findSoffice())) return t.skip();
    const docx = await convertToDocx(doc, ".doc", 120_000);
    const { pages } = await readDocx(docx!, ctx());
    const table = pages.flatMap((pg) => pg.tables)[0]!;
    expect(table.rows[3]![0]).toMatchObject({ text: "联系人情况", rowSpan: 2 });
    expect(table.rows[4]![0]!.text).toBe("联系人情况");
  });
});
