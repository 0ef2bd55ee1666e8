/**
 * Uploaded file names: the applicant's (Chinese) name is kept, because the report cites it and the applicant
 * must recognise it, but it is only ever one name inside the job's upload folder. Nothing is split off: path
 * separators and the characters Windows forbids in names become their full-width look-alikes (「材料<b>粗</b>.zip」
 * → 「材料＜b＞粗＜／b＞.zip」), control characters are dropped, and a name of only dots gets a generic one.
 */

/** Bytes of one name on disk (ext4 allows 255; a Chinese character takes 3). */
const MAX_NAME_BYTES = 200;

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

const LOOK_ALIKE: Record<string, string> = {
  "/": "／",
  "\\": "＼",
  "<": "＜",
  ">": "＞",
  ":": "：",
  '"': "＂",
  "|": "｜",
  "?": "？",
  "*": "＊",
};

export function safeFileName(raw: string | undefined, index: number): string {
  let name = (raw ?? "").normalize("NFC");
  // C0, DEL, C1 and the bidirectional overrides that could make a name read differently from what it is.
  name = name.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "");
  name = name.replace(/[/\\<>:"|?*]/g, (c) => LOOK_ALIKE[c]!).trim();
  // Windows drops trailing dots and spaces; a name of dots alone is the folder itself or its parent.
  name = name.replace(/[. ]+$/, "");
  if (/^\.*$/.test(name)) return `文件${index}`;
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  return truncateName(name, MAX_NAME_BYTES);
}

/** `a.pdf`, `a (2).pdf`, … : the first free name (compared case-insensitively, as on Windows and macOS). */
export function uniqueName(name: string, taken: Set<string>): string {
  const dot = name.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

function truncateName(name: string, maxBytes: number): string {
  if (Buffer.byteLength(name) <= maxBytes) return name;
  const dot = name.lastIndexOf(".");
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : "";
  const chars = [...name.slice(0, name.length - ext.length)];
  while (chars.length > 1 && Buffer.byteLength(chars.join("") + "…" + ext) > maxBytes) chars.pop();
  return chars.join("") + "…" + ext;
}

/**
 * The report's package name for several loose files (one file or zip keeps its own name): the application
 * form's file name, or the first file's, and how many files there are.
 */
export function packageNameFor(names: readonly string[]): string | undefined {
  if (names.length < 2) return undefined;
  const main = names.find((n) => n.includes("申报书")) ?? names[0]!;
  return `${main.replace(/\.[^.]+$/, "")}等${names.length}个文件`;
}
