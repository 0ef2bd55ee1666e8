/**
 * Masks personal and account numbers before text leaves the machine, and puts them back into what the model
 * returns. One Redactor per package, so the same number gets the same token in every request (a quote the model
 * copies back still matches after restoring).
 */
import { isValidUscc } from "../fields/uscc.js";

/**
 * 身份证号 first (it has a date inside), then the USCC (only when its check character holds), then bank accounts
 * before phone numbers: a longer number is never cut into a phone number.
 */
const PATTERNS: { kind: string; label: string; re: RegExp; uscc?: true }[] = [
  {
    kind: "id",
    label: "身份证号",
    re: /(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g,
  },
  {
    kind: "uscc",
    label: "信用代码",
    re: /(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])/g,
    uscc: true,
  },
  { kind: "bank", label: "银行账号", re: /(?<![0-9A-Za-z])\d{4}(?:[ -]?\d{4}){2,3}(?:[ -]?\d{1,3})?(?![0-9A-Za-z])/g },
  { kind: "phone", label: "电话", re: /(?<![0-9A-Za-z])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9A-Za-z])/g },
  { kind: "tel", label: "电话", re: /(?<![0-9A-Za-z])0\d{2,3}[ -]?\d{7,8}(?![0-9A-Za-z])/g },
];

function keep(kind: string, match: string): boolean {
  if (kind === "uscc") return !isValidUscc(match);
  return kind === "bank" && match.replace(/\D/g, "").length < 12;
}

export interface Redactor {
  redact(text: string): string;
  /** Puts the original numbers back (into model output: values, quotes). */
  restore(text: string): string;
  /** How many distinct numbers were masked. */
  readonly count: number;
}

export function createRedactor(options: { uscc?: boolean } = {}): Redactor {
  const byValue = new Map<string, string>();
  const byToken = new Map<string, string>();
  const tokenOf = (label: string, value: string) => {
    let token = byValue.get(value);
    if (!token) {
      token = `〔${label}${byValue.size + 1}〕`;
      byValue.set(value, token);
      byToken.set(token, value);
    }
    return token;
  };
  return {
    redact(text) {
      let out = text;
      for (const p of PATTERNS) {
        if (p.uscc && !options.uscc) continue;
        out = out.replace(p.re, (m) => (keep(p.kind, m) ? m : tokenOf(p.label, m)));
      }
      return out;
    },
    restore(text) {
      return text.replace(/〔[^〔〕]{2,8}\d+〕/g, (t) => byToken.get(t) ?? t);
    },
    get count() {
      return byValue.size;
    },
  };
}
