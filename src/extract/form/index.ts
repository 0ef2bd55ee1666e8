/** Application-form reading (申报书 / 申报信息表): per-call specs as data and one generic reader. Keys: ./calls/index.ts. */
export { parseApplicationForm, parseWithSpec } from "./parse.js";
export { FORM_SPECS } from "./calls/index.js";
export type {
  CheckboxGroup,
  CheckboxOption,
  CoverSpec,
  DerivedSpec,
  FieldSpec,
  FormParse,
  FormSpec,
  Section,
  SectionSpec,
  Unfilled,
  UnfilledReason,
  ValueKind,
} from "./types.js";
