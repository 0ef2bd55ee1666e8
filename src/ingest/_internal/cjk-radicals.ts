/**
 * Radical code points → the unified ideographs they stand for. Some PDF producers (Chromium/Skia with Noto CJK,
 * some Office exports) map glyphs that a font shares between a radical and a character to the radical's code
 * point in ToUnicode, so 「民营企业」 reads as 「⺠营企业」 and 「高新大道」 as 「⾼新⼤道」. A text layer never means the
 * radical: Kangxi Radicals (U+2F00–U+2FD5) and CJK Compatibility Ideographs fold by NFKC; the CJK Radicals
 * Supplement does not, so its radicals with a standalone character of the same shape are listed here.
 */
const SUPPLEMENT: Readonly<Record<string, string>> = {
  "⺁": "厂", "⺓": "幺", "⺟": "母", "⺠": "民", "⺦": "丬", "⺨": "犭", "⺩": "王", "⺭": "礻", "⺰": "纟", "⺾": "艹",
  "⻄": "西", "⻅": "见", "⻆": "角", "⻈": "讠", "⻉": "贝", "⻋": "车", "⻌": "辶", "⻏": "阝", "⻐": "钅", "⻓": "长",
  "⻔": "门", "⻖": "阝", "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻠": "饣", "⻢": "马",
  "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻬": "齐", "⻮": "齿", "⻰": "龙",
  "⻳": "龟",
};

const RADICAL = /[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]/gu;

export function unifyRadicals(text: string): string {
  if (!RADICAL.test(text)) return text;
  RADICAL.lastIndex = 0;
  return text.replace(RADICAL, (c) => SUPPLEMENT[c] ?? c.normalize("NFKC"));
}
