/** The rule registry: id (= file name) → rule. */
import type { Rule } from "../types.js";
import { arithmetic } from "./arithmetic.js";
import { consortiumPledge } from "./consortium-pledge.js";
import { creditReport } from "./credit-report.js";
import { dateWindow } from "./date-window.js";
import { documentOrder } from "./document-order.js";
import { fieldEqual } from "./field-equal.js";
import { filingNumber } from "./filing-number.js";
import { ingestFindings } from "./ingest-findings.js";
import { listSize } from "./list-size.js";
import { numberRange } from "./number-range.js";
import { pledgeSigned } from "./pledge-signed.js";
import { registeredIn } from "./registered-in.js";
import { requiredDocument } from "./required-document.js";
import { requiredField } from "./required-field.js";
import { sealRequired } from "./seal-required.js";
import { textLength } from "./text-length.js";
import { tocPages } from "./toc-pages.js";
import { usccValid } from "./uscc-valid.js";
import { wordAndPdf } from "./word-and-pdf.js";

const all = [
  ingestFindings,
  requiredDocument,
  wordAndPdf,
  requiredField,
  textLength,
  documentOrder,
  tocPages,
  fieldEqual,
  usccValid,
  registeredIn,
  dateWindow,
  arithmetic,
  numberRange,
  listSize,
  pledgeSigned,
  consortiumPledge,
  filingNumber,
  sealRequired,
  creditReport,
] as Array<Rule<never>>;

export const RULES: Readonly<Record<string, Rule<never>>> = Object.fromEntries(all.map((r) => [r.meta.id, r]));
