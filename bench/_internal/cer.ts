/** Character error rate: Levenshtein distance over characters / reference length, whitespace ignored. */
export function characterErrorRate(reference: string, hypothesis: string): number {
  const ref = [...reference.replace(/\s+/g, "")];
  const hyp = [...hypothesis.replace(/\s+/g, "")];
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1;
  let previous = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const current = [i];
    for (let j = 1; j <= hyp.length; j++) {
      const substitution = previous[j - 1]! + (ref[i - 1] === hyp[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[hyp.length]! / ref.length;
}
