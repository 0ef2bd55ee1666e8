/**
 * Container magic decides before content scanning, through the real `ingest`: a zip made without compression
 * (its first entry a PDF, so `%PDF-` is in the first KiB) is a zip; a PDF behind junk is a PDF; an Office
 * package that lost word/document.xml is a damaged Word file, not a zip of XML files; an LZMA entry is an
 * unsupported compression method, not a damaged file.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../src/ingest/ingest.js";
import { sniff } from "../../src/ingest/sniff.js";

const fixtures = path.resolve(import.meta.dirname, "../../fixtures");
const PDF = path.join(fixtures, "pdf/two-column.pdf");
const DOCX = path.join(fixtures, "docx/legacy-checkbox.docx");

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "shenbao-sniff-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, bytes: Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return file;
}

const read = (paths: string[]) => ingest(paths, { cacheDir: false, convertLegacy: false });

/** Stored zip with the PDF first: `%PDF-` lies at about byte 40. */
async function storedZip(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("申报材料/两栏.pdf", await readFile(PDF));
  zip.file("申报材料/申报书.docx", await readFile(DOCX));
  return zip.generateAsync({ type: "nodebuffer", compression: "STORE" });
}

/** Sets an entry's compression method in its local header and its central-directory record. */
function setMethod(zip: Buffer, method: number): Buffer {
  const out = Buffer.from(zip);
  for (let at = 0; at + 4 <= out.length; at++) {
    const sig = out.readUInt32LE(at);
    if (sig === 0x04034b50) out.writeUInt16LE(method, at + 8);
    else if (sig === 0x02014b50) out.writeUInt16LE(method, at + 10);
  }
  return out;
}

describe("container magic before content", () => {
  it("reads a zip made without compression, whose first entry is a PDF, as a zip", async () => {
    const bytes = await storedZip();
    expect(bytes.subarray(0, 1024).includes("%PDF-")).toBe(true);
    expect(sniff(bytes, "材料.zip").kind).toBe("zip");
    const pkg = await read([await write("材料.zip", bytes)]);
    expect(pkg.files.map((f) => [f.path, f.kind]).sort()).toEqual([
      ["材料.zip/申报材料/两栏.pdf", "pdf"],
      ["材料.zip/申报材料/申报书.docx", "docx"],
    ]);
    expect(pkg.files.every((f) => f.status === "ok")).toBe(true);
    expect(pkg.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("recognises an empty zip as a zip", async () => {
    const empty = await new JSZip().generateAsync({ type: "nodebuffer" });
    expect(empty.subarray(0, 4).toString("latin1")).toBe("PK\x05\x06");
    expect(sniff(empty).kind).toBe("zip");
  });

  it("reads a PDF with junk before %PDF- (within the first KiB) as a PDF", async () => {
    const junk = Buffer.from("X-Mailer: scanner gateway\r\n".repeat(30));
    expect(junk.length).toBeLessThan(1024 - 5);
    const bytes = Buffer.concat([junk, await readFile(PDF)]);
    expect(sniff(bytes, "两栏.pdf").kind).toBe("pdf");
    const pkg = await read([await write("前面有杂字节.pdf", bytes)]);
    const [file] = pkg.files;
    expect(file?.kind).toBe("pdf");
    expect(file?.status).toBe("ok");
    expect(file?.pages[0]?.lines.length).toBeGreaterThan(3);
  });

  it("reports a .docx without word/document.xml as a damaged Word file, not a zip of XML files", async () => {
    const zip = await JSZip.loadAsync(await readFile(DOCX));
    zip.remove("word/document.xml");
    const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    expect(sniff(bytes, "申报书.docx").kind).toBe("docx");
    // Renamed away from .docx it is still an Office package with Word parts.
    expect(sniff(bytes, "申报书.zip").kind).toBe("docx");

    const pkg = await read([await write("申报书.docx", bytes)]);
    expect(pkg.files.map((f) => [f.path, f.kind, f.status])).toEqual([["申报书.docx", "docx", "error"]]);
    const messages = pkg.findings.map((f) => f.message);
    expect(messages.some((m) => m.includes("申报书.docx") && m.includes("Word文件已损坏"))).toBe(true);
    expect(messages.some((m) => m.includes("word/styles.xml") || m.includes("纯文本"))).toBe(false);
  });

  it("calls an LZMA entry an unsupported compression method, not damaged, and reads the other entries", async () => {
    const lzma = new JSZip();
    lzma.file("附件.pdf", Buffer.from("not really LZMA data, the method number is what matters"));
    const bad = setMethod(await lzma.generateAsync({ type: "nodebuffer", compression: "STORE" }), 14);
    const pkg = await read([await write("压缩方式.zip", bad), PDF]);
    const finding = pkg.findings.find((f) => f.message.includes("压缩方式.zip/附件.pdf"));
    expect(finding?.ruleId).toBe("ingest/unsupported");
    expect(finding?.message).toContain("不支持的压缩方式（LZMA）");
    expect(finding?.message).not.toContain("已损坏");
    expect(pkg.files.find((f) => f.path.endsWith("two-column.pdf"))?.status).toBe("ok");
  });
});
