/**
 * Hostile names through the real pipeline into every text writer: file and zip-entry names carrying HTML,
 * Markdown links, a newline and ANSI escapes must show as text in report.md and the evaluator summary, and
 * reach the terminal without control characters (report.html is escaped by html.ts, checked here too).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCheck } from "../../src/pipeline.js";
import { formatHtml } from "../../src/report/html.js";
import { formatMarkdown } from "../../src/report/markdown.js";
import type { Report } from "../../src/report/schema.js";
import { formatSummary } from "../../src/report/summary-format.js";
import { formatText } from "../../src/report/text.js";
import { md, terminal } from "../../src/report/_internal/escape.js";

const RAR = path.resolve(import.meta.dirname, "../../fixtures/bad/材料.rar");

const NAMES = [
  "<img src=x onerror=alert(1)>.rar",
  "<svg onload=alert(2)>.rar",
  "[点我](javascript:alert(3)).rar",
  "\u001b[31m红色\u001b[0m\u001b]0;标题\u0007\u009b2J.rar",
  "a|b`c*d_e\\f.rar",
];
/** A zip entry whose name has a newline: it must not end the Markdown table row. */
const NEWLINE_ENTRY = "第一行\n| 伪造的行 | pdf | 1 | 文字层 |.rar";

let dir: string;
let report: Report;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "shenbao-escape-test-"));
  const rar = await readFile(RAR);
  for (const name of NAMES) await writeFile(path.join(dir, name), rar);
  const zip = new JSZip();
  zip.file(NEWLINE_ENTRY, rar);
  await writeFile(path.join(dir, "带换行的条目.zip"), await zip.generateAsync({ type: "nodebuffer" }));
  report = await runCheck([dir], { cacheDir: false, llm: { reason: "测试" } });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe("names from the package in the writers", () => {
  it("reads every hostile name as a file of the report (the names themselves are kept)", () => {
    const paths = report.package.files.map((f) => f.path);
    for (const name of NAMES) expect(paths.some((p) => p.endsWith(name))).toBe(true);
    expect(paths.some((p) => p.includes("第一行\n"))).toBe(true);
  });

  it("report.md shows them as text: no live HTML, no link, no broken table row, no control characters", () => {
    const text = formatMarkdown(report);
    // Every < > [ ] ( ) of a name is backslash-escaped: none of them can open a tag or a link.
    expect(text).not.toMatch(/(?<!\\)<(img|svg)/i);
    expect(text).not.toMatch(/(?<!\\)\]\(javascript:/i);
    expect(text).not.toMatch(CONTROL);
    expect(text).toContain("\\<img src=x onerror=alert\\(1\\)\\>.rar");
    expect(text).toContain("\\[点我\\]\\(javascript:alert\\(3\\)\\).rar");
    expect(text).toContain("a\\|b\\`c\\*d\\_e\\\\f.rar");
    // Every row of the files table has exactly the table's four cells.
    const table = text.slice(text.indexOf("| 文件 | 类型 | 页数 | 文字来源 |"));
    const rows = table.split("\n").filter((l) => l.startsWith("|"));
    expect(rows.length).toBe(2 + report.package.files.length);
    for (const row of rows) expect(row.replace(/\\\|/g, "").split("|").length).toBe(6);
    expect(text).not.toContain("\n| 伪造的行");
  });

  it("the evaluator summary (Markdown, also printed to the terminal) is escaped the same way", () => {
    const text = formatSummary(report);
    expect(text).not.toMatch(/(?<!\\)<(img|svg)|(?<!\\)\]\(javascript:/i);
    expect(text).not.toMatch(CONTROL);
  });

  it("terminal text keeps the names readable but strips escape sequences and control characters", () => {
    const text = formatText(report);
    expect(text).not.toMatch(CONTROL);
    expect(text).toContain("红色");
    expect(text).not.toContain("[31m");
    expect(text).not.toContain("0;标题");
    expect(text).toContain("<img src=x onerror=alert(1)>.rar");
  });

  it("report.html escapes them as entities", () => {
    const html = formatHtml(report);
    expect(html).not.toMatch(/<img src=x|<svg onload/i);
    expect(html).toContain("&#60;img src=x onerror=alert(1)&#62;.rar");
  });
});

describe("the helpers", () => {
  it("md escapes Markdown and HTML punctuation and folds newlines; terminal keeps \\n and \\t", () => {
    expect(md("a\r\n b\u2028c")).toBe("a b c");
    expect(md("[x](javascript:y)")).toBe("\\[x\\]\\(javascript:y\\)");
    expect(md("# 标题 ![图](u) ~删~")).toBe("\\# 标题 \\!\\[图\\]\\(u\\) \\~删\\~");
    expect(terminal("行1\n\t行2\u001b[2K\r\u0007\u009b31m\u202e末")).toBe("行1\n\t行2末");
    expect(terminal("\u001b]8;;http://x\u001b\\链接\u001b]8;;\u001b\\")).toBe("链接");
  });
});
