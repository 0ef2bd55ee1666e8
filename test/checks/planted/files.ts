/**
 * A package as a map of relative path → bytes, and the mutations plants are written with. Every mutation is
 * a real edit of a real file (drop, rename, DOCX XML edited with jszip, PDF pages removed or reordered and
 * text-layer values changed with pdf-lib, bytes truncated or swapped for an encrypted file), so the pipeline
 * reads the result as it would read an applicant's upload. None needs a Debian tool.
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import iconv from "iconv-lite";
import JSZip from "jszip";
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFPage } from "pdf-lib";
import sharp from "sharp";
import { writeZip } from "../../../fixtures/generate/_internal/zip-writer.js";
import { editPdfText, pageContentBytes, type TextEdit } from "./pdf-text.js";

export const FIXTURES_ROOT = path.resolve(import.meta.dirname, "../../../fixtures");
export const PACKAGES_ROOT = path.join(FIXTURES_ROOT, "packages");

/** Relative path (inside the package folder) → bytes. */
export type Files = Map<string, Uint8Array>;
export type Step = (files: Files) => Promise<void> | void;

export async function loadPackage(name: string): Promise<Files> {
  const dir = path.join(PACKAGES_ROOT, name);
  const files: Files = new Map();
  for (const entry of (await readdir(dir)).sort()) files.set(entry, await readFile(path.join(dir, entry)));
  return files;
}

/** Writes the files into `dir` (emptied first). */
export async function writePackage(dir: string, files: Files): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const [name, bytes] of files) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), bytes);
  }
}

/** Runs the steps in order on a copy of `files`. */
export function steps(...list: Step[]): (files: Files) => Promise<Files> {
  return async (files) => {
    const out: Files = new Map(files);
    for (const step of list) await step(out);
    return out;
  };
}

function need(files: Files, name: string): Uint8Array {
  const bytes = files.get(name);
  if (!bytes) throw new RangeError(`no file "${name}" in the package (has: ${[...files.keys()].join(", ")})`);
  return bytes;
}

export const drop =
  (name: string): Step =>
  (files) => {
    need(files, name);
    files.delete(name);
  };

export const rename =
  (from: string, to: string): Step =>
  (files) => {
    const bytes = need(files, from);
    files.delete(from);
    files.set(to, bytes);
  };

/** Adds (or replaces) a file with a committed fixture file. */
export const addFixture =
  (name: string, fixture: string): Step =>
  async (files) => {
    files.set(name, await readFile(path.join(FIXTURES_ROOT, fixture)));
  };

/** Keeps the first `fraction` of the bytes: a broken upload. */
export const truncate =
  (name: string, fraction: number): Step =>
  (files) => {
    const bytes = need(files, name);
    files.set(name, bytes.subarray(0, Math.floor(bytes.length * fraction)));
  };

// ---------------------------------------------------------------------------------------------- DOCX

const DOCUMENT_XML = "word/document.xml";

/** Rewrites word/document.xml of a DOCX. */
export const docxXml =
  (name: string, edit: (xml: string) => string): Step =>
  async (files) => {
    const zip = await JSZip.loadAsync(need(files, name));
    const xml = await zip.file(DOCUMENT_XML)!.async("string");
    const next = edit(xml);
    if (next === xml) throw new RangeError(`${name}: the edit changed nothing`);
    zip.file(DOCUMENT_XML, next);
    files.set(name, await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
  };

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export interface DocxEdit extends TextEdit {
  /** The run's whole text must equal `find`. */
  exact?: boolean;
  /** The run that starts with `find` is replaced whole (by `replace`, or by `transform` of its text). */
  whole?: boolean;
  transform?: (text: string) => string;
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

/**
 * Replaces text inside the runs (<w:t>) of a DOCX: `find` must lie within one run, as the form values the
 * generator writes do. `nth` counts matching runs (0-based).
 */
export function docxText(name: string, edits: readonly DocxEdit[]): Step {
  return docxXml(name, (xml) => {
    let out = xml;
    for (const edit of edits) {
      let seen = 0;
      let done = false;
      out = out.replace(/(<w:t(?: [^>]*)?>)([^<]*)(<\/w:t>)/g, (all, open: string, raw: string, close: string) => {
        if (done) return all;
        const text = unescapeXml(raw);
        const hit = edit.exact
          ? text === edit.find
          : edit.whole
            ? text.startsWith(edit.find)
            : text.includes(edit.find);
        if (!hit || seen++ !== (edit.nth ?? 0)) return all;
        done = true;
        const next = edit.whole
          ? (edit.transform?.(text) ?? edit.replace)
          : text.replace(edit.find, () => edit.replace);
        const tag = open.includes("xml:space") ? open : open.replace("<w:t", '<w:t xml:space="preserve"');
        return `${tag}${escapeXml(next)}${close}`;
      });
      if (!done) throw new RangeError(`${name}: "${edit.find}" not found in the Word text`);
    }
    return out;
  });
}

/** Removes every paragraph (<w:p>) whose text contains one of `needles`, and every drawing when asked. */
export function docxRemoveParagraphs(name: string, needles: readonly string[]): Step {
  return docxXml(name, (xml) =>
    xml.replace(/<w:p[ >](?:(?!<w:p[ >])[\s\S])*?<\/w:p>/g, (p) => {
      const text = [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
      return needles.some((n) => text.includes(escapeXml(n))) ? "" : p;
    }),
  );
}

/** Removes the pictures (<w:drawing>) of a DOCX, leaving their paragraphs. */
export function docxRemoveDrawings(name: string): Step {
  return docxXml(name, (xml) => xml.replace(/<w:drawing>[\s\S]*?<\/w:drawing>/g, ""));
}

/**
 * Removes the body from the first paragraph containing `from` up to (not including) the first paragraph
 * after it containing `until` (or to the end of the body): a part of the Word file left out.
 */
export function docxCut(name: string, from: string, until?: string): Step {
  return docxXml(name, (xml) => {
    const bodyStart = xml.indexOf("<w:body>") + "<w:body>".length;
    const sectPr = xml.lastIndexOf("<w:sectPr");
    const paragraphs = [...xml.matchAll(/<w:p[ >](?:(?!<w:p[ >])[\s\S])*?<\/w:p>/g)].filter(
      (m) => m.index >= bodyStart && m.index < sectPr,
    );
    const textOf = (p: string) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
    const start = paragraphs.find((m) => textOf(m[0]).includes(escapeXml(from)));
    if (!start) throw new RangeError(`${name}: no paragraph with "${from}"`);
    const end = until
      ? paragraphs.find((m) => m.index > start.index && textOf(m[0]).includes(escapeXml(until)))
      : undefined;
    const stop = end ? end.index : sectPr;
    return xml.slice(0, start.index) + xml.slice(stop);
  });
}

// ----------------------------------------------------------------------------------------------- PDF

/** Changes values in the text layer of one page (1-based); see pdf-text.ts. */
export const pdfText =
  (name: string, page: number, edits: readonly TextEdit[]): Step =>
  async (files) => {
    files.set(name, await editPdfText(need(files, name), page, edits));
  };

/** Keeps the listed pages (1-based) in the listed order: removal and reordering. */
export const pdfPages =
  (name: string, order: (pageCount: number) => number[]): Step =>
  async (files) => {
    const src = await PDFDocument.load(need(files, name), { updateMetadata: false });
    const pages = order(src.getPageCount());
    const out = await PDFDocument.create({ updateMetadata: false });
    const copied = await out.copyPages(
      src,
      pages.map((p) => p - 1),
    );
    for (const page of copied) out.addPage(page);
    files.set(name, await out.save({ useObjectStreams: false }));
  };

/** 1..n without the given pages. */
export const without =
  (...remove: number[]) =>
  (n: number): number[] =>
    Array.from({ length: n }, (_, i) => i + 1).filter((p) => !remove.includes(p));

/** 1..n with page `page` moved to stand before page `before`. */
export const moveBefore =
  (page: number, before: number) =>
  (n: number): number[] => {
    const rest = Array.from({ length: n }, (_, i) => i + 1).filter((p) => p !== page);
    rest.splice(rest.indexOf(before), 0, page);
    return rest;
  };

// ----------------------------------------------------------------------------------------------- ZIP

/**
 * The package as one zip whose entry names are GBK without the UTF-8 flag, as Windows' 「发送到压缩文件夹」
 * writes them, inside a folder named after the package.
 */
export function gbkZip(folder: string, files: Files): Uint8Array {
  return writeZip(
    [...files].map(([name, data]) => ({
      name: iconv.encode(`${folder}/${name}`, "gbk"),
      data: Buffer.from(data),
      deflate: true,
    })),
  );
}

// -------------------------------------------------------------------------------------------- images

/** Red ink (a seal) turned to paper white: the same sheet scanned before it was stamped. */
export async function whitenRed(image: Uint8Array): Promise<Buffer> {
  const meta = await sharp(image).metadata();
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.channels >= 3) {
    for (let i = 0; i < data.length; i += info.channels) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      if (r > 110 && r - Math.max(g, b) > 45) data[i] = data[i + 1] = data[i + 2] = 255;
    }
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .withMetadata(meta.density ? { density: meta.density } : {})
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** An image file (JPEG, PNG) with its seal removed. */
export const imageWithoutSeal =
  (name: string): Step =>
  async (files) => {
    files.set(name, await whitenRed(need(files, name)));
  };

function imageXObjects(page: PDFPage): Map<string, PDFRef> {
  const out = new Map<string, PDFRef>();
  const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of("XObject"), PDFDict);
  for (const [name, ref] of xobjects?.entries() ?? []) {
    const obj = page.doc.context.lookup(ref);
    if (
      ref instanceof PDFRef &&
      obj instanceof PDFRawStream &&
      obj.dict.get(PDFName.of("Subtype")) === PDFName.of("Image")
    ) {
      out.set(name.decodeText(), ref);
    }
  }
  return out;
}

/** The JPEG images drawn on a page (1-based) with their seals removed; other images are left alone. */
export const pdfImagesWithoutSeal =
  (name: string, pageNo: number): Step =>
  async (files) => {
    const doc = await PDFDocument.load(need(files, name), { updateMetadata: false });
    const page = doc.getPage(pageNo - 1);
    let changed = 0;
    for (const ref of imageXObjects(page).values()) {
      const stream = doc.context.lookup(ref) as PDFRawStream;
      if (stream.dict.get(PDFName.of("Filter")) !== PDFName.of("DCTDecode")) continue;
      const jpeg = await whitenRed(stream.contents);
      const dict = stream.dict.clone(doc.context);
      dict.set(PDFName.of("Length"), doc.context.obj(jpeg.length));
      doc.context.assign(ref, PDFRawStream.of(dict, jpeg));
      changed++;
    }
    if (changed === 0) throw new RangeError(`${name} page ${pageNo}: no JPEG image`);
    files.set(name, await doc.save({ useObjectStreams: false }));
  };

/** Removes the images drawn on a page (an electronic seal left off when exporting). */
export const pdfRemoveImages =
  (name: string, pageNo: number): Step =>
  async (files) => {
    const doc = await PDFDocument.load(need(files, name), { updateMetadata: false });
    const page = doc.getPage(pageNo - 1);
    const names = [...imageXObjects(page).keys()];
    if (names.length === 0) throw new RangeError(`${name} page ${pageNo}: no image`);
    const content = Buffer.from(pageContentBytes(page)).toString("latin1");
    const next = content.replace(/\/([^\s/<>[\]()]+)\s+Do\b/g, (all, n: string) => (names.includes(n) ? "" : all));
    page.node.set(PDFName.of("Contents"), doc.context.register(doc.context.flateStream(Buffer.from(next, "latin1"))));
    files.set(name, await doc.save({ useObjectStreams: false }));
  };
