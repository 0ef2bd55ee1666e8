import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { PageSchema } from "../../src/model.js";
import { DEFAULT_LIMITS, type ReaderContext } from "../../src/ingest/context.js";
import { IngestError } from "../../src/ingest/errors.js";
import { readImage } from "../../src/ingest/image.js";
import { createOcrService } from "../../src/ingest/ocr.js";
import { cer, fixture, groundTruth, textOf } from "./ocr-helpers.js";

const ocr = createOcrService({ cacheDir: false, concurrency: 2 });
afterAll(() => ocr.close());

function ctx(fileName: string, limits: Partial<ReaderContext["limits"]> = {}): ReaderContext {
  return { fileName, ocr, limits: { ...DEFAULT_LIMITS, ...limits } };
}

async function read(name: string, limits?: Partial<ReaderContext["limits"]>) {
  return readImage(fixture(name), ctx(name, limits));
}

describe("readImage", () => {
  it("applies the EXIF orientation of a JPEG before reading", async () => {
    const result = await read("license-exif6.jpg");
    expect(result.format).toBe("jpeg");
    const [page] = result.pages;
    expect(page).toMatchObject({ index: 1, unit: "px", source: "ocr", width: 2008, height: 1150 });
    expect(page!.ocr?.rotation).toBe(0);
    expect(cer(textOf(page!.lines), groundTruth("license-exif6.jpg"))).toBeLessThanOrEqual(0.03);
    expect(() => PageSchema.parse(page)).not.toThrow();
  });

  it("reads every page of a multi-page TIFF as its own Page", async () => {
    const result = await read("license-2pages.tif");
    expect(result.format).toBe("tiff");
    expect(result.pages.map((p) => p.index)).toEqual([1, 2]);
    expect(textOf(result.pages[0]!.lines)).toContain("统一社会信用代码");
    expect(textOf(result.pages[1]!.lines)).toContain("登记机关");
    const both = result.pages.map((p) => textOf(p.lines)).join("\n");
    expect(cer(both, groundTruth("license-2pages.tif"))).toBeLessThanOrEqual(0.03);
  });

  it("decodes a 1-bit BMP (which sharp cannot read)", async () => {
    const result = await read("license-bw.bmp");
    expect(result.format).toBe("bmp");
    expect(result.pages[0]).toMatchObject({ width: 1339, height: 767 });
    expect(cer(textOf(result.pages[0]!.lines), groundTruth("license-bw.bmp"))).toBeLessThanOrEqual(0.03);
  });

  it("reads WebP", async () => {
    const result = await read("license.webp");
    expect(result.format).toBe("webp");
    expect(cer(textOf(result.pages[0]!.lines), groundTruth("license.webp"))).toBeLessThanOrEqual(0.05);
  });

  it("rejects an image over the pixel limit before decoding it, in Chinese", async () => {
    const error = await read("license-clean.png", { maxImagePixels: 2_000_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect(error).toMatchObject({ code: "too-large" });
    expect((error as IngestError).reason).toContain("约231万像素");
    expect((error as IngestError).advice).toContain("200万像素以内");
  });

  it("applies the pixel guard to BMP headers too", async () => {
    await expect(read("license-bw.bmp", { maxImagePixels: 500_000 })).rejects.toMatchObject({ code: "too-large" });
  });

  it("reports bytes that are not an image, and a truncated JPEG, as corrupt", async () => {
    const notImage = await readImage(Buffer.from("%PDF-1.7 其实不是图片"), ctx("假图片.jpg")).catch((e: unknown) => e);
    expect(notImage).toBeInstanceOf(IngestError);
    expect(notImage).toMatchObject({ code: "corrupt" });
    expect((notImage as IngestError).reason).toMatch(/无法作为图片解码/);

    const jpeg = fixture("license-degraded.jpg");
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 2));
    await expect(readImage(truncated, ctx("截断.jpg"))).rejects.toMatchObject({ code: "corrupt" });

    const brokenBmp = fixture("license-bw.bmp").subarray(0, 2000);
    await expect(readImage(brokenBmp, ctx("截断.bmp"))).rejects.toMatchObject({ code: "corrupt" });
  });

  it("reports an empty file as empty", async () => {
    await expect(readImage(Buffer.alloc(0), ctx("空.png"))).rejects.toMatchObject({ code: "empty" });
  });

  it("hands a PNG with an alpha channel to OCR on white", async () => {
    const transparent = await sharp(fixture("license-clean.png"))
      .extract({ left: 0, top: 0, width: 1100, height: 400 })
      .ensureAlpha(0.6)
      .png()
      .toBuffer();
    const result = await readImage(transparent, ctx("透明.png"));
    expect(textOf(result.pages[0]!.lines)).toContain("营业执照");
  });
});
