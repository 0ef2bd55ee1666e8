/**
 * Which call for applications a package answers, from the title of its application form. The titles
 * live in the form specs (one place); a package whose text names none of them gets no call.
 */
import type { Package } from "../model.js";
import { FORM_SPECS } from "./form/calls/index.js";
import { normalizeForMatch } from "./normalize/index.js";
import type { CallId } from "./types.js";

export interface DetectedCall {
  callId: CallId;
  /** The line the title was found on. */
  file: string;
  page: number;
  quote: string;
}

/** Titles without the year and quotes that applicants drop or change (「2025年」, “ ”). */
function titleKey(title: string): string {
  return normalizeForMatch(title)
    .replace(/^\d{4}年?/, "")
    .replace(/["“”「」]/g, "");
}

const TITLES = (Object.values(FORM_SPECS) as Array<(typeof FORM_SPECS)[CallId]>)
  .map((spec) => ({ callId: spec.callId, key: titleKey(spec.title) }))
  // Longer titles first, so a title that contains another wins.
  .sort((a, b) => b.key.length - a.key.length);

/** Reads the top lines of every page (titles sit there, often broken over two or three lines) until a form title is found. */
export function detectCall(pkg: Package, linesPerPage = 12): DetectedCall | null {
  for (const file of pkg.files) {
    for (const page of file.pages) {
      const top = page.lines.slice(0, linesPerPage);
      for (let i = 0; i < top.length; i++) {
        // The line and up to two after it: 「2025年湖南省人工智能大模型项目」+「申报书」; large cover titles
        // wrap onto three lines.
        const pair = top.slice(i, i + 3).map((l) => l.text);
        const text = titleKey(pair.join(""));
        const hit = TITLES.find((t) => text.includes(t.key));
        if (hit) return { callId: hit.callId, file: file.path, page: page.index, quote: pair.join("\n") };
      }
    }
  }
  return null;
}
