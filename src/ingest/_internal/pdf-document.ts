/**
 * Opening a PDF with pdf.js in Node, fully offline, and turning pdf.js failures into IngestErrors.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { getDocument, VerbosityLevel, type PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { IngestError } from "../errors.js";

const require = createRequire(import.meta.url);
// Trailing slashes are required by pdf.js; in Node these are read with fs, never fetched.
const PDFJS_DIR = dirname(require.resolve("pdfjs-dist/package.json"));
const CMAP_URL = join(PDFJS_DIR, "cmaps") + "/";
const STANDARD_FONT_URL = join(PDFJS_DIR, "standard_fonts") + "/";
const WASM_URL = join(PDFJS_DIR, "wasm") + "/"; // JPEG 2000 and JBIG2 decoders, common in scans
const ICC_URL = join(PDFJS_DIR, "iccs") + "/";

export const encryptedError = () =>
  new IngestError("encrypted", "PDF文件已加密，无法读取内容", "请提供未加密版本（取消密码保护后重新导出PDF）");

export const corruptError = (reason = "文件已损坏或不完整，无法读取", cause?: unknown) =>
  new IngestError("corrupt", reason, "文件已损坏或不完整，请重新导出PDF后提交", { cause });

const errorName = (e: unknown) => (e instanceof Error || (typeof e === "object" && e !== null) ? String((e as { name?: unknown }).name) : "");

export function hasPdfHeader(buf: Buffer): boolean {
  return buf.subarray(0, 1024).includes("%PDF-");
}

export async function openPdf(buf: Buffer, password: string | undefined): Promise<PDFDocumentProxy> {
  if (buf.length === 0) {
    throw new IngestError("empty", "文件为空（0字节）", "请重新导出PDF后提交");
  }
  if (!hasPdfHeader(buf)) {
    throw corruptError("文件内容不是PDF格式（可能是其他类型的文件被改成了.pdf扩展名）");
  }
  const task = getDocument({
    // A copy: pdf.js transfers (detaches) the buffer it is given.
    data: new Uint8Array(buf),
    password,
    cMapUrl: CMAP_URL,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONT_URL,
    wasmUrl: WASM_URL,
    iccUrl: ICC_URL,
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    useWorkerFetch: false,
    stopAtErrors: false,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    return await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    throw openError(e);
  }
}

export function openError(e: unknown): IngestError {
  switch (errorName(e)) {
    case "PasswordException":
      return encryptedError();
    case "InvalidPDFException":
    case "FormatError":
    case "UnknownErrorException":
      return corruptError("文件已损坏或不完整（PDF结构无效），无法读取", e);
    default:
      return corruptError("文件已损坏或不完整，无法读取", e);
  }
}
