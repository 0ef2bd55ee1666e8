/**
 * Uploaded file names: the applicant's (Chinese) name is kept, because the report cites it, but reduced to a
 * safe basename so it can only ever name a file inside the job's upload folder.
 */

/** Bytes of one name on disk (ext4 allows 255; a Chinese character takes 3). */
const MAX_NAME_BYTES = 200;

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

export function safeFileName(raw: string | undefined, index: number): string {
  let name = (raw ?? "").normalize("NFC");
  // Browsers send a basename, but a hand-made request can send any path (`..\..\x`, `C:\fakepath\x`).
  name = name.split(/[/\\]/).pop() ?? "";
  name = name.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "_").trim();
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
