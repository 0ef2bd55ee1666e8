/**
 * The batch's input: a folder, or a .zip expanded to a temporary folder, whose direct sub-folders and .zip files
 * are the packages; and each package's content hash, which decides whether a re-run checks it again.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expandArchive } from "./ingest/archive.js";
import { isLitter } from "./ingest/collect.js";
import { DEFAULT_LIMITS } from "./ingest/context.js";

export interface PackageSource {
  name: string;
  /** Folder or .zip file. */
  path: string;
}

/** The batch input itself cannot be used (not a folder, or a .zip with nothing readable in it). */
export class BatchInputError extends Error {
  override name = "BatchInputError";
}

/** The folder to list packages from; `temp` is set when a .zip was expanded and must be cleaned up. */
export async function openInput(input: string): Promise<{ dir: string; temp?: { cleanup(): Promise<void> } }> {
  const info = await stat(input).catch(() => {
    throw new BatchInputError(`找不到输入：${input}`);
  });
  if (info.isFile() && !/\.zip$/i.test(input)) throw new BatchInputError(`输入须是文件夹或 .zip 压缩包：${input}`);
  if (!info.isFile()) return { dir: input };
  const dir = await expandToTemp(input);
  return { dir, temp: { cleanup: () => rm(dir, { recursive: true, force: true }) } };
}

/** Sub-folders and .zip files directly inside `dir`, in name order; names made unique for the output folder. */
export async function listPackages(dir: string): Promise<PackageSource[]> {
  const items = (await readdir(dir, { withFileTypes: true }))
    .filter((d) => !isLitter(d.name) && (d.isDirectory() || (d.isFile() && /\.zip$/i.test(d.name))))
    .sort((a, b) => a.name.localeCompare(b.name, "zh-CN", { numeric: true }));
  const used = new Set<string>();
  return items.map((d) => {
    const base = safeName(d.isDirectory() ? d.name : d.name.replace(/\.zip$/i, ""));
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
    used.add(name);
    return { name, path: path.join(dir, d.name) };
  });
}

/** sha256 over every file's relative path, size and sha256 — changes when any file is added, removed or edited. */
export async function contentHash(target: string): Promise<string> {
  const info = await stat(target);
  const files = info.isDirectory()
    ? (await readdir(target, { recursive: true, withFileTypes: true }))
        .filter((d) => d.isFile())
        .map((d) => path.join(d.parentPath, d.name))
    : [target];
  const root = info.isDirectory() ? target : path.dirname(target);
  const lines = await Promise.all(
    files.map(async (file) => {
      const rel = path.relative(root, file).split(path.sep).join("/");
      return `${rel}\t${(await stat(file)).size}\t${await sha256File(file)}`;
    }),
  );
  return createHash("sha256").update(lines.sort().join("\n")).digest("hex");
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function expandToTemp(zip: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "shenbao-batch-"));
  const base = path.basename(zip);
  const { members, findings } = await expandArchive(await readFile(zip), base, DEFAULT_LIMITS);
  if (members.length === 0) {
    await rm(dir, { recursive: true, force: true });
    throw new BatchInputError(
      `压缩包「${base}」中没有可读取的文件：${findings.map((f) => f.message).join("；") || "压缩包为空"}`,
    );
  }
  for (const m of members) {
    const file = path.join(dir, m.path.slice(base.length + 1));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, m.bytes);
  }
  return dir;
}

const safeName = (name: string) => name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_").replace(/^\.+/, "_") || "_";
