export { parseAmount } from "./amount.js";
export type { Amount, AmountOptions, AmountUnit } from "./amount.js";
export { findDates, parseDate, parsePeriod } from "./date.js";
export type { DatePrecision, FoundDate, ParsedDate, Period } from "./date.js";
export { parsePercent } from "./percent.js";
export type { Percent, PercentOptions } from "./percent.js";
export { parseParams } from "./params.js";
export type { Params, ParamsOptions } from "./params.js";
export { findDataVolumes, parseDataVolume } from "./data-volume.js";
export type { DataVolume, DataVolumeOptions, FoundDataVolume } from "./data-volume.js";
export { parseHeadcount } from "./headcount.js";
export type { Headcount } from "./headcount.js";
export { findPhones, parsePhone } from "./phone.js";
export type { FoundPhone, Phone, PhoneKind } from "./phone.js";
export {
  CHINESE_NUMERAL_CHARS,
  chineseNumeralToNumber,
  countChars,
  editDistance,
  locateQuote,
  matchKey,
  normalizeForMatch,
  toHalfWidth,
} from "./text.js";
export type { MatchKey } from "./text.js";
