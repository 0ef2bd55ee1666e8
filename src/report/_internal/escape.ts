/**
 * One escaping helper per output format for text that comes from the applicant's files (names of files and zip
 * entries, quotes, values): it must show as text, never act as markup or as a terminal command. HTML has its
 * own in html.ts.
 *
 * - `md` / `mdCell`: Markdown. Newlines fold to a space (a name with a newline cannot start a heading or end a
 *   table row); `\` `` ` `` `*` `_` `[` `]` `(` `)` `<` `>` `|` `#` `!` `~` are backslash-escaped, so
 *   `<img onerror=…>`, `<svg onload=…>` and `[x](javascript:…)` render as the literal characters.
 * - `terminal`: control characters other than newline and tab are removed, escape sequences (ANSI colours,
 *   cursor movement, OSC titles and hyperlinks) as a whole, so a name cannot recolour, clear or rewrite the
 *   terminal; also the bidirectional overrides that make text read differently from what it is.
 */

/** ESC sequences (CSI, OSC/DCS/PM/APC strings, two-character escapes) and C1 CSI. */
const ESCAPE_SEQUENCE =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b[\]PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[ -/]*[0-~]?|\u009b[0-?]*[ -/]*[@-~]/g;
/** C0 except tab and newline, DEL, C1; bidirectional embeddings, overrides and isolates. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const NEWLINES = /\s*(?:\r\n|[\n\r\u2028\u2029\u0085])\s*/g;
const MARKDOWN_SPECIAL = /[\\`*_[\]()<>|#!~]/g;

/** Text safe to print to a terminal: newlines and tabs kept, every other control character removed. */
export function terminal(s: string): string {
  return s.replace(ESCAPE_SEQUENCE, "").replace(CONTROL, "");
}

/** Text safe inline in Markdown: one line, no live markup, no control characters. */
export function md(s: string): string {
  return terminal(s.replace(NEWLINES, " ").replace(/\t/g, " "))
    .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`)
    .trim();
}

/** Text safe in a Markdown table cell (`|` is escaped by `md` already; an empty cell stays empty). */
export function mdCell(s: string): string {
  return md(s);
}
