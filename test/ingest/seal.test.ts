import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ingest } from "../../src/ingest/ingest.js";
import { detectSeals, hasColour, turnBox, type DetectedSeal } from "../../src/ingest/_internal/seal-detect.js";
import { PageSchema, type Box, type Page } from "../../src/model.js";
import { sharedCacheDir } from "../_support/cache.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const T = 180_000;

async function detectFile(rel: string): Promise<{ seals: DetectedSeal[]; width: number; height: number }> {
  const file = path.join(ROOT, rel);
  const density = (await sharp(file).metadata()).density;
  const { data, info } = await sharp(file).flatten({ background: "#fff" }).raw().toBuffer({ resolveWithObject: true });
  const dpi = density && density !== 72 ? density : undefined;
  return { seals: detectSeals(data, info, dpi ? { dpi } : {}), width: info.width, height: info.height };
}

/** Centre of a box as a share of the page (0..1 each way). */
const at = (b: Box, width: number, height: number) => [(b.x + b.w / 2) / width, (b.y + b.h / 2) / height] as const;

async function pagesOf(rel: string): Promise<Page[]> {
  const pkg = await ingest([path.join(ROOT, rel)], { cacheDir: sharedCacheDir() });
  const pages = pkg.files[0]!.pages;
  for (const p of pages) PageSchema.parse(p);
  return pages;
}

/** A white RGB(A) canvas with SVG drawn on it, as raw pixels. */
async function canvas(svg: string, w: number, h: number, alpha = false) {
  const img = sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${svg}</svg>`));
  const out = alpha ? img.ensureAlpha() : img.flatten({ background: "#fff" });
  return out.raw().toBuffer({ resolveWithObject: true });
}

describe("detectSeals on fixture images", () => {
  it.each([
    // [file, expected centre quadrant: [x share range], [y share range]]
    ["fixtures/packages/wuhan-vertical-a/营业执照.jpg", [0.6, 0.95], [0.6, 0.95]],
    ["fixtures/ocr/license-degraded.jpg", [0.2, 0.5], [0.3, 0.7]],
  ] as const)("%s: one seal, where it is stamped", async (rel, xs, ys) => {
    const { seals, width, height } = await detectFile(rel);
    expect(seals).toHaveLength(1);
    const [cx, cy] = at(seals[0]!.box, width, height);
    expect(cx).toBeGreaterThan(xs[0]);
    expect(cx).toBeLessThan(xs[1]);
    expect(cy).toBeGreaterThan(ys[0]);
    expect(cy).toBeLessThan(ys[1]);
    expect(seals[0]!.confidence).toBeGreaterThanOrEqual(0.85);
    expect(seals[0]!.box.w / seals[0]!.box.h).toBeCloseTo(1, 1);
  });

  it.each(["fixtures/ocr/license-clean.png", "fixtures/form-scans/wuhan-vertical-a-p2.jpg", "fixtures/form-scans/hunan-ai-model-b-p4.jpg"])(
    "%s: no seal",
    async (rel) => {
      expect((await detectFile(rel)).seals).toEqual([]);
    },
  );

  it("red ink that is no seal: 红头 title, rule, filled emblem, square name stamp, a big red character", async () => {
    expect((await detectFile("fixtures/seals/red-header.png")).seals).toEqual([]);
  });

  it("an oval 财务专用章 over text, with less confidence than a round seal", async () => {
    const { seals, width, height } = await detectFile("fixtures/seals/oval-seal.png");
    expect(seals).toHaveLength(1);
    const s = seals[0]!;
    expect(s.box.w / s.box.h).toBeGreaterThan(1.33);
    expect(s.confidence).toBeLessThan(0.8);
    const [cx, cy] = at(s.box, width, height);
    expect(cx).toBeGreaterThan(0.5);
    expect(cy).toBeGreaterThan(0.5);
  });
});

describe("detectSeals on drawn shapes", () => {
  const ring = (cx: number, cy: number, r: number) =>
    `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="#d7181f" stroke-width="${r * 0.08}"/>` +
    `<circle cx="${cx}" cy="${cy}" r="${r * 0.15}" fill="#d7181f"/>`;

  it("a red ring with a dot is a seal; a filled red disc and a black ring are not", async () => {
    const { data, info } = await canvas(
      ring(150, 150, 100) + `<circle cx="450" cy="150" r="100" fill="#d7181f"/><circle cx="750" cy="150" r="100" fill="none" stroke="#111" stroke-width="8"/>`,
      900, 300,
    );
    const seals = detectSeals(data, info);
    expect(seals).toHaveLength(1);
    expect(seals[0]!.box.x).toBeLessThan(60);
    expect(seals[0]!.diameterPx).toBeGreaterThan(190);
    expect(seals[0]!.diameterPx).toBeLessThan(215);
  });

  it("judges size in cm when the resolution is known", async () => {
    const { data, info } = await canvas(ring(150, 150, 100), 300, 300);
    // 200 px across: 3.4 cm at 150 dpi, 17 cm at 30 dpi, 0.85 cm at 600 dpi.
    expect(detectSeals(data, info, { dpi: 150 })).toHaveLength(1);
    expect(detectSeals(data, info, { dpi: 30 })).toEqual([]);
    expect(detectSeals(data, info, { dpi: 600 })).toEqual([]);
  });

  it("composites RGBA on white (a seal image's transparent pixels are often black) and ignores greyscale", async () => {
    const rgba = await canvas(ring(120, 120, 100), 240, 240, true);
    expect(rgba.info.channels).toBe(4);
    expect(detectSeals(rgba.data, rgba.info)).toHaveLength(1);
    const grey = await sharp(rgba.data, { raw: rgba.info }).flatten({ background: "#fff" }).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect(detectSeals(grey.data, grey.info)).toEqual([]);
  });

  it("turnBox maps a seal box the way a quarter turn moves the image", async () => {
    const { data, info } = await canvas(ring(130, 200, 80), 600, 400);
    const [upright] = detectSeals(data, info);
    for (const turn of [90, 180, 270] as const) {
      const turned = await sharp(data, { raw: info }).rotate(turn).raw().toBuffer({ resolveWithObject: true });
      const [seen] = detectSeals(turned.data, turned.info);
      const mapped = turnBox(upright!.box, info.width, info.height, turn);
      for (const k of ["x", "y", "w", "h"] as const) expect(Math.abs(mapped[k] - seen!.box[k])).toBeLessThanOrEqual(3);
    }
  });
});

describe("seals on ingested pages (page coordinates)", () => {
  it("the stamped PDF export: rescanned cover, electronic seal on the pledge, the licence copy's seal", async () => {
    const pages = await pagesOf("fixtures/packages/wuhan-vertical-a/武汉市垂直行业模型项目申报书.pdf");
    expect(pages.map((p) => p.seals?.length ?? 0)).toEqual([1, 0, 0, 0, 1, 1]);
    const centre = (i: number) => at(pages[i]!.seals![0]!.box!, pages[i]!.width, pages[i]!.height);
    // Cover: over 「（加盖公章）」, right of centre in the upper third.
    expect(centre(0)[0]).toBeGreaterThan(0.55);
    expect(centre(0)[1]).toBeLessThan(0.35);
    // Pledge: beside 「申请单位（盖章）：」, left half, upper half.
    expect(centre(4)[0]).toBeLessThan(0.5);
    expect(centre(4)[1]).toBeLessThan(0.5);
    expect(pages[4]!.seals![0]!.box!.w).toBeGreaterThan(90); // drawn 120 pt wide with a margin
    // The registrar's seal bottom-right in the licence photo pasted on page 6.
    expect(centre(5)[0]).toBeGreaterThan(0.6);
    expect(pages[5]!.seals![0]!.image).toBe(0);
  }, T);

  it("a scanned, stamped 承诺书: the seal over 「申请单位（盖章）」 in the lower half", async () => {
    const [page] = await pagesOf("fixtures/packages/wuhan-vertical-c/承诺书（盖章扫描件）.pdf");
    expect(page!.seals).toHaveLength(1);
    const [cx, cy] = at(page!.seals![0]!.box!, page!.width, page!.height);
    expect(cx).toBeGreaterThan(0.3);
    expect(cx).toBeLessThan(0.6);
    expect(cy).toBeGreaterThan(0.65);
  }, T);

  it("an image file: the licence's seal in image pixels", async () => {
    const [page] = await pagesOf("fixtures/packages/wuhan-vertical-a/营业执照.jpg");
    expect(page!.unit).toBe("px");
    expect(page!.seals).toHaveLength(1);
    const [cx, cy] = at(page!.seals![0]!.box!, page!.width, page!.height);
    expect(cx).toBeGreaterThan(0.7);
    expect(cy).toBeGreaterThan(0.7);
  }, T);

  it("a crooked scan: the seal's box is in the straightened frame the text's boxes are in", async () => {
    const rel = "fixtures/packages/wuhan-vertical-a/营业执照.jpg";
    const [page] = await pagesOf(rel);
    const skew = page!.ocr!.skew!;
    expect(Math.abs(skew)).toBeGreaterThan(1);
    // The raw detection is in the crooked image; turned back by the skew about the centre, it lands on the page's box.
    const raw = (await detectFile(rel)).seals[0]!.box;
    const t = (-skew * Math.PI) / 180;
    const [cx, cy] = [page!.width / 2, page!.height / 2];
    const [rx, ry] = [raw.x + raw.w / 2 - cx, raw.y + raw.h / 2 - cy];
    const want = [cx + Math.cos(t) * rx - Math.sin(t) * ry, cy + Math.sin(t) * rx + Math.cos(t) * ry];
    const box = page!.seals![0]!.box!;
    const got = [box.x + box.w / 2, box.y + box.h / 2];
    expect(Math.hypot(got[0]! - want[0]!, got[1]! - want[1]!)).toBeLessThan(4);
    expect(Math.hypot(got[0]! - (raw.x + raw.w / 2), got[1]! - (raw.y + raw.h / 2))).toBeGreaterThan(8);
  }, T);

  it("the Word form: no seal on its pages, the licence image on page 6 has one (no box: DOCX has no coordinates)", async () => {
    const pages = await pagesOf("fixtures/packages/wuhan-vertical-a/武汉市垂直行业模型项目申报书.docx");
    expect(pages.map((p) => p.seals?.length ?? 0)).toEqual([0, 0, 0, 0, 0, 1]);
    expect(pages[5]!.seals![0]).toEqual({ confidence: expect.any(Number), image: 0 });
  }, T);
});

describe("hasColour: whether a red seal could show on a scan at all", () => {
  it("is true for the colour licence photo and false for the same page scanned in black and white (kept as RGB JPEG)", async () => {
    const file = path.join(import.meta.dirname, "../../fixtures/packages/wuhan-vertical-a/营业执照.jpg");
    const colour = await sharp(file).resize({ width: 800 }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(hasColour(colour.data, colour.info)).toBe(true);
    const grayJpeg = await sharp(file).resize({ width: 800 }).grayscale().toColourspace("srgb").jpeg({ quality: 60 }).toBuffer();
    const gray = await sharp(grayJpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(gray.info.channels).toBe(3);
    expect(hasColour(gray.data, gray.info)).toBe(false);
  });
});
