/**
 * Near-duplicate text: character 5-gram shingles of the text with whitespace, punctuation and width folded,
 * hashed to 32-bit numbers, compared by Jaccard (|A∩B| / |A∪B|). Exact, not MinHash-estimated: a district's
 * batch is tens to a few hundred packages of a few thousand characters each, well within exact set overlap.
 */
import { normalizeForMatch } from "../../extract/normalize/index.js";

export const SHINGLE = 5;

/** FNV-1a over the UTF-16 code units. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Shingles of each line of text separately (no shingle spans two cells). */
export function shingles(text: string, size = SHINGLE): Set<number> {
  const out = new Set<number>();
  for (const line of text.split("\n")) {
    const chars = [...normalizeForMatch(line).replace(/[\s\p{P}\p{S}]/gu, "")];
    for (let i = 0; i + size <= chars.length; i++) out.add(hash(chars.slice(i, i + size).join("")));
  }
  return out;
}

export function jaccard(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}
