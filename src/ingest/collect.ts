/**
 * Turns the user's paths (files, folders, zips) into a flat list of members with bytes, expanding
 * archives. Everything refused on the way (unsafe zip entries, unreadable paths) becomes a finding.
 */
import { constants } from "node:fs";
import { lstat, open, readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { Finding } from "../model.js";
import { expandArchive } from "./archive.js";
import type { IngestLimits } from "./context.js";
import { IngestError } from "./errors.js";
import { ingestFinding, ingestNote } from "./findings.js";
import { sniff, type Sniffed } from "./sniff.js";

export interface Member {
  /** Display path inside the package: `申报材料.zip/附件/营业执照.jpg`. */
  path: string;
  bytes: Buffer;
  sniffed: Sniffed;
  /** Absolute path on disk when the member is a real file (not inside an archive). */
  diskPath?: string;
}

export interface Collected {
  members: Member[];
  findings: Finding[];
  /** Bytes of all members so far (the package budget, limits.maxPackageBytes). */
  bytes: number;
  /** Set once the package budget was used up (one finding says so). */
  overBudget?: boolean;
}

/** OS and editor litter that is never part of an application. */
export function isLitter(name: string): boolean {
  const base = name.split("/").pop() ?? name;
  return (
    name.split("/").includes("__MACOSX") ||
    base === ".DS_Store" ||
    base === "Thumbs.db" ||
    base === "desktop.ini" ||
    base.startsWith("._")
  );
}

/** Word's lock file of an open document (`~$报书.docx`): not the document itself. */
function isOfficeLockFile(name: string): boolean {
  return (name.split("/").pop() ?? "").startsWith("~$");
}

export async function collect(inputs: readonly string[], limits: IngestLimits): Promise<Collected> {
  const out: Collected = { members: [], findings: [], bytes: 0 };
  for (const input of inputs) {
    const abs = path.resolve(input);
    let info;
    try {
      info = await stat(abs);
    } catch {
      out.findings.push(
        ingestFinding(input, new IngestError("unsupported", "路径不存在或无法访问", "请检查路径是否正确")),
      );
      continue;
    }
    if (info.isDirectory()) await collectDir(abs, path.basename(abs), limits, out);
    else if (info.isFile()) await collectFile(abs, path.basename(abs), limits, out);
    else out.findings.push(ingestFinding(input, notAFile()));
  }
  return out;
}

async function collectDir(dir: string, display: string, limits: IngestLimits, out: Collected): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => naturalCompare(a.name, b.name));
  for (const entry of entries) {
    const abs = path.join(dir, entry.name);
    const shown = `${display}/${entry.name}`;
    if (isLitter(shown)) continue;
    const info = await lstat(abs);
    if (info.isSymbolicLink()) {
      out.findings.push(ingestNote(shown, "symlink-skipped", "这是一个符号链接，已跳过；请直接提供文件本身"));
    } else if (info.isDirectory()) {
      await collectDir(abs, shown, limits, out);
    } else if (info.isFile()) {
      await collectFile(abs, shown, limits, out);
    } else {
      // A FIFO would block the read forever, a device never ends: said, not skipped in silence.
      out.findings.push(ingestFinding(shown, notAFile()));
    }
  }
}

async function collectFile(abs: string, display: string, limits: IngestLimits, out: Collected): Promise<void> {
  if (isLitter(display)) return;
  // Opened without blocking and checked on the open handle: a FIFO or device swapped in after the directory listing
  // is still refused, and opening a FIFO with no writer does not hang.
  let bytes: Buffer;
  let handle;
  try {
    handle = await open(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    out.findings.push(ingestFinding(display, new IngestError("unsupported", "文件无法打开（没有读取权限或已被删除）", "请检查文件权限后重新提交")));
    return;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      out.findings.push(ingestFinding(display, notAFile()));
      return;
    }
    if (info.size > limits.maxFileBytes) {
      out.findings.push(ingestFinding(display, tooLarge(info.size, limits.maxFileBytes)));
      return;
    }
    if (!withinBudget(display, info.size, limits, out)) return;
    bytes = await handle.readFile();
  } finally {
    await handle.close();
  }
  await addMember({ path: display, bytes, sniffed: sniff(bytes, display), diskPath: abs }, 0, limits, out);
}

async function addMember(member: Member, depth: number, limits: IngestLimits, out: Collected): Promise<void> {
  if (isOfficeLockFile(member.path)) {
    out.findings.push(ingestNote(member.path, "lock-file-skipped", "这是Word打开文档时生成的临时文件，已跳过"));
    return;
  }
  if (member.sniffed.kind !== "zip") {
    // Files on disk were counted before they were read; archive members here.
    if (member.diskPath === undefined && !withinBudget(member.path, member.bytes.length, limits, out)) return;
    out.members.push(member);
    return;
  }
  // The package zip is depth 0; a zip inside it (depth 1) is expanded too; deeper ones are refused.
  if (depth > 1) {
    out.findings.push(
      ingestFinding(
        member.path,
        new IngestError("zip-nested-too-deep", "压缩包嵌套层数过多，未展开", "请将文件解压后重新打包为一层压缩包"),
      ),
    );
    return;
  }
  // The archive may unpack no more than what is left of the package budget.
  const left = Math.max(0, limits.maxPackageBytes - out.bytes);
  const expanded = await expandArchive(member.bytes, member.path, {
    ...limits,
    maxArchiveBytes: Math.min(limits.maxArchiveBytes, left),
  });
  out.findings.push(...expanded.findings);
  if (member.path.includes("/") && expanded.members.length === 0 && expanded.findings.length === 0) {
    // A zip inside the package that holds nothing readable (empty, only folders, or a damaged directory): said.
    out.findings.push(
      ingestFinding(
        member.path,
        new IngestError("empty", "压缩包中没有可读取的文件（为空、只有文件夹，或目录已损坏）", "请检查压缩包内容，重新打包后提交"),
      ),
    );
  }
  for (const inner of expanded.members) {
    if (isLitter(inner.path)) continue;
    await addMember(
      { path: inner.path, bytes: inner.bytes, sniffed: sniff(inner.bytes, inner.path) },
      depth + 1,
      limits,
      out,
    );
  }
}

function notAFile(): IngestError {
  return new IngestError(
    "not-a-file",
    "这不是普通文件（是管道、设备或套接字），无法作为材料读取",
    "请只提交普通文件（PDF、Word、图片或zip压缩包）",
  );
}

/** Counts `bytes` against the package budget; false (with one finding for the package) once it is used up. */
function withinBudget(display: string, bytes: number, limits: IngestLimits, out: Collected): boolean {
  if (out.bytes + bytes <= limits.maxPackageBytes) {
    out.bytes += bytes;
    return true;
  }
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)}MB`;
  if (!out.overBudget) {
    out.overBudget = true;
    out.findings.push({
      ruleId: "ingest/package-budget",
      severity: "error",
      category: "ingest",
      message: `材料包的文件（含压缩包解压后）合计超过${mb(limits.maxPackageBytes)}的上限，从「${display}」起的文件未读取。请压缩扫描件、删除重复材料，或拆分后重新提交。`,
      actual: { file: display, reason: "package-budget", limit: limits.maxPackageBytes },
      evidence: [],
    });
  }
  return false;
}

export function tooLarge(bytes: number, limit: number): IngestError {
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)}MB`;
  return new IngestError("too-large", `文件过大（${mb(bytes)}，上限${mb(limit)}）`, "请压缩或拆分后重新提交");
}

const collator = new Intl.Collator("zh-Hans-CN", { numeric: true, sensitivity: "base" });

/** 附件2 before 附件10; Chinese by pinyin after digits and latin. */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b);
}
