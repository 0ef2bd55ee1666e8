/**
 * The shape of a document-type rule, as data. Patterns are tested against squashed text (no spaces).
 * `titles` must match a prominent line (see classify-text.ts) after its numbering is stripped; `names` are
 * the literal titles OCR may garble by one character; `phrases` count anywhere on the page (once per
 * matching line, up to `max` lines); `negatives` subtract; `continues` are what a later page of an open
 * document of this type shows (balance sheets in an audit report); `files` are file-name hints (default:
 * `titles`), which only ever add to evidence the content already gives. */
import type { DocType } from "../../model.js";

export interface Phrase {
  re: RegExp;
  w: number;
  /** Count up to this many matching lines (default 1). */
  max?: number;
}

export interface DocRule {
  type: DocType;
  titles: RegExp[];
  phrases: Phrase[];
  negatives?: Phrase[];
  continues?: RegExp[];
  files?: RegExp[];
  /** Literal titles that OCR may misread by one character (菊业执照); matched only on OCR'd lines. */
  names?: string[];
  /** The longest such a document plausibly runs: a page beyond it continues it only on `continues` evidence. */
  maxPages?: number;
}

export const p = (re: RegExp, w = 1, max = 1): Phrase => ({ re, w, max });

/** Numbering and attachment prefixes that say where a title sits, not what it is. */
export const TITLE_PREFIX =
  /^(?:附件(?:材料)?[（(]?[0-9一二三四五六七八九十]*[）)]?[：:、.．\-—]?|[（(]?[0-9一二三四五六七八九十ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]{1,3}[）)、.．]|第[一二三四五六七八九十0-9]+[章部分节]?)+/;

/** Words around a title that do not change what it is; ignored when judging how much of a line a title covers. */
export const TITLE_NOISE =
  /[（(][^）)]*[）)]|申报单位|申请单位|法定代表人|近[一二三两]年(?:度)?|[0-9]{4}(?:-[0-9]{4})?年度?|复印件|扫描件|原件|副本|加盖公章|盖章|的|及|和/g;
