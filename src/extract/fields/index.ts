/** The rule-based field extractors, one per document type; the pipeline runs every one whose docTypes match. */
import type { FieldExtractor } from "../types.js";
import { auditReport } from "./audit-report.js";
import { businessLicense } from "./business-license.js";
import { creditReport } from "./credit-report.js";
import { filing } from "./filing.js";
import { institutionCertificate } from "./institution-certificate.js";
import { pledge } from "./pledge.js";
import { rdAuditReport } from "./rd-audit-report.js";
import { seal } from "./seal.js";
import { taxCertificate } from "./tax-certificate.js";
import { taxReturn } from "./tax-return.js";

export const registry: readonly FieldExtractor[] = [
  businessLicense, institutionCertificate, auditReport, rdAuditReport, taxReturn, taxCertificate, filing, pledge, seal,
  creditReport,
];

export { auditReport, businessLicense, creditReport, filing, institutionCertificate, pledge, rdAuditReport, seal, taxCertificate, taxReturn };
export { MIN_SEAL_CONFIDENCE, sealedField, sealsOn, type SealHit } from "./seal.js";
export { parseFilingNumber, type FilingKind, type ParsedFiling } from "./filing.js";
export { emitUscc, findUsccs, repairUscc, type FoundUscc } from "./uscc-field.js";
export { FieldSink, units, type SrcLine, type Unit } from "./amounts-dates.js";
