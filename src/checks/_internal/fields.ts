/** Field lookups and value comparisons shared by the rules. */
import type { Evidence, Field } from "../../model.js";
import { normalizeUscc } from "../../extract/fields/uscc.js";
import { editDistance, normalizeForMatch } from "../../extract/normalize/index.js";

export { editDistance };
import type { RuleContext } from "../types.js";

export const FORM_EXTRACTOR = "rule:form";

/** Values read from the application form(s), in document order. */
export function formFields(ctx: RuleContext, key: string): Field[] {
  return ctx.fields(key).filter((f) => f.extractor === FORM_EXTRACTOR);
}

/** 无 / 否 / empty: a filled cell that says there is nothing. */
export function isNone(value: Field["value"] | undefined): boolean {
  if (value === null || value === undefined || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  const t = String(value).replace(/[\s。.、,，]/g, "");
  return t === "" || /^(无|否|没有|暂无|不适用|\/|-+)$/.test(t);
}

/** 单位性质 from the form's checkbox, else from the USCC's first two characters (12 = 事业单位, 9x = 企业). */
export function applicantNature(ctx: RuleContext): string | null {
  const checked = formFields(ctx, "applicant.nature").find((f) => typeof f.value === "string" && f.value !== "");
  if (checked) return String(checked.value);
  const uscc = formFields(ctx, "applicant.uscc")[0] ?? ctx.fields("applicant.uscc")[0];
  const code = uscc ? normalizeUscc(String(uscc.value)) : "";
  if (code.startsWith("12")) return "事业单位";
  if (code.startsWith("9")) return "企业";
  return null;
}

/** The key two spellings of one value are compared under: width, case, spaces, punctuation folded. */
export function comparable(key: string, value: Field["value"]): string {
  if (value === null) return "";
  if (Array.isArray(value)) return value.map((v) => comparable(key, v)).join(",");
  if (typeof value === "number") return String(Math.round(value * 100) / 100);
  const text = String(value);
  if (key.endsWith(".uscc")) return normalizeUscc(text);
  return normalizeForMatch(text).replace(/[()（）"'·.,，。:：;；、\-—_]/g, "");
}

/** Years a value covers: 2024, "2024年度", or a period "2023-01-01/2024-12-31" (every year in between). */
export function yearsOf(value: Field["value"]): string[] {
  const text = Array.isArray(value) ? value.join(" ") : String(value ?? "");
  const found = [...text.matchAll(/(?:19|20)\d{2}/g)].map((m) => Number(m[0]));
  if (found.length === 2 && text.includes("/")) {
    const [from, to] = found as [number, number];
    return Array.from({ length: Math.max(0, to - from) + 1 }, (_, i) => String(from + i));
  }
  return found.map(String);
}

export function display(value: Field["value"]): string {
  if (value === null) return "（空）";
  return Array.isArray(value) ? value.join("、") : String(value);
}

/** The first piece of evidence of each field, for a finding's places. */
export function evidenceOf(...fields: Field[]): Evidence[] {
  return fields.flatMap((f) => f.evidence.slice(0, 1));
}
