import { editDistance } from "../../src/extract/normalize/index.js";

/** Character error rate: edit distance over characters / reference length, whitespace ignored. */
export function characterErrorRate(reference: string, hypothesis: string): number {
  const ref = reference.replace(/\s+/g, "");
  const hyp = hypothesis.replace(/\s+/g, "");
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1;
  return editDistance(ref, hyp) / [...ref].length;
}
