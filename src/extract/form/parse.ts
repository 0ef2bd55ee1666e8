/** parseApplicationForm: the call's form spec read from an application-form document, whatever its source. */
import type { CallId, DocumentPages } from "../types.js";
import { cellSpaces, linkPageBreaks } from "./cells.js";
import { labelVariants } from "./label.js";
import { FORM_SPECS } from "./calls/index.js";
import { readTables } from "./read.js";
import { readSections } from "./sections.js";
import type { FormParse, FormSpec } from "./types.js";

export function parseApplicationForm(input: DocumentPages, callId: CallId): FormParse {
  return parseWithSpec(input, FORM_SPECS[callId]);
}

export function parseWithSpec(input: DocumentPages, spec: FormSpec): FormParse {
  const labels = spec.fields.flatMap((f) => labelVariants(f.label, f.aliases));
  const spaces = input.pages.flatMap((ref) => cellSpaces(ref, labels));
  linkPageBreaks(spaces, labels);
  const tables = readTables(spaces, spec, input.document.id);
  // The cover is the first page; on a positioned page only if the table does not start there (no cover page).
  const first = input.pages[0];
  const onFirst = (e: { file: string; page: number }) => e.file === first?.file.path && e.page === first.page.index;
  const positioned = first?.page.unit !== "none";
  const cover = first && !(positioned && tables.fields.some((f) => f.evidence.some(onFirst))) ? first : null;
  const flow = readSections(input.pages, spec, input.document.id, cover);
  return {
    fields: [...tables.fields, ...flow.fields],
    unfilled: [...tables.unfilled, ...flow.unfilled],
    sections: [...tables.sections, ...flow.sections],
    checkboxGroups: tables.checkboxGroups,
  };
}
