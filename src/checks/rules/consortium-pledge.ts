/**
 * 「联合申报的，所有申报单位均需提供真实性承诺书」: when the form lists 联合体 members, the package holds one
 * pledge per unit, the applicant's and each member's. The units' names are seals (pictures), which the
 * extraction does not read, so the pledges are counted: pages of the stamped pledge documents (PDF, scan,
 * image; the Word copies when there is nothing else), one pledge per page at most, so a multi-page pledge can
 * only make the count generous, never report a pledge that is there.
 */
import { evidenceOf, formFields, isNone } from "../_internal/fields.js";
import { isWordFile } from "../_internal/files.js";
import { keyLabel } from "../_internal/labels.js";
import type { Rule } from "../types.js";
import { splitList } from "./list-size.js";

export interface ConsortiumPledgeOptions {
  /** The form cell listing the members (applicant.consortium). */
  key: string;
  clause: string;
}

export const consortiumPledge: Rule<ConsortiumPledgeOptions> = {
  meta: {
    id: "consortium-pledge",
    description: "联合申报时，申报单位和每家联合体成员单位都提供了真实性承诺书",
    category: "missing",
    messages: {
      tooFew:
        "申报书「{{label}}」列出{{count}}家成员单位（{{members}}），连同申报单位共需{{needed}}份真实性承诺书，材料中只找到{{found}}份（{{where}}）。通知要求：「{{clause}}」。请补充每家成员单位法定代表人签名并加盖该单位公章的真实性承诺书。",
    },
  },
  check(ctx, options) {
    const cell = formFields(ctx, options.key)[0];
    if (!cell) return { status: "not-evaluated", reason: `申报书中未找到「${keyLabel(options.key)}」` };
    if (isNone(cell.value)) return { status: "pass" };
    const members = splitList(String(cell.value)).map((m) => m.replace(/[（(][^）)]*[）)]$/u, "").trim());
    if (members.length === 0) return { status: "pass" };
    const pledges = ctx.documents.filter((d) => d.type === "pledge");
    const stamped = pledges.filter((d) => !isWordFile(ctx, d.file));
    const counted = stamped.length ? stamped : pledges;
    const found = counted.reduce((n, d) => n + d.pages[1] - d.pages[0] + 1, 0);
    const needed = members.length + 1;
    if (found >= needed) return { status: "pass" };
    const places = counted.map((d) => ({ file: d.file, page: d.pages[0], quote: d.title }));
    return {
      status: "fail",
      reports: [
        {
          messageId: "tooFew",
          data: {
            label: keyLabel(options.key),
            count: members.length,
            members: members.join("、"),
            needed,
            found,
            clause: options.clause,
          },
          evidence: [...evidenceOf(cell), ...places],
          docType: "pledge",
          fieldKeys: [options.key],
          basis: [cell],
          expected: { pledges: needed, clause: options.clause },
          actual: { pledges: found, members },
        },
      ],
    };
  },
};
