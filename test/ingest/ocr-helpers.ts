/** Shared by the OCR and image tests: fixture loading and character error rate. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const OCR_FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../fixtures/ocr");

export function fixture(name: string): Buffer {
  return readFileSync(path.join(OCR_FIXTURES, name));
}

export function groundTruth(name: string): string {
  return readFileSync(path.join(OCR_FIXTURES, name.replace(/\.[a-z]+$/, ".txt")), "utf8").replace(/\f/g, "");
}

/**
 * Character error rate: Levenshtein distance over characters / length of the truth. Whitespace is removed
 * and both sides are NFKC-folded, so （ and ( count as the same character.
 */
export function cer(got: string, truth: string): number {
  const a = [...got.normalize("NFKC").replace(/\s/g, "")];
  const b = [...truth.normalize("NFKC").replace(/\s/g, "")];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]! / b.length;
}

export function textOf(lines: readonly { text: string }[]): string {
  return lines.map((l) => l.text).join("\n");
}
