/**
 * Edits the text layer of a PDF page in place, the way a changed value would read after re-exporting: the
 * page's content stream is tokenised, every text-showing operator (Tj, TJ, ', ") is decoded through its
 * font's ToUnicode map, and a replacement is re-encoded with codes of the *same* font subset. So it works
 * for LibreOffice exports (subset fonts with ToUnicode) as long as every new character already occurs in
 * the font the old text used — digits, 「-」 and the characters of the document are, arbitrary new CJK
 * characters often are not (the edit then throws, naming the character).
 */
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFPage,
} from "pdf-lib";

export interface TextEdit {
  /** Text as it reads on the page (operators concatenated, no separators added). */
  find: string;
  replace: string;
  /** Which occurrence on the page (0-based); default 0. */
  nth?: number;
  /**
   * Font size of the inserted text: a long passage set small enough to stay inside its table cell (a PDF
   * cannot re-flow a table, and text running off the cell is not read as the cell's).
   */
  size?: number;
}

interface FontMap {
  bytes: 1 | 2;
  toUnicode: Map<number, string>;
  fromUnicode: Map<string, number>;
}

interface ShowOp {
  font: string;
  size: string;
  operator: string;
  /** Byte range of the operands and operator in the content stream. */
  start: number;
  end: number;
  codes: number[];
  text: string;
  /** Character index in the page text where this operator starts. */
  at: number;
  /** Per character of `text`: the index of the code that produced it. */
  charCodes: number[];
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

/** Applies edits to one page (1-based) and returns the new PDF bytes. */
export async function editPdfText(pdf: Uint8Array, pageNo: number, edits: readonly TextEdit[]): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const page = doc.getPage(pageNo - 1);
  let content = latin1(pageContentBytes(page));
  const fonts = fontMaps(page);
  for (const edit of edits) content = applyEdit(content, fonts, edit, pageNo);
  const stream = doc.context.flateStream(Buffer.from(content, "latin1"));
  page.node.set(PDFName.of("Contents"), doc.context.register(stream));
  return doc.save({ useObjectStreams: false });
}

/** The page's text as this module sees it, for writing edits. */
export async function pageText(pdf: Uint8Array, pageNo: number): Promise<string> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const page = doc.getPage(pageNo - 1);
  return showOps(latin1(pageContentBytes(page)), fontMaps(page))
    .map((o) => o.text)
    .join("");
}

/** The page's content streams, decoded and concatenated. */
export function pageContentBytes(page: PDFPage): Uint8Array {
  const contents = page.node.Contents();
  if (!contents) return new Uint8Array();
  const streams = contents instanceof PDFArray ? contents.asArray() : [contents];
  const parts = streams.map((s) => {
    const stream = s instanceof PDFRef ? page.doc.context.lookup(s) : s;
    if (stream instanceof PDFRawStream) return decodePDFRawStream(stream).decode();
    if (stream instanceof PDFStream) return stream.getContents();
    throw new TypeError("page content is not a stream");
  });
  return Buffer.concat(parts.flatMap((p) => [Buffer.from(p), Buffer.from("\n")]));
}

function fontMaps(page: PDFPage): Map<string, FontMap> {
  const out = new Map<string, FontMap>();
  const resources = page.node.Resources();
  const fonts = resources?.lookupMaybe(PDFName.of("Font"), PDFDict);
  if (!fonts) return out;
  for (const [name, ref] of fonts.entries()) {
    const font = page.doc.context.lookup(ref);
    if (!(font instanceof PDFDict)) continue;
    const tu = font.lookupMaybe(PDFName.of("ToUnicode"), PDFStream);
    if (!(tu instanceof PDFRawStream)) continue;
    out.set(name.decodeText(), parseCMap(latin1(decodePDFRawStream(tu).decode())));
  }
  return out;
}

function hexToCode(h: string): number {
  return parseInt(h, 16);
}

function hexToText(h: string): string {
  let s = "";
  for (let i = 0; i + 4 <= h.length; i += 4) s += String.fromCharCode(parseInt(h.slice(i, i + 4), 16));
  return s;
}

export function parseCMap(text: string): FontMap {
  const toUnicode = new Map<number, string>();
  const range = /begincodespacerange\s*<([0-9a-fA-F]+)>/.exec(text);
  const bytes = range && range[1]!.length >= 4 ? 2 : 1;
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      toUnicode.set(hexToCode(m[1]!), hexToText(m[2]!));
    }
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g)) {
      const [lo, hi] = [hexToCode(m[1]!), hexToCode(m[2]!)];
      const dst = m[3]!;
      if (dst.startsWith("[")) {
        const items = [...dst.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => hexToText(x[1]!));
        items.forEach((t, i) => toUnicode.set(lo + i, t));
      } else {
        const base = hexToText(dst.slice(1, -1));
        for (let c = lo; c <= hi; c++) {
          toUnicode.set(c, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + (c - lo)));
        }
      }
    }
  }
  const fromUnicode = new Map<string, number>();
  for (const [code, t] of toUnicode) if (!fromUnicode.has(t)) fromUnicode.set(t, code);
  return { bytes, toUnicode, fromUnicode };
}

interface Run {
  font: string;
  size: string;
  codes: number[];
}

interface Token {
  kind: "string" | "hex" | "array-open" | "array-close" | "op" | "other";
  start: number;
  end: number;
  value: string;
}

/** Content-stream tokens; strings are returned as raw bytes (latin1). Inline images are skipped whole. */
function* tokens(s: string): Generator<Token> {
  let i = 0;
  const n = s.length;
  const ws = (c: string) => c === " " || c === "\n" || c === "\r" || c === "\t" || c === "\f" || c === "\0";
  const delim = (c: string) => "()<>[]{}/%".includes(c);
  while (i < n) {
    const c = s[i]!;
    if (ws(c)) {
      i++;
      continue;
    }
    if (c === "%") {
      while (i < n && s[i] !== "\n" && s[i] !== "\r") i++;
      continue;
    }
    const start = i;
    if (c === "(") {
      let depth = 1;
      let out = "";
      i++;
      while (i < n && depth > 0) {
        const d = s[i]!;
        if (d === "\\") {
          const e = s[i + 1]!;
          const map: Record<string, string> = {
            n: "\n",
            r: "\r",
            t: "\t",
            b: "\b",
            f: "\f",
            "(": "(",
            ")": ")",
            "\\": "\\",
          };
          if (e in map) {
            out += map[e];
            i += 2;
          } else if (/[0-7]/.test(e)) {
            let oct = "";
            i++;
            while (oct.length < 3 && /[0-7]/.test(s[i] ?? "")) oct += s[i++];
            out += String.fromCharCode(parseInt(oct, 8) & 0xff);
          } else if (e === "\n" || e === "\r") {
            i += 2;
            if (e === "\r" && s[i] === "\n") i++;
          } else {
            out += e;
            i += 2;
          }
          continue;
        }
        if (d === "(") depth++;
        if (d === ")") depth--;
        if (depth > 0) out += d;
        i++;
      }
      yield { kind: "string", start, end: i, value: out };
      continue;
    }
    if (c === "<" && s[i + 1] !== "<") {
      const close = s.indexOf(">", i);
      const hex = s.slice(i + 1, close).replace(/\s+/g, "");
      const padded = hex.length % 2 ? `${hex}0` : hex;
      yield { kind: "hex", start, end: close + 1, value: Buffer.from(padded, "hex").toString("latin1") };
      i = close + 1;
      continue;
    }
    if (c === "<" || c === ">") {
      i += 2; // << >> of an inline dictionary
      yield { kind: "other", start, end: i, value: c + c };
      continue;
    }
    if (c === "[" || c === "]") {
      i++;
      yield { kind: c === "[" ? "array-open" : "array-close", start, end: i, value: c };
      continue;
    }
    if (c === "/") {
      i++;
      while (i < n && !ws(s[i]!) && !delim(s[i]!)) i++;
      yield { kind: "other", start, end: i, value: s.slice(start, i) };
      continue;
    }
    while (i < n && !ws(s[i]!) && !delim(s[i]!)) i++;
    if (i === start) i++;
    const word = s.slice(start, i);
    const isNumber = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(word);
    if (word === "BI") {
      // Inline image: skip to EI.
      const ei = s.indexOf("EI", s.indexOf("ID", i));
      i = ei < 0 ? n : ei + 2;
      yield { kind: "other", start, end: i, value: "BI" };
      continue;
    }
    yield { kind: isNumber ? "other" : "op", start, end: i, value: word };
  }
}

function decode(raw: string, font: FontMap): { codes: number[]; text: string; charCodes: number[] } {
  const codes: number[] = [];
  for (let i = 0; i + font.bytes <= raw.length; i += font.bytes) {
    codes.push(font.bytes === 2 ? (raw.charCodeAt(i) << 8) | raw.charCodeAt(i + 1) : raw.charCodeAt(i));
  }
  let text = "";
  const charCodes: number[] = [];
  codes.forEach((code, k) => {
    const t = font.toUnicode.get(code) ?? "";
    text += t;
    for (let j = 0; j < t.length; j++) charCodes.push(k);
  });
  return { codes, text, charCodes };
}

function showOps(content: string, fonts: Map<string, FontMap>): ShowOp[] {
  const ops: ShowOp[] = [];
  let font = "";
  let size = "12";
  let operands: Token[] = [];
  let at = 0;
  for (const tok of tokens(content)) {
    if (tok.kind !== "op") {
      operands.push(tok);
      continue;
    }
    if (tok.value === "Tf") {
      const name = operands.find((o) => o.value.startsWith("/"));
      if (name) font = name.value.slice(1);
      size = operands.at(-1)?.value ?? size;
    } else if (["Tj", "TJ", "'", '"'].includes(tok.value)) {
      const map = fonts.get(font);
      const strings = operands.filter((o) => o.kind === "string" || o.kind === "hex");
      if (map && strings.length) {
        const parts = strings.map((s) => decode(s.value, map));
        const codes = parts.flatMap((p) => p.codes);
        let offset = 0;
        const charCodes: number[] = [];
        for (const p of parts) {
          charCodes.push(...p.charCodes.map((c) => c + offset));
          offset += p.codes.length;
        }
        const text = parts.map((p) => p.text).join("");
        const first =
          tok.value === "TJ" ? operands.findIndex((o) => o.kind === "array-open") : operands.indexOf(strings[0]!);
        ops.push({
          font,
          size,
          operator: tok.value,
          start: operands[Math.max(0, first)]!.start,
          end: tok.end,
          codes,
          text,
          at,
          charCodes,
        });
        at += text.length;
      }
    }
    operands = [];
  }
  return ops;
}

function applyEdit(content: string, fonts: Map<string, FontMap>, edit: TextEdit, pageNo: number): string {
  const index = locate(showOps(content, fonts), edit, pageNo);
  // Same length: each changed character is replaced where it stands, so no glyph moves (a date's digits sit
  // in other operators than its 年月日).
  if (edit.find.length === edit.replace.length && edit.size === undefined) {
    let out = content;
    for (let i = edit.find.length - 1; i >= 0; i--) {
      if (edit.find[i] === edit.replace[i]) continue;
      out = rewrite(out, fonts, index + i, index + i + 1, edit.replace[i]!, edit, pageNo);
    }
    return out;
  }
  // Otherwise only the differing middle is rewritten: common prefix and suffix stay in their operators.
  let pre = 0;
  while (pre < edit.find.length && pre < edit.replace.length && edit.find[pre] === edit.replace[pre]) pre++;
  let suf = 0;
  while (
    suf < edit.find.length - pre &&
    suf < edit.replace.length - pre &&
    edit.find[edit.find.length - 1 - suf] === edit.replace[edit.replace.length - 1 - suf]
  )
    suf++;
  const insert = edit.replace.slice(pre, edit.replace.length - suf);
  return rewrite(content, fonts, index + pre, index + edit.find.length - suf, insert, edit, pageNo);
}

/** Where `edit.find` starts in the page text. */
function locate(ops: ShowOp[], edit: TextEdit, pageNo: number): number {
  const text = ops.map((o) => o.text).join("");
  let index = -1;
  for (let k = 0; k <= (edit.nth ?? 0); k++) {
    index = text.indexOf(edit.find, index + 1);
    if (index < 0) throw new RangeError(`page ${pageNo}: "${edit.find}" not found (occurrence ${k})`);
  }
  return index;
}

/** Page text [from, to) replaced by `insert`: the operator holding `from` takes it, the others lose their share. */
function rewrite(
  content: string,
  fonts: Map<string, FontMap>,
  from: number,
  to: number,
  insert: string,
  edit: TextEdit,
  pageNo: number,
): string {
  const ops = showOps(content, fonts);
  // A pure insertion goes at the end of the operator holding the character before it (same line, same cell).
  const touched =
    from === to
      ? ops.filter((o) => o.at < from && from <= o.at + o.text.length).slice(0, 1)
      : ops.filter((o) => o.at + o.text.length > from && o.at < to);
  const owner = touched[0] ?? ops.find((o) => o.at + o.text.length >= from);
  if (!owner) throw new RangeError(`page ${pageNo}: no text operator at "${edit.find}"`);
  const rewrites = new Map<ShowOp, Run[]>();
  for (const op of touched.length ? touched : [owner]) {
    const lo = Math.max(from, op.at) - op.at;
    const hi = Math.min(to, op.at + op.text.length) - op.at;
    const codeLo = lo < op.text.length ? op.charCodes[lo]! : op.codes.length;
    const codeHi = hi < op.text.length ? op.charCodes[hi]! : op.codes.length;
    const runs: Run[] = [{ font: op.font, size: op.size, codes: op.codes.slice(0, codeLo) }];
    const size = edit.size !== undefined ? String(edit.size) : op.size;
    if (op === owner) {
      for (const ch of insert) {
        // The operator's own font when it has the glyph, else any font of the page that has it.
        const font = fonts.get(op.font)!.fromUnicode.has(ch)
          ? op.font
          : [...fonts].find(([, m]) => m.fromUnicode.has(ch))?.[0];
        if (font === undefined) throw new RangeError(`page ${pageNo}: no font of the page has a glyph for "${ch}"`);
        const code = fonts.get(font)!.fromUnicode.get(ch)!;
        const last = runs.at(-1)!;
        if (last.font === font && last.size === size) last.codes.push(code);
        else runs.push({ font, size, codes: [code] });
      }
    }
    const tail = op.codes.slice(codeHi);
    const end = runs.at(-1)!;
    if (end.font === op.font && end.size === op.size) end.codes.push(...tail);
    else if (tail.length) runs.push({ font: op.font, size: op.size, codes: tail });
    rewrites.set(op, runs);
  }
  let out = content;
  for (const op of [...rewrites.keys()].sort((a, b) => b.start - a.start)) {
    if (op.operator === '"') throw new RangeError(`page ${pageNo}: cannot rewrite a " operator`);
    const parts: string[] = [];
    let current = `${op.font} ${op.size}`;
    for (const [i, run] of rewrites.get(op)!.entries()) {
      if (`${run.font} ${run.size}` !== current) parts.push(`/${run.font} ${run.size} Tf`);
      current = `${run.font} ${run.size}`;
      const bytes = fonts.get(run.font)!.bytes;
      const hex = run.codes.map((c) => c.toString(16).padStart(bytes * 2, "0")).join("");
      parts.push(`<${hex}> ${i === 0 && op.operator === "'" ? "'" : "Tj"}`);
    }
    if (current !== `${op.font} ${op.size}`) parts.push(`/${op.font} ${op.size} Tf`);
    out = `${out.slice(0, op.start)}${parts.join(" ")}${out.slice(op.end)}`;
  }
  return out;
}
