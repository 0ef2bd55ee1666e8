/**
 * File type by content, never by extension: applicants rename files, and a .docx that is really a PDF
 * must still be read as a PDF. The extension only refines the label of formats that share a container
 * (OLE2 holds .doc, .wps, .xls …).
 */
import type { FileKind } from "../model.js";

export interface Sniffed {
  kind: FileKind;
  /** Detail: jpeg, png, tiff, bmp, webp, gif, xlsx, pptx, odt, rar, 7z, ole-encrypted-ooxml, … */
  format?: string;
}

const WORD_EXTENSIONS = new Set([".docx", ".docm", ".dotx", ".dotm"]);

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function startsWith(buf: Buffer, bytes: number[] | string, offset = 0): boolean {
  const b = typeof bytes === "string" ? Buffer.from(bytes, "latin1") : Buffer.from(bytes);
  return buf.length >= offset + b.length && buf.subarray(offset, offset + b.length).equals(b);
}

function has(buf: Buffer, s: string, encoding: BufferEncoding = "latin1"): boolean {
  return buf.includes(Buffer.from(s, encoding));
}

/** Names in the zip's central directory (only this archive's own entries, not those of nested files). */
function centralDirectoryNames(buf: Buffer): string[] {
  const minEocd = Math.max(0, buf.length - 22 - 0xffff);
  for (let at = buf.length - 22; at >= minEocd; at--) {
    if (buf.readUInt32LE(at) !== 0x06054b50) continue;
    const size = buf.readUInt32LE(at + 12);
    let offset = buf.readUInt32LE(at + 16);
    const end = Math.min(buf.length, offset + size);
    const names: string[] = [];
    while (offset + 46 <= end && buf.readUInt32LE(offset) === 0x02014b50) {
      const nameLength = buf.readUInt16LE(offset + 28);
      const extraLength = buf.readUInt16LE(offset + 30);
      const commentLength = buf.readUInt16LE(offset + 32);
      names.push(buf.toString("latin1", offset + 46, offset + 46 + nameLength));
      offset += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  }
  return [];
}

function sniffZip(buf: Buffer, extension: string): Sniffed {
  const list = centralDirectoryNames(buf);
  const names = new Set(list);
  if (names.has("word/document.xml")) return { kind: "docx" };
  // An Office package (it has [Content_Types].xml) with Word parts but no main document, or one named .docx:
  // a damaged Word file, which the .docx reader reports as such, not a zip of loose XML files.
  if (names.has("[Content_Types].xml") && (list.some((n) => n.startsWith("word/")) || WORD_EXTENSIONS.has(extension))) {
    return { kind: "docx" };
  }
  if (names.has("OFD.xml")) return { kind: "ofd" };
  if (names.has("xl/workbook.xml")) return { kind: "unknown", format: "xlsx" };
  if (names.has("ppt/presentation.xml")) return { kind: "unknown", format: "pptx" };
  // ODF stores its mimetype as the first, uncompressed entry.
  if (names.has("mimetype") && has(buf.subarray(0, 200), "application/vnd.oasis.opendocument.text")) {
    return { kind: "unknown", format: "odt" };
  }
  return { kind: "zip" };
}

function sniffOle(buf: Buffer, extension: string): Sniffed {
  // Directory entry names are UTF-16LE.
  if (has(buf, "EncryptedPackage", "utf16le")) return { kind: "docx", format: "ole-encrypted-ooxml" };
  if (has(buf, "WordDocument", "utf16le")) return { kind: extension === ".wps" ? "wps" : "doc" };
  if (extension === ".wps") return { kind: "wps" };
  if (has(buf, "Workbook", "utf16le") || has(buf, "Book", "utf16le")) return { kind: "unknown", format: "xls" };
  if (has(buf, "PowerPoint Document", "utf16le")) return { kind: "unknown", format: "ppt" };
  return { kind: "unknown", format: "ole" };
}

function looksLikeText(buf: Buffer): boolean {
  const head = buf.subarray(0, 4096);
  if (head.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, lastCompleteUtf8(head)));
    return true;
  } catch {
    return false;
  }
}

/** Length of `buf` without a trailing, cut-off UTF-8 sequence. */
function lastCompleteUtf8(buf: Buffer): number {
  let i = buf.length;
  for (let back = 0; back < 4 && i > 0; back++) {
    const byte = buf[i - 1]!;
    if ((byte & 0xc0) !== 0x80) {
      const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return back + 1 >= need ? buf.length : i - 1;
    }
    i--;
  }
  return buf.length;
}

/** Decide the kind of a file from its bytes; `fileName` only disambiguates OLE2 containers. */
export function sniff(buf: Buffer, fileName = ""): Sniffed {
  const extension = (/\.[^./\\]+$/.exec(fileName)?.[0] ?? "").toLowerCase();
  if (buf.length === 0) return { kind: "empty" };
  // Container magic at offset 0 decides first: a zip made without compression (`zip -0`) or whose first
  // entry is a PDF has `%PDF-` in its first KiB, and is still a zip.
  if (startsWith(buf, "PK\x03\x04") || startsWith(buf, "PK\x05\x06")) return sniffZip(buf, extension);
  if (startsWith(buf, [...OLE_MAGIC])) return sniffOle(buf, extension);
  // PDF writers may put junk before the header; readers (Acrobat) accept it within the first KiB.
  if (buf.subarray(0, 1024).includes(Buffer.from("%PDF-"))) return { kind: "pdf" };
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return { kind: "image", format: "jpeg" };
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: "image", format: "png" };
  if (startsWith(buf, "II*\x00") || startsWith(buf, "MM\x00*")) return { kind: "image", format: "tiff" };
  if (startsWith(buf, "BM") && buf.length > 26 && buf.readUInt32LE(2) <= buf.length + 16)
    return { kind: "image", format: "bmp" };
  if (startsWith(buf, "RIFF") && startsWith(buf, "WEBP", 8)) return { kind: "image", format: "webp" };
  if (startsWith(buf, "GIF87a") || startsWith(buf, "GIF89a")) return { kind: "image", format: "gif" };
  if (startsWith(buf, "Rar!\x1a\x07")) return { kind: "unknown", format: "rar" };
  if (startsWith(buf, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return { kind: "unknown", format: "7z" };
  if (startsWith(buf, "{\\rtf")) return { kind: "unknown", format: "rtf" };
  if (looksLikeText(buf)) return { kind: "text" };
  return { kind: "unknown" };
}

const KIND_BY_EXTENSION: Record<string, FileKind> = {
  ".pdf": "pdf",
  ".docx": "docx",
  ".doc": "doc",
  ".wps": "wps",
  ".ofd": "ofd",
  ".zip": "zip",
  ".jpg": "image",
  ".jpeg": "image",
  ".png": "image",
  ".tif": "image",
  ".tiff": "image",
  ".bmp": "image",
  ".webp": "image",
  ".gif": "image",
};

/** How a kind is named to applicants. */
export const KIND_LABEL: Record<FileKind, string> = {
  pdf: "PDF",
  docx: "Word（.docx）",
  doc: "旧版Word（.doc）",
  wps: "WPS文字（.wps）",
  ofd: "OFD版式文件",
  zip: "zip压缩包",
  image: "图片",
  text: "纯文本",
  empty: "空文件",
  unknown: "未知格式",
};

/** The extension's kind when it contradicts the bytes (a PDF named .docx), else null. */
export function extensionMismatch(fileName: string, sniffed: Sniffed): FileKind | null {
  const extension = (/\.[^./\\]+$/.exec(fileName)?.[0] ?? "").toLowerCase();
  const claimed = KIND_BY_EXTENSION[extension];
  if (!claimed || sniffed.kind === "empty" || sniffed.kind === "unknown" || sniffed.kind === "text") return null;
  return claimed === sniffed.kind ? null : claimed;
}
