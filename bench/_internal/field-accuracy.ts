/**
 * Field accuracy against the fixtures' ground truth (fixtures/expected/<package>.json `fields`), shared by
 * the extract test and `npm run bench:extract`. The ground truth lists every fact of the fictional
 * applicant, including some no document of the package states, so recall is a lower bound.
 */
import type { Field } from "../../src/model.js";
import { normalizeForMatch, parseDate } from "../../src/extract/normalize/index.js";

export interface KeyScore {
  key: string;
  expected: unknown;
  /** Values extracted for this key, with the extractor that produced each. */
  got: Array<{ value: Field["value"]; extractor: string; correct: boolean }>;
}

export function sameValue(expected: unknown, got: Field["value"]): boolean {
  if (typeof expected === "number") return typeof got === "number" && Math.abs(expected - got) < 0.005;
  if (typeof expected === "string") {
    const date = parseDate(expected);
    if (date && /^\d{4}年\d{1,2}月\d{1,2}日$/.test(expected)) return got === date.iso;
    return typeof got === "string" && normalizeForMatch(got) === normalizeForMatch(expected);
  }
  return JSON.stringify(expected) === JSON.stringify(got);
}

export function scoreFields(expected: Record<string, unknown>, fields: readonly Field[]): KeyScore[] {
  return Object.entries(expected).map(([key, value]) => ({
    key,
    expected: value,
    got: fields
      .filter((f) => f.key === key)
      .map((f) => ({ value: f.value, extractor: f.extractor, correct: sameValue(value, f.value) })),
  }));
}

export interface Totals {
  expectedKeys: number;
  /** Keys with at least one correct value. */
  recalled: number;
  /** Extracted values of expected keys. */
  values: number;
  correctValues: number;
}

export function totals(scores: readonly KeyScore[]): Totals {
  return {
    expectedKeys: scores.length,
    recalled: scores.filter((s) => s.got.some((g) => g.correct)).length,
    values: scores.reduce((n, s) => n + s.got.length, 0),
    correctValues: scores.reduce((n, s) => n + s.got.filter((g) => g.correct).length, 0),
  };
}
