/**
 * Opens a .docx (an OPC zip): finds the main document part through the package relationships, and gives
 * size-guarded access to the other parts (styles, images).
 */
import path from "node:path";
import type { IngestLimits } from "../context.js";
import { IngestError } from "../errors.js";
import { attr, children, parseXml, type Element } from "./docx-xml.js";
import { readZip, ZipEntryTooLargeError, ZipTooManyEntriesError, type ZipEntry } from "./zip-read.js";

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Below this, a high compression ratio is harmless (and normal for repetitive XML). */
const RATIO_CHECK_MIN_BYTES = 16 * 1024 * 1024;

export interface Relationship {
  /** Part path inside the package (no leading slash), or the URL when external. */
  target: string;
  type: string;
  external: boolean;
}

export interface DocxPackage {
  /** w:body of the main document part. */
  body: Element;
  /** Relationships of the main document part by id. */
  rels: Map<string, Relationship>;
  /** Parsed part XML (root element), or undefined when absent. */
  xmlPart(partPath: string): Promise<Element | undefined>;
  /** Raw part bytes, or undefined when absent. */
  part(partPath: string): Promise<Buffer | undefined>;
}

export function corruptDocx(cause?: unknown): IngestError {
  return new IngestError("corrupt", "Word文件已损坏或不是有效的.docx文件", "请用Word重新另存为.docx或导出PDF后提交", {
    cause,
  });
}

function zipBomb(cause: unknown): IngestError {
  return new IngestError(
    "zip-bomb",
    "Word文件内部数据解压后超出大小限制，疑似异常文件",
    "请用Word重新另存为.docx（必要时压缩图片）或导出PDF后提交",
    { cause },
  );
}

export async function openDocx(buf: Buffer, limits: IngestLimits): Promise<DocxPackage> {
  if (buf.subarray(0, 8).equals(OLE_MAGIC)) {
    // Password-protected OOXML is stored as an OLE file holding EncryptionInfo + EncryptedPackage.
    if (buf.includes(Buffer.from("EncryptionInfo", "utf16le")) || buf.includes(Buffer.from("EncryptedPackage", "utf16le"))) {
      throw new IngestError("encrypted", "Word文件已设置打开密码，无法读取内容", "请取消密码保护后重新保存，或导出为PDF提交");
    }
    throw corruptDocx();
  }
  let entries: ZipEntry[];
  try {
    entries = await readZip(buf, { maxEntries: limits.maxArchiveEntries });
  } catch (e) {
    throw e instanceof ZipTooManyEntriesError ? zipBomb(e) : corruptDocx(e);
  }
  const byName = new Map<string, ZipEntry>();
  for (const e of entries) if (!e.isDirectory) byName.set(e.nameBytes.toString("utf8").replace(/^\//, "").toLowerCase(), e);

  let budget = limits.maxArchiveBytes;
  const part = async (partPath: string): Promise<Buffer | undefined> => {
    const entry = byName.get(partPath.replace(/^\//, "").toLowerCase());
    if (!entry) return undefined;
    if (entry.encrypted) {
      throw new IngestError("encrypted", "Word文件内容已加密，无法读取", "请取消加密后重新保存，或导出为PDF提交");
    }
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > RATIO_CHECK_MIN_BYTES && ratio > limits.maxCompressionRatio) throw zipBomb(undefined);
    try {
      const data = await entry.read(Math.min(limits.maxFileBytes, budget));
      budget -= data.length;
      return data;
    } catch (e) {
      throw e instanceof ZipEntryTooLargeError ? zipBomb(e) : corruptDocx(e);
    }
  };
  const xmlPart = async (partPath: string): Promise<Element | undefined> => {
    const data = await part(partPath);
    if (!data) return undefined;
    try {
      return parseXml(data.toString("utf8"), partPath);
    } catch (e) {
      throw corruptDocx(e);
    }
  };

  const rootRels = await readRels(xmlPart, "");
  const main = [...rootRels.values()].find((r) => r.type.endsWith("/officeDocument") && !r.external)?.target ?? "word/document.xml";
  const doc = await xmlPart(main);
  const body = doc && children(doc, "body")[0];
  if (!body) throw corruptDocx();
  return { body, rels: await readRels(xmlPart, main), xmlPart, part };
}

/** Relationships of `sourcePart` ("" for the package itself), targets resolved to part paths. */
export async function readRels(
  xmlPart: DocxPackage["xmlPart"],
  sourcePart: string,
): Promise<Map<string, Relationship>> {
  const dir = path.posix.dirname(sourcePart);
  const relsPath = path.posix.join(dir, "_rels", `${path.posix.basename(sourcePart)}.rels`);
  const root = await xmlPart(relsPath);
  const rels = new Map<string, Relationship>();
  if (!root) return rels;
  for (const r of children(root, "Relationship")) {
    const id = attr(r, "Id");
    const target = attr(r, "Target");
    if (!id || !target) continue;
    const external = attr(r, "TargetMode") === "External";
    rels.set(id, { type: attr(r, "Type") ?? "", external, target: external ? target : resolveTarget(dir, target) });
  }
  return rels;
}

function resolveTarget(dir: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    // Not percent-encoded after all; use as written.
  }
  const joined = t.startsWith("/") ? t : path.posix.join(dir === "." ? "" : dir, t);
  return path.posix.normalize(joined).replace(/^\/+/, "");
}
