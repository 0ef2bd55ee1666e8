/** The JSON writer: the contract object, validated, pretty-printed. */
import { ReportSchema, type Report } from "./schema.js";

export function formatJson(report: Report): string {
  return JSON.stringify(ReportSchema.parse(report), null, 2) + "\n";
}
