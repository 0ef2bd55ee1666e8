/**
 * Formats we recognise but do not parse (.doc, .wps, .ofd). A .doc is converted to .docx with LibreOffice
 * when `soffice` is on PATH; otherwise, and for the others, the applicant is told what to resave.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { FileKind } from "../model.js";
import { IngestError } from "./errors.js";

const run = promisify(execFile);

const LABEL: Partial<Record<FileKind, string>> = {
  doc: "旧版Word文档（.doc）",
  wps: "WPS文字文档（.wps）",
  ofd: "OFD版式文件（.ofd）",
};

export function legacyFormatError(kind: FileKind): IngestError {
  const label = LABEL[kind] ?? "不支持的文档格式";
  return new IngestError("legacy-format", `该文件为${label}，无法直接读取`, "请另存为 .docx 或 PDF 后重新提交");
}

let sofficeChecked: Promise<string | null> | undefined;

/** Path of LibreOffice's soffice, or null when it is not installed. Looked up once. */
export function findSoffice(): Promise<string | null> {
  sofficeChecked ??= run("sh", ["-c", "command -v soffice || command -v libreoffice"])
    .then((r) => r.stdout.trim() || null)
    .catch(() => null);
  return sofficeChecked;
}

/** Converts .doc/.wps bytes to .docx bytes with LibreOffice, or returns null when it cannot. */
export async function convertToDocx(bytes: Buffer, extension: string, timeoutMs: number): Promise<Buffer | null> {
  const soffice = await findSoffice();
  if (!soffice) return null;
  const dir = await mkdtemp(path.join(tmpdir(), "shenbao-doc-"));
  try {
    const input = path.join(dir, `input${extension}`);
    await writeFile(input, bytes);
    await run(
      soffice,
      [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", "docx", "--outdir", dir, input],
      { timeout: timeoutMs },
    );
    return await readFile(path.join(dir, "input.docx"));
  } catch {
    return null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
