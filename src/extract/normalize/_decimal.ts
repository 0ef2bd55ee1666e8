/** Exact decimal helpers: unit conversion by moving the decimal point in the digit string, not by float maths. */

/** "1.2345" shifted by 4 → "12345"; "1234567.00" by -4 → "123.456700". Input: unsigned digits with optional ".". */
export function shiftDecimal(digits: string, places: number): string {
  const [int = "0", frac = ""] = digits.split(".");
  const all = int + frac;
  let point = int.length + places;
  let padded = all;
  if (point <= 0) {
    padded = "0".repeat(1 - point) + all;
    point = 1;
  } else if (point > all.length) {
    padded = all + "0".repeat(point - all.length);
  }
  return `${padded.slice(0, point)}.${padded.slice(point)}`;
}

/** Number with at most `decimals` decimals, free of float noise (12344.999999999998 → 12345). */
export function roundTo(value: number, decimals: number): number {
  const rounded = Number(value.toFixed(decimals));
  return Object.is(rounded, -0) ? 0 : rounded;
}
