import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extensionMismatch, sniff } from "../../src/ingest/sniff.js";

const fixtures = path.resolve(import.meta.dirname, "../../fixtures");
const read = (p: string) => readFile(path.join(fixtures, p));

describe("sniff decides by bytes, not by extension", () => {
  it("sees a PDF named .docx as a PDF, and says the extension is wrong", async () => {
    const name = "bad/改了扩展名的申报书.docx";
    const sniffed = sniff(await read(name), name);
    expect(sniffed.kind).toBe("pdf");
    expect(extensionMismatch(name, sniffed)).toBe("docx");
  });

  it("recognises empty files, zips, OFD, RAR and text posing as an image", async () => {
    expect(sniff(await read("bad/空文件.pdf")).kind).toBe("empty");
    expect(sniff(await read("zip/windows-gbk.zip")).kind).toBe("zip");
    expect(sniff(await read("bad/电子发票.ofd")).kind).toBe("ofd");
    expect(sniff(await read("bad/材料.rar"))).toEqual({ kind: "unknown", format: "rar" });
    expect(sniff(await read("bad/营业执照.png")).kind).toBe("text");
  });

  it("recognises every image format the OCR fixtures use", async () => {
    expect(sniff(await read("ocr/license-clean.png")).format).toBe("png");
    expect(sniff(await read("ocr/license-degraded.jpg")).format).toBe("jpeg");
    expect(sniff(await read("ocr/license-2pages.tif")).format).toBe("tiff");
    expect(sniff(await read("ocr/license-bw.bmp")).format).toBe("bmp");
    expect(sniff(await read("ocr/license.webp")).format).toBe("webp");
  });

  it("tells .docx apart from a plain zip", async () => {
    const docx = await read("zip/windows-gbk.zip");
    expect(sniff(docx).kind).toBe("zip");
  });
});
