/** Chinese phone numbers: mobiles, landlines with area code, bare 7/8-digit local numbers, 400/800 service lines. */
import { toHalfWidth } from "./text.js";

export type PhoneKind = "mobile" | "landline" | "local" | "service";

export interface Phone {
  kind: PhoneKind;
  /** mobile 13812345678 · landline 027-85317019 (027-85317019转8012 with an extension) · local 85317019 · service 400-820-8820. */
  normalized: string;
  /** +8613812345678, +862785317019; absent for a local number, whose area code is unknown. */
  e164?: string;
  raw: string;
}

export interface FoundPhone extends Phone {
  start: number;
  end: number;
}

const SEP = String.raw`[\s\-.\u2010-\u2015]?`;
const CC = String.raw`(?:(?:\+|00)\s*86|\(\s*\+?86\s*\))\s*-?\s*`;
/** 3-digit area codes are 010 and 02X; the rest are 4 digits from 03XX to 09XX. */
const AREA = String.raw`0(?:10|2\d|[3-9]\d{2})`;
const MOBILE = String.raw`(1[3-9]\d)${SEP}(\d{4})${SEP}(\d{4})`;
const LOCAL = String.raw`([2-9]\d{2,3})${SEP}(\d{4})`;
const EXT = String.raw`(?:\s*(?:转|分机|ext\.?|-)\s*(?<ext>\d{1,5}))?`;
const PHONE_RE = new RegExp(
  [
    String.raw`(?<service>[48]00${SEP}\d{3}${SEP}\d{4})`,
    String.raw`(?<cc>${CC})?(?<mobile>${MOBILE})`,
    String.raw`(?:(?<cc2>${CC})(?<area2>${AREA.slice(1)})|\(\s*(?<area1>${AREA})\s*\)|(?<area>${AREA}))\s*${SEP}\s*(?<landline>${LOCAL})${EXT}`,
    String.raw`(?<local>${LOCAL})`,
  ]
    .map((alt) => String.raw`(?<![\d+])${alt}(?!\d)`)
    .join("|"),
  "giu",
);

function digits(s: string): string {
  return s.replace(/\D/g, "");
}

function fromMatch(m: RegExpMatchArray, raw: string): Phone | null {
  const g = m.groups!;
  if (g.service) {
    const d = digits(g.service);
    return { kind: "service", normalized: `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`, raw };
  }
  if (g.mobile) {
    const d = digits(g.mobile);
    return { kind: "mobile", normalized: d, e164: `+86${d}`, raw };
  }
  if (g.landline) {
    const area = g.area ?? g.area1 ?? `0${g.area2!}`;
    const local = digits(g.landline);
    // Beijing, Shanghai, Guangzhou … (3-digit codes) have 8-digit numbers; 4-digit areas have 7 or 8.
    if (area.length === 3 && local.length !== 8) return null;
    const normalized = `${area}-${local}${g.ext ? `转${g.ext}` : ""}`;
    return { kind: "landline", normalized, e164: `+86${area.slice(1)}${local}`, raw };
  }
  if (g.local) return { kind: "local", normalized: digits(g.local), raw };
  return null;
}

/**
 * Phone numbers in running text, with offsets. Bare local numbers are only reported with `includeLocal`,
 * since any 8-digit run (an amount, 20251014) would otherwise read as one.
 */
export function findPhones(text: string, options: { includeLocal?: boolean } = {}): FoundPhone[] {
  const s = toHalfWidth(text);
  const out: FoundPhone[] = [];
  for (const m of s.matchAll(PHONE_RE)) {
    if (m.groups!.local && !options.includeLocal) continue;
    const end = m.index + m[0].length;
    const phone = fromMatch(m, text.slice(m.index, end));
    if (phone) out.push({ ...phone, start: m.index, end });
  }
  return out;
}

/** The phone number a field holds (first one when a cell lists several; a local number is accepted). */
export function parsePhone(text: string): Phone | null {
  const first = findPhones(text, { includeLocal: true })[0];
  if (!first) return null;
  const { start: _start, end: _end, ...phone } = first;
  return { ...phone, raw: text };
}
