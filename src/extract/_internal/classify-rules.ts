/** All document-type rules (the data the classifier scores), in the contract's order of types. */
import { DOC_TYPES } from "../../model.js";
import type { DocRule } from "./classify-rule.js";
import { EVIDENCE_RULES } from "./classify-rules-evidence.js";
import { PAPER_RULES } from "./classify-rules-papers.js";

export { TITLE_NOISE, TITLE_PREFIX, type DocRule, type Phrase } from "./classify-rule.js";

const order = (r: DocRule) => DOC_TYPES.indexOf(r.type);
export const RULES: readonly DocRule[] = [...PAPER_RULES, ...EVIDENCE_RULES].sort((a, b) => order(a) - order(b));
