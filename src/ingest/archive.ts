/**
 * Expands one .zip of a package. Windows' built-in compressor stores Chinese names in GBK without the
 * UTF-8 flag; we decode them. Entries that could escape the extraction root, symlinks, encrypted entries
 * and bombs are refused one by one with a finding; the rest of the archive is still read.
 */
import iconv from "iconv-lite";
import type { Finding } from "../model.js";
import type { IngestLimits } from "./context.js";
import { IngestError } from "./errors.js";
import { ingestFinding } from "./findings.js";
import { readZip, ZipEntryTooLargeError, ZipTooManyEntriesError, type ZipEntry } from "./_internal/zip-read.js";

export interface ArchiveMember {
  path: string;
  bytes: Buffer;
}

export interface Expanded {
  members: ArchiveMember[];
  findings: Finding[];
}

/** Zip compression methods other than stored (0) and deflate (8), by APPNOTE number: none of them is read. */
const COMPRESSION_METHODS: Record<number, string> = {
  1: "Shrink",
  6: "Implode",
  9: "Deflate64",
  12: "BZIP2",
  14: "LZMA",
  19: "LZ77",
  93: "Zstandard",
  95: "XZ",
  96: "JPEG",
  97: "WavPack",
  98: "PPMd",
  99: "AES加密",
};

/**
 * Entry name as text: UTF-8 when flagged; otherwise UTF-8 if the bytes are valid UTF-8 (macOS and Linux
 * tools often omit the flag), else GB18030, a superset of the GBK that Chinese Windows writes.
 */
export function decodeEntryName(entry: Pick<ZipEntry, "nameBytes" | "utf8">): string {
  if (entry.utf8) return entry.nameBytes.toString("utf8");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(entry.nameBytes);
  } catch {
    return iconv.decode(entry.nameBytes, "gb18030");
  }
}

/** A safe relative path, or null when the name is absolute, has a drive letter or climbs out with `..`. */
export function safeEntryPath(name: string): string | null {
  const normal = name.replace(/\\/g, "/");
  if (normal.startsWith("/") || /^[A-Za-z]:/.test(normal)) return null;
  const parts = normal.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.some((p) => p === "..")) return null;
  return parts.join("/");
}

export async function expandArchive(buf: Buffer, archivePath: string, limits: IngestLimits): Promise<Expanded> {
  const out: Expanded = { members: [], findings: [] };
  const refuse = (name: string, error: IngestError) =>
    out.findings.push(ingestFinding(`${archivePath}/${name}`, error));
  let entries: ZipEntry[];
  try {
    entries = await readZip(buf, { maxEntries: limits.maxArchiveEntries });
  } catch (cause) {
    const error =
      cause instanceof ZipTooManyEntriesError
        ? new IngestError(
            "zip-bomb",
            `压缩包内文件数过多（上限${limits.maxArchiveEntries}个），未读取`,
            "请精简压缩包内容后重新提交",
          )
        : new IngestError("corrupt", "压缩包已损坏或不完整，无法打开", "请重新打包（zip格式）后提交", { cause });
    out.findings.push(ingestFinding(archivePath, error));
    return out;
  }
  let total = 0;
  for (const entry of entries) {
    const name = decodeEntryName(entry);
    if (entry.isDirectory) continue;
    const safe = safeEntryPath(name);
    if (safe === null) {
      refuse(
        name,
        new IngestError(
          "zip-unsafe-path",
          "压缩包中的文件路径不安全（绝对路径或包含“../”），已拒绝读取",
          "请将材料放在压缩包内的普通文件夹中重新打包",
        ),
      );
      continue;
    }
    if (entry.isSymlink) {
      refuse(
        safe,
        new IngestError(
          "zip-symlink",
          "压缩包中的条目是符号链接，已拒绝读取",
          "请直接打包文件本身，不要打包快捷方式或链接",
        ),
      );
      continue;
    }
    if (entry.encrypted) {
      refuse(safe, new IngestError("encrypted", "压缩包中的文件已加密，无法读取", "请提供未加密的压缩包"));
      continue;
    }
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      const method = COMPRESSION_METHODS[entry.compressionMethod] ?? `编号${entry.compressionMethod}`;
      refuse(
        safe,
        new IngestError(
          "unsupported",
          `压缩包中的该文件使用了不支持的压缩方式（${method}），无法解压`,
          "请用 Windows 自带的“压缩为 zip 文件”或 zip 格式的标准压缩方式（Deflate）重新打包后提交",
        ),
      );
      continue;
    }
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (
      entry.uncompressedSize > limits.maxFileBytes ||
      (entry.uncompressedSize > 1024 * 1024 && ratio > limits.maxCompressionRatio)
    ) {
      refuse(
        safe,
        new IngestError(
          "zip-bomb",
          `解压后体积异常（压缩比约${Math.round(ratio)}:1，解压后约${Math.round(entry.uncompressedSize / 1024 / 1024)}MB），疑似压缩炸弹，已拒绝读取`,
          "请检查该文件，确认无误后直接提交原文件",
        ),
      );
      continue;
    }
    total += entry.uncompressedSize;
    if (total > limits.maxArchiveBytes) {
      refuse(
        safe,
        new IngestError("zip-bomb", "压缩包解压后总体积超过上限，其余文件未读取", "请拆分为多个压缩包后提交"),
      );
      break;
    }
    try {
      const bytes = await entry.read(Math.min(limits.maxFileBytes, entry.uncompressedSize));
      out.members.push({ path: `${archivePath}/${safe}`, bytes });
    } catch (cause) {
      refuse(
        safe,
        cause instanceof ZipEntryTooLargeError
          ? new IngestError(
              "zip-bomb",
              "解压后的实际大小超过声明大小，疑似压缩炸弹，已拒绝读取",
              "请检查该文件，确认无误后直接提交原文件",
            )
          : new IngestError("corrupt", "压缩包中的该文件已损坏，无法解压", "请重新打包后提交", { cause }),
      );
    }
  }
  return out;
}
