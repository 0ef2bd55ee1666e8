/**
 * What kind a package file is, as ingest sniffed it from its bytes (the name only when the file is not in the
 * package, e.g. in hand-built test contexts). Word files are the editable version: they never carry a seal.
 */
import type { RuleContext } from "../types.js";

const WORD_KINDS = new Set(["docx", "doc", "wps"]);

function kindOf(ctx: RuleContext, path: string): string | undefined {
  return ctx.pkg.files.find((f) => f.path === path)?.kind;
}

export function isWordFile(ctx: RuleContext, path: string): boolean {
  const kind = kindOf(ctx, path);
  return kind !== undefined ? WORD_KINDS.has(kind) : /\.(docx?|wps)$/i.test(path);
}

export function isPdfFile(ctx: RuleContext, path: string): boolean {
  const kind = kindOf(ctx, path);
  return kind !== undefined ? kind === "pdf" : /\.pdf$/i.test(path);
}
