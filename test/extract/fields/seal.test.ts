import { describe, expect, it } from "vitest";
import { registry, sealedField, sealsOn } from "../../../src/extract/fields/index.js";
import { FieldSchema, type DocType, type Field, type Page } from "../../../src/model.js";
import { asDocument, ingestFile, linesDoc } from "./helpers.js";

const T = 180_000;
const WUHAN_A = "fixtures/packages/wuhan-vertical-a/武汉市垂直行业模型项目申报书";

async function sealed(rel: string, type: DocType, pages?: [number, number]): Promise<Field | undefined> {
  const [file] = await ingestFile(rel);
  const doc = asDocument(file!, type, pages);
  const fields = registry.filter((e) => e.docTypes.includes(type)).flatMap((e) => e.extract(doc, {}));
  for (const f of fields) FieldSchema.parse(f);
  return fields.find((f) => f.key.endsWith(".sealed"));
}

describe("pledge.sealed and cover.sealed on the packages", () => {
  it("the electronic seal on the Word→PDF pledge, quoting its 盖章 line, boxed at the seal", async () => {
    const f = await sealed(`${WUHAN_A}.pdf`, "pledge", [5, 5]);
    expect(f).toMatchObject({ key: "pledge.sealed", value: true, extractor: "rule:pledge" });
    expect(f!.evidence).toEqual([{ file: "武汉市垂直行业模型项目申报书.pdf", page: 5, quote: "申请单位（盖章）：", box: expect.any(Object) }]);
    const [file] = await ingestFile(`${WUHAN_A}.pdf`);
    expect(f!.evidence[0]!.box).toEqual(file!.pages[4]!.seals![0]!.box);
    expect(f!.confidence).toBeGreaterThan(0.8);
  }, T);

  it("the scanned, stamped pledge", async () => {
    const f = await sealed("fixtures/packages/wuhan-vertical-c/承诺书（盖章扫描件）.pdf", "pledge");
    expect(f).toMatchObject({ key: "pledge.sealed", value: true });
    expect(f!.evidence[0]!.quote).toMatch(/盖章/);
  }, T);

  it("the Word pledge has a 盖章 line and no seal: false, at that line, with less confidence", async () => {
    const f = await sealed(`${WUHAN_A}.docx`, "pledge", [5, 5]);
    expect(f).toMatchObject({ key: "pledge.sealed", value: false, raw: "申请单位（盖章）：" });
    expect(f!.confidence).toBeLessThan(0.8);
  }, T);

  it("the Hunan form's pledge page is not stamped", async () => {
    const f = await sealed("fixtures/packages/hunan-ai-model-b/2025年湖南省人工智能大模型项目申报书（湘江智语）.pdf", "pledge", [3, 3]);
    expect(f).toMatchObject({ key: "pledge.sealed", value: false });
    expect(f!.evidence[0]!.box).toBeDefined();
  }, T);

  it("cover.sealed: the rescanned, stamped cover of the PDF export; not the Word form's cover", async () => {
    const pdf = await sealed(`${WUHAN_A}.pdf`, "application-form", [1, 4]);
    expect(pdf).toMatchObject({ key: "cover.sealed", value: true, extractor: "rule:seal" });
    expect(pdf!.evidence[0]).toMatchObject({ page: 1, box: expect.any(Object) });
    const docx = await sealed(`${WUHAN_A}.docx`, "application-form", [1, 4]);
    expect(docx).toMatchObject({ key: "cover.sealed", value: false });
    expect(docx!.evidence[0]!.quote).toContain("加盖公章");
  }, T);

  it("only the cover counts: a seal on a later page of the form is not the cover's", async () => {
    const f = await sealed(`${WUHAN_A}.pdf`, "application-form", [2, 6]);
    expect(f?.value).not.toBe(true);
  }, T);
});

describe("sealedField on hand-made pages", () => {
  const withSeals = (doc: ReturnType<typeof linesDoc>, seals: Page["seals"]) => {
    doc.pages[0]!.page.seals = seals;
    return doc;
  };

  it("a seal without a line asking for it is quoted as 「（公章）」", () => {
    const doc = withSeals(linesDoc("pledge", ["本单位郑重承诺"]), [{ box: { x: 10, y: 10, w: 100, h: 100 }, confidence: 0.9 }]);
    expect(sealedField(doc, "pledge.sealed", "pledge")).toMatchObject({ value: true, raw: "（公章）", evidence: [{ quote: "（公章）", box: { x: 10 } }] });
  });

  it("weak blobs are not seals; no seal and no 盖章 line gives no field", () => {
    const weak = withSeals(linesDoc("pledge", ["申请单位（盖章）："]), [{ confidence: 0.3 }]);
    expect(sealsOn(weak.pages)).toEqual([]);
    expect(sealedField(weak, "pledge.sealed", "pledge")).toMatchObject({ value: false });
    expect(sealedField(linesDoc("pledge", ["本单位郑重承诺"]), "pledge.sealed", "pledge")).toBeNull();
  });

  it("with several 盖章 lines, quotes the one nearest the seal", () => {
    const doc = linesDoc("pledge", []);
    const page = doc.pages[0]!.page;
    page.lines = [
      { text: "申报单位（盖章）：", box: { x: 50, y: 100, w: 120, h: 14 }, source: "text", confidence: 1 },
      { text: "推荐单位（盖章）：", box: { x: 50, y: 600, w: 120, h: 14 }, source: "text", confidence: 1 },
    ];
    page.seals = [{ box: { x: 150, y: 540, w: 110, h: 110 }, confidence: 0.95 }];
    expect(sealedField(doc, "pledge.sealed", "pledge")?.raw).toBe("推荐单位（盖章）：");
  });
});
