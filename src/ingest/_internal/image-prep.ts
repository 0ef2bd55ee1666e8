/**
 * Image preparation for OCR with sharp: upright (EXIF), greyscale (red ink dropped), and scaled to
 * roughly 300 dpi (no contrast stretch: see prepareForOcr), which is where tesseract's LSTM models read CJK best.
 */
import sharp, { type Sharp } from "sharp";

/** Below this estimated resolution we upscale; tesseract loses CJK strokes under ~250 dpi. */
const MIN_DPI = 250;
const TARGET_DPI = 300;
/** Longest side of the prepared image; beyond this tesseract gets slow without reading better. */
const MAX_SIDE = 4800;
const MAX_UPSCALE = 4;
/** A4 long side in inches, used to guess the resolution of an image that does not state one. */
const A4_LONG_INCHES = 11.69;

export interface RawPixels {
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

export interface PreparedImage {
  /** Greyscale PNG, upright per EXIF, scaled. */
  png: Buffer;
  /** The same pixels, one byte each, row-major: for finding table rules and cropping cells. */
  grey: Uint8Array;
  width: number;
  height: number;
  /** Size of the upright source image before scaling: the space the caller's boxes live in. */
  sourceWidth: number;
  sourceHeight: number;
  /** Prepared px per source px. */
  scale: number;
}

export function sharpInput(image: Buffer, raw: RawPixels | undefined, maxPixels: number): Sharp {
  return raw ? sharp(image, { raw, limitInputPixels: maxPixels }) : sharp(image, { limitInputPixels: maxPixels });
}

/**
 * Density the file declares, when it looks like a real scan resolution. 72 and 96 are what most software
 * writes when it knows nothing, so they count as "unknown".
 */
function declaredDpi(density: number | undefined): number | undefined {
  if (!density || density === 72 || density === 96) return undefined;
  return density >= 50 && density <= 2400 ? density : undefined;
}

/**
 * Seal dropout: greyscale from the red channel turns red seal ink white while black and blue text stay
 * dark. Seals stamped across text (every 盖章 page) otherwise break tesseract's line finding: on the
 * degraded fixture, CER 9.1% with plain greyscale, 1.9% with dropout. The cost: text printed in red
 * (红头 titles) disappears from OCR; the colour image is untouched for any seal or title detection.
 */
function dropsRedInk(meta: { channels?: number; space?: string }): boolean {
  return (meta.channels ?? 1) >= 3 && meta.space !== "cmyk";
}

/**
 * Without a stated resolution we guess one only for page-shaped images (A4/Letter aspect, √2 ≈ 1.41),
 * assuming a whole page was scanned. A strip, a screenshot or a photo crop says nothing about its
 * resolution, and upscaling it by the A4 rule blew a 1000×200 title crop up to 260 px characters that
 * tesseract no longer recognised, so those are read as they are.
 */
function guessDpi(width: number, height: number): number | undefined {
  const longSide = Math.max(width, height);
  const aspect = longSide / Math.min(width, height);
  return aspect >= 1.25 && aspect <= 1.55 ? longSide / A4_LONG_INCHES : undefined;
}

/** The resolution to assume for an image: the caller's, else the declared one, else the A4 guess. */
export function estimateDpi(
  width: number,
  height: number,
  dpi: number | undefined,
  density: number | undefined,
): number | undefined {
  return dpi ?? declaredDpi(density) ?? guessDpi(width, height);
}

/** Longest side of the colour copy for seal detection: small enough for JPEG shrink-on-load (≥ 2×) on a 200 dpi A4 scan. */
const SEAL_SIDE = 1000;

export interface ColourThumbnail {
  data: Buffer;
  width: number;
  height: number;
  channels: 3;
  /** Size of the upright (EXIF) source image. */
  sourceWidth: number;
  sourceHeight: number;
  /** Resolution of the thumbnail, when the source's is known or guessed. */
  dpi?: number;
}

/**
 * A small upright RGB copy of a colour image (the OCR copy has its red ink dropped), or null for
 * greyscale and CMYK images, which cannot hold a red seal we could tell from black.
 */
export async function colourThumbnail(
  image: Buffer,
  opts: { raw?: RawPixels; dpi?: number; maxPixels: number },
): Promise<ColourThumbnail | null> {
  const input = sharpInput(image, opts.raw, opts.maxPixels);
  const meta = await input.metadata();
  if (!meta.width || !meta.height || !dropsRedInk(meta)) return null;
  const swaps = !opts.raw && (meta.orientation ?? 1) >= 5;
  const sourceWidth = swaps ? meta.height : meta.width;
  const sourceHeight = swaps ? meta.width : meta.height;
  const { data, info } = await input
    .autoOrient()
    .flatten({ background: "#ffffff" })
    .resize(SEAL_SIDE, SEAL_SIDE, { fit: "inside", withoutEnlargement: true })
    .removeAlpha()
    .toColourspace("srgb")
    .raw()
    .toBuffer({ resolveWithObject: true });
  const dpi = estimateDpi(sourceWidth, sourceHeight, opts.dpi, meta.density);
  const k = info.width / sourceWidth;
  return {
    data,
    width: info.width,
    height: info.height,
    channels: 3,
    sourceWidth,
    sourceHeight,
    ...(dpi ? { dpi: dpi * k } : {}),
  };
}

export function chooseScale(width: number, height: number, dpi: number | undefined): number {
  const longSide = Math.max(width, height);
  const estimated = dpi ?? guessDpi(width, height) ?? TARGET_DPI;
  let scale = estimated < MIN_DPI ? Math.min(TARGET_DPI / estimated, MAX_UPSCALE) : 1;
  if (longSide * scale > MAX_SIDE) scale = MAX_SIDE / longSide;
  return scale;
}

export async function prepareForOcr(
  image: Buffer,
  opts: { raw?: RawPixels; dpi?: number; maxPixels: number },
): Promise<PreparedImage> {
  const input = sharpInput(image, opts.raw, opts.maxPixels);
  const meta = await input.metadata();
  if (!meta.width || !meta.height) throw new Error("image has no size");
  const swaps = !opts.raw && (meta.orientation ?? 1) >= 5;
  const sourceWidth = swaps ? meta.height : meta.width;
  const sourceHeight = swaps ? meta.width : meta.height;
  const scale = chooseScale(sourceWidth, sourceHeight, opts.dpi ?? declaredDpi(meta.density));
  const width = Math.max(1, Math.round(sourceWidth * scale));
  const height = Math.max(1, Math.round(sourceHeight * scale));

  let pipeline = input.clone().autoOrient().flatten({ background: "#ffffff" });
  pipeline = dropsRedInk(meta) ? pipeline.extractChannel("red") : pipeline.greyscale();
  // No histogram stretch (sharp's normalise): on a scan with a noisy grey background it turns the noise
  // into black speckle, and tesseract then found no text at all on an A4 licence page that the plain
  // greyscale reads at ~2% CER. Tesseract binarises (Otsu) by itself.
  if (width !== sourceWidth || height !== sourceHeight)
    pipeline = pipeline.resize(width, height, { kernel: "lanczos3" });
  // One band out of the pipeline; the PNG made from it has exactly these pixels (no colour conversion here).
  const raw = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (raw.info.channels !== 1) throw new Error(`expected one band, got ${raw.info.channels}`);
  const png = await sharp(raw.data, { raw: { width: raw.info.width, height: raw.info.height, channels: 1 } })
    .png({ compressionLevel: 1 })
    .withMetadata({ density: (opts.dpi ?? declaredDpi(meta.density) ?? TARGET_DPI) * scale })
    .toBuffer();
  const grey = new Uint8Array(raw.data.buffer, raw.data.byteOffset, raw.data.length);
  return { png, grey, width: raw.info.width, height: raw.info.height, sourceWidth, sourceHeight, scale };
}

/** Rotates a prepared image clockwise by a multiple of 90°. */
export async function rotateQuarter(png: Buffer, degrees: 0 | 90 | 180 | 270): Promise<Buffer> {
  if (degrees === 0) return png;
  return sharp(png).rotate(degrees).png({ compressionLevel: 1 }).toBuffer();
}

/** A smaller copy for cheap orientation probes. */
export async function downscale(png: Buffer, factor: number): Promise<Buffer> {
  const meta = await sharp(png).metadata();
  const width = Math.max(1, Math.round((meta.width ?? 1) * factor));
  return sharp(png).resize({ width }).png({ compressionLevel: 1 }).toBuffer();
}
