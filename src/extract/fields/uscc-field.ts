/**
 * 统一社会信用代码 wherever it is printed: find it, repair OCR slips only when the repair makes both check
 * characters valid, and emit `<prefix>.uscc` and `<prefix>.divisionCode`.
 *
 * Repairs happen only in OCR'd text (line confidence < 1): a typed code is the applicant's to fix.
 * Confidence policy: a code valid as read keeps its line confidence; a repaired code is ×0.8; a code that
 * stays invalid is still emitted (value = the code as read, normalised) with confidence ×0.3 and a
 * companion field `<prefix>.uscc.problems` (string[] in Chinese) so checks can report why.
 */
import { toHalfWidth } from "../normalize/index.js";
import { FieldSink, type Unit } from "./amounts-dates.js";
import { normalizeUscc, parseUscc, USCC_CHARSET } from "./uscc.js";

/** Characters OCR confuses, to their alternatives. Letters GB 32100 forbids (I, O, S, V, Z) must become digits. */
const CONFUSIONS: Record<string, string[]> = {
  O: ["0"], Q: ["0"], D: ["0"], I: ["1"], L: ["1"], Z: ["2"], S: ["5"], B: ["8"], "8": ["B"], G: ["6"], V: ["Y"],
  T: ["7"],
};

/**
 * Digits low-resolution scans blur into each other. Tried one position at a time only (never combined), and
 * kept only when exactly one candidate passes both check characters.
 */
const DIGIT_SLIPS: Record<string, string[]> = {
  "3": ["8"], "8": ["3", "6", "0"], "6": ["8", "5"], "5": ["6"], "0": ["8", "6"], "1": ["7"], "7": ["1"],
};

function singleSlips(code: string): string[] {
  return [...code].flatMap((c, i) => (DIGIT_SLIPS[c] ?? []).map((d) => code.slice(0, i) + d + code.slice(i + 1)));
}

export interface FoundUscc {
  code: string;
  /** As printed (the matched characters, spaces kept). */
  raw: string;
  valid: boolean;
  repaired: boolean;
  problems: string[];
  divisionCode: string;
}

/** Candidate runs: 17–19 code characters, spaces allowed between them (OCR splits codes). */
const RUN = /[0-9A-Z](?:[ \u3000]?[0-9A-Z]){16,18}/gu;

/** Readings of the code under the confusion table. */
function variants(code: string): string[] {
  const slots = [...code].map((c, i) => {
    // Positions 3–8 are the division code: digits only.
    const allowed = (x: string) => USCC_CHARSET.includes(x) && (i < 2 || i > 7 || /\d/.test(x));
    return [...(allowed(c) ? [c] : []), ...(CONFUSIONS[c] ?? []).filter(allowed)];
  });
  if (slots.some((s) => s.length === 0)) return [];
  let out = [""];
  for (const s of slots) {
    out = out.flatMap((p) => s.map((c) => p + c));
    if (out.length > 256) return [];
  }
  return out;
}

/**
 * Try the code as read; in OCR'd text then letter/digit confusion swaps, (19 characters) dropping one
 * inserted character, then one blurred digit. A repair is kept only when it is the single valid candidate.
 */
export function repairUscc(raw: string, opts: { ocr?: boolean } = {}): FoundUscc {
  const code = normalizeUscc(toHalfWidth(raw));
  const parsed = parseUscc(code);
  const base = { raw, divisionCode: parsed.divisionCode };
  if (parsed.valid) return { ...base, code, valid: true, repaired: false, problems: [] };
  // Typed text is never repaired: an O for 0 in a form is the applicant's error, for the checks to report.
  if (!opts.ocr) return { ...base, code, valid: false, repaired: false, problems: parsed.problems };
  const tries = code.length === 18 ? [code] : code.length === 19 ? [...code].map((_, i) => code.slice(0, i) + code.slice(i + 1)) : [];
  const swapped = tries.flatMap(variants);
  let fixed = new Set(swapped.filter((c) => parseUscc(c).valid));
  // Blurred digits: only on a code read at full length, never stacked on other repairs,
  // and only where the organisation-code check (positions 9–17) failed, so both check characters must
  // confirm the fix; a typo in the final check character is never "repaired" elsewhere.
  const orgFailed = parsed.problems.some((p) => p.startsWith("第9-17位"));
  if (fixed.size === 0 && orgFailed && code.length === 18) {
    fixed = new Set(singleSlips(code).filter((c) => parseUscc(c).valid && c.slice(0, 8) === code.slice(0, 8)));
  }
  if (fixed.size === 1) {
    const [only] = fixed as Set<string> & [string];
    return { raw, code: only, valid: true, repaired: true, problems: [], divisionCode: parseUscc(only).divisionCode };
  }
  return { ...base, code, valid: false, repaired: false, problems: parsed.problems };
}

/** Codes in a unit's text, best first (valid before repaired before invalid). */
export function findUsccs(text: string, opts: { ocr?: boolean } = {}): FoundUscc[] {
  const upper = toHalfWidth(text).toUpperCase();
  const found = [...upper.matchAll(RUN)]
    .map((m) => text.slice(m.index, m.index + m[0].length))
    .filter((r) => /\d{4}/.test(r.replace(/\s/g, "")))
    .map((r) => repairUscc(r, opts));
  const rank = (f: FoundUscc) => (f.valid ? (f.repaired ? 1 : 0) : 2);
  return found.sort((a, b) => rank(a) - rank(b));
}

/** Text layers and DOCX report confidence 1; OCR'd lines less. */
const isOcr = (u: Unit) => u.parts.some((p) => p.confidence < 1);

const LABEL = /统\s*一\s*社\s*会\s*信\s*用\s*代\s*码|纳\s*税\s*人\s*识\s*别\s*号|社会信用代码/u;

/**
 * The code printed next to 「统一社会信用代码」/「纳税人识别号」 (same unit or the one after), else the
 * first valid code anywhere in the units. Emits nothing when no candidate exists.
 */
export function emitUscc(sink: FieldSink, all: Unit[], prefix = "applicant"): FoundUscc | null {
  let best: { f: FoundUscc; from: Unit[] } | null = null;
  for (let i = 0; i < all.length && !best; i++) {
    const u = all[i]!;
    if (!LABEL.test(u.text)) continue;
    const after = u.text.slice(u.text.search(LABEL));
    const here = findUsccs(after, { ocr: isOcr(u) })[0];
    const next = all[i + 1];
    const there = !here && next ? findUsccs(next.text, { ocr: isOcr(next) })[0] : undefined;
    if (here) best = { f: here, from: [u] };
    else if (there) best = { f: there, from: [u, next!] };
  }
  if (!best) {
    for (const u of all) {
      const f = findUsccs(u.text, { ocr: isOcr(u) }).find((x) => x.valid);
      if (f) {
        best = { f, from: [u] };
        break;
      }
    }
  }
  if (!best) return null;
  const { f, from } = best;
  const confidence = f.valid ? (f.repaired ? 0.8 : 1) : 0.3;
  sink.add(`${prefix}.uscc`, f.code, f.raw, from, { confidence });
  if (/^\d{6}$/.test(f.divisionCode)) sink.add(`${prefix}.divisionCode`, f.divisionCode, f.raw, from, { confidence });
  if (!f.valid) sink.add(`${prefix}.uscc.problems`, f.problems, f.raw, from, { confidence });
  return f;
}
