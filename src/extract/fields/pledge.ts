/**
 * 承诺书: is there pledge text, is the signature line filled (a typed name, or an image such as a
 * handwritten signature drawn on that row), is the date filled → `pledge.present`, `pledge.signed`,
 * `pledge.signer`, `pledge.date` (null when the line reads 「年 月 日」 unfilled), and `pledge.sealed` (a red
 * seal on the pledge page, see ./seal.ts).
 */
import type { Field } from "../../model.js";
import type { DocumentPages, FieldExtractor } from "../types.js";
import { findDates } from "../normalize/index.js";
import { FieldSink, units } from "./amounts-dates.js";
import { sealedField } from "./seal.js";

const PLEDGE = /郑重承诺|承诺如下|特此承诺|承\s*诺\s*书|承诺[:：]/u;
/** The role, then 签名/签字 in brackets (any bracketed word: OCR reads 签名 as 叶名) or bare, then the name. */
const SIGN = /(?:法定代表人|法人代表|主要负责人|单位负责人|负责人|项目负责人|承诺人)\s*(?:[（(〔][^）)〕]{1,6}[）)〕]|签名|签字|签章)\s*[:：]?(.*)$/u;
const BLANK_DATE = /年\s+月\s+日|年\s*[_＿]+\s*月|[_＿]{2,}\s*年/u;
const NOT_NAME = /日期|年|月|日|盖章|公章|签名|签字/u;

export function extractPledge(input: DocumentPages): Field[] {
  const sink = new FieldSink(input.document.id, "pledge");
  const all = units(input, Infinity);
  const text = all.find((u) => PLEDGE.test(u.text));
  if (text) sink.add("pledge.present", true, text.text, [text]);

  const sig = all.find((u) => SIGN.test(u.text));
  if (sig) {
    const after = SIGN.exec(sig.text)![1]!.trim();
    const name = /^[\u4e00-\u9fff·]{2,5}/u.exec(after)?.[0];
    const signedName = name && !NOT_NAME.test(name) ? name : null;
    const ref = input.pages.find((p) => p.file.path === sig.file && p.page.index === sig.page);
    // A signature drawn as an image on the signature row: centred in the row's band, right of the label, no
    // taller than a few lines (a seal image is much taller and sits on the 盖章 line).
    const h = sig.box?.h ?? 0;
    const image = sig.box && ref?.page.images.some((im) => im.box && im.box.h <= 4 * h &&
      Math.abs(im.box.y + im.box.h / 2 - (sig.box!.y + h / 2)) < 1.5 * h && im.box.x > sig.box!.x + sig.box!.w * 0.5);
    sink.add("pledge.signed", Boolean(signedName || image), sig.text, [sig], { confidence: signedName || !image ? 1 : 0.6 });
    if (signedName) sink.add("pledge.signer", signedName, sig.text, [sig]);
  }

  const dateLine = [...all].reverse().find((u) => findDates(u.text).some((d) => d.precision === "day") || BLANK_DATE.test(u.text));
  if (dateLine) {
    const d = findDates(dateLine.text).find((x) => x.precision === "day");
    sink.add("pledge.date", d ? d.iso : null, dateLine.text, [dateLine]);
  }
  const sealed = sealedField(input, "pledge.sealed", "pledge");
  if (sealed) sink.fields.push(sealed);
  return sink.fields;
}

export const pledge: FieldExtractor = {
  name: "pledge",
  docTypes: ["pledge"],
  extract: (input) => extractPledge(input),
};
