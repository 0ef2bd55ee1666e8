/**
 * A small BMP decoder (sharp/libvips cannot read BMP). Handles what scanners and Windows tools write:
 * 1/4/8-bit palette, 16-bit 5-5-5 / bit fields, 24-bit, 32-bit (plain or bit fields), any header version
 * (40/52/56/108/124 bytes), bottom-up or top-down rows. RLE-compressed BMPs are rare and rejected.
 * bmp-js (already installed via tesseract.js) assumes a 40-byte header and ignores the pixel-data offset,
 * so V4/V5 BMPs came out shifted.
 */

export interface BmpHeader {
  width: number;
  height: number;
  /** Resolution from the header when it states one (pixels per metre → dpi). */
  dpi?: number;
}

export interface DecodedBmp extends BmpHeader {
  /** RGB, 3 bytes per pixel, top row first. */
  rgb: Buffer;
}

const BI_RGB = 0;
const BI_BITFIELDS = 3;
const BI_ALPHABITFIELDS = 6;

export function isBmp(buf: Buffer): boolean {
  return buf.length >= 26 && buf[0] === 0x42 && buf[1] === 0x4d;
}

/** Reads only the header: for the pixel guard before any decoding. */
export function readBmpHeader(buf: Buffer): BmpHeader {
  if (!isBmp(buf) || buf.length < 54) throw new Error("not a BMP file");
  const headerSize = buf.readUInt32LE(14);
  if (headerSize < 40) throw new Error("unsupported BMP core header");
  const width = buf.readInt32LE(18);
  const height = Math.abs(buf.readInt32LE(22));
  if (width <= 0 || height <= 0) throw new Error("BMP has no size");
  const ppm = buf.readInt32LE(38);
  const dpi = ppm > 0 ? Math.round(ppm * 0.0254) : undefined;
  return { width, height, ...(dpi ? { dpi } : {}) };
}

function channelMask(mask: number): { shift: number; max: number } {
  if (mask === 0) return { shift: 0, max: 0 };
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  return { shift, max: mask >>> shift };
}

export function decodeBmp(buf: Buffer): DecodedBmp {
  const header = readBmpHeader(buf);
  const { width, height } = header;
  const headerSize = buf.readUInt32LE(14);
  const dataOffset = buf.readUInt32LE(10);
  const topDown = buf.readInt32LE(22) < 0;
  const bpp = buf.readUInt16LE(28);
  const compression = buf.readUInt32LE(30);
  if (![BI_RGB, BI_BITFIELDS, BI_ALPHABITFIELDS].includes(compression)) throw new Error("compressed BMP is not supported");
  const stride = Math.ceil((width * bpp) / 32) * 4;
  if (dataOffset + stride * height > buf.length) throw new Error("BMP pixel data is truncated");

  let palette: number[][] = [];
  if (bpp <= 8) {
    const colours = buf.readUInt32LE(46) || 1 << bpp;
    const start = 14 + headerSize;
    palette = Array.from({ length: colours }, (_, i) => {
      const p = start + i * 4;
      return [buf[p + 2] ?? 0, buf[p + 1] ?? 0, buf[p] ?? 0];
    });
  }
  // Bit-field masks follow a 40-byte header, or sit inside V2+ headers at the same offset.
  const masks =
    compression === BI_RGB
      ? bpp === 16
        ? [0x7c00, 0x03e0, 0x001f]
        : [0xff0000, 0x00ff00, 0x0000ff]
      : [buf.readUInt32LE(54), buf.readUInt32LE(58), buf.readUInt32LE(62)];
  const channels = masks.map(channelMask);

  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = dataOffset + (topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const out = (y * width + x) * 3;
      let colour: number[] | undefined;
      if (bpp <= 8) {
        const bit = x * bpp;
        const index = ((buf[row + (bit >> 3)] ?? 0) >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1);
        colour = palette[index] ?? [0, 0, 0];
      } else if (bpp === 24) {
        const p = row + x * 3;
        colour = [buf[p + 2] ?? 0, buf[p + 1] ?? 0, buf[p] ?? 0];
      } else if (bpp === 16 || bpp === 32) {
        const value = bpp === 16 ? buf.readUInt16LE(row + x * 2) : buf.readUInt32LE(row + x * 4);
        colour = channels.map(({ shift, max }) => (max ? Math.round((((value >>> shift) & max) * 255) / max) : 0));
      } else {
        throw new Error(`unsupported BMP bit depth ${bpp}`);
      }
      rgb[out] = colour[0] ?? 0;
      rgb[out + 1] = colour[1] ?? 0;
      rgb[out + 2] = colour[2] ?? 0;
    }
  }
  return { ...header, rgb };
}
