/** Shared by the OCR and image tests: fixture loading and character error rate. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { editDistance } from "../../src/extract/normalize/index.js";

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
  const fold = (t: string) => t.normalize("NFKC").replace(/\s/g, "");
  return editDistance(fold(got), fold(truth)) / [...fold(truth)].length;
}

export function textOf(lines: readonly { text: string }[]): string {
  return lines.map((l) => l.text).join("\n");
}
