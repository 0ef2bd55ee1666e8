/**
 * Turns the user's paths (files, folders, zips) into a flat list of members with bytes, expanding
 * archives. Everything refused on the way (unsafe zip entries, unreadable paths) becomes a finding.
 */
import { lstat, readdir, readFile, stat } from "node:fs/promises";
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
  const out: Collected = { members: [], findings: [] };
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
    else await collectFile(abs, path.basename(abs), limits, out);
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
    }
  }
}

async function collectFile(abs: string, display: string, limits: IngestLimits, out: Collected): Promise<void> {
  if (isLitter(display)) return;
  const info = await stat(abs);
  if (info.size > limits.maxFileBytes) {
    out.findings.push(ingestFinding(display, tooLarge(info.size, limits.maxFileBytes)));
    return;
  }
  const bytes = await readFile(abs);
  await addMember({ path: display, bytes, sniffed: sniff(bytes, display), diskPath: abs }, 0, limits, out);
}

async function addMember(member: Member, depth: number, limits: IngestLimits, out: Collected): Promise<void> {
  if (isOfficeLockFile(member.path)) {
    out.findings.push(ingestNote(member.path, "lock-file-skipped", "这是Word打开文档时生成的临时文件，已跳过"));
    return;
  }
  if (member.sniffed.kind !== "zip") {
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
  const expanded = await expandArchive(member.bytes, member.path, limits);
  out.findings.push(...expanded.findings);
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

export function tooLarge(bytes: number, limit: number): IngestError {
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)}MB`;
  return new IngestError("too-large", `文件过大（${mb(bytes)}，上限${mb(limit)}）`, "请压缩或拆分后重新提交");
}

const collator = new Intl.Collator("zh-Hans-CN", { numeric: true, sensitivity: "base" });

/** 附件2 before 附件10; Chinese by pinyin after digits and latin. */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b);
}
