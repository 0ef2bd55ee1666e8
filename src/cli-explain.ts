/**
 * `shenbao explain <ruleId>`: what a rule checks, the messages it can give, and for every call pack that runs it
 * the level and the notice sentences it enforces there (a generic rule takes its clauses from the pack's options).
 */
import { BATCH_RULES } from "./checks/batch.js";
import { CALL_PACKS } from "./checks/calls/index.js";
import { CERTAINTY_POLICY } from "./checks/context.js";
import { splitEntry } from "./checks/engine.js";
import { RULES } from "./checks/rules/index.js";
import type { CallPack, Level, RuleMeta } from "./checks/types.js";
import { CATEGORY_LABELS, SEVERITY_LABELS } from "./report/labels.js";

export const EXPLAIN_HELP = `用法：
  shenbao explain <规则编号>    说明规则检查什么、会给出哪些提示，以及各规则包中依据的通知原文
  shenbao explain --list        列出全部规则编号
`;

export function runExplainCommand(args: string[]): number {
  const [id] = args;
  const ids = [...Object.keys(RULES), ...Object.keys(BATCH_RULES)];
  if (id === "--help" || id === "-h") {
    process.stdout.write(EXPLAIN_HELP);
    return 0;
  }
  if (id === "--list") {
    process.stdout.write(ids.map((i) => `${i}\t${(RULES[i] ?? BATCH_RULES[i])!.meta.description}`).join("\n") + "\n");
    return 0;
  }
  const rule = id ? (RULES[id] ?? BATCH_RULES[id]) : undefined;
  if (!id || !rule) {
    process.stderr.write(`${id ? `未知的规则编号：${id}` : "请指定规则编号。"}\n可选：${ids.join("、")}\n`);
    return 2;
  }
  process.stdout.write(explain(id, rule.meta, id in RULES ? (p) => p.rules : (p) => p.batch));
  return 0;
}

function explain(id: string, meta: RuleMeta, entries: (p: CallPack) => CallPack["rules"] | undefined): string {
  const out = [`规则 ${id}`, `检查：${meta.description}`, `类别：${CATEGORY_LABELS[meta.category]}`];
  if (meta.rejects) out.push("错误级别的问题视为材料不齐，结论为「不予受理」");
  if (meta.clause) out.push(`依据：${meta.clause}`);
  out.push("", "提示信息（「{{where}}」处填入文件和页码，其余占位符在检查时填入）：");
  for (const [messageId, template] of Object.entries(meta.messages)) out.push(`  ${messageId}：${template}`);
  if (id === "ingest-findings") out.push("  （读取阶段给出的问题原样列入，提示由读取阶段写好）");
  else if (id in RULES) out.push("", CERTAINTY_POLICY);
  const off: string[] = [];
  out.push("", "各规则包中的级别与依据：");
  for (const pack of Object.values(CALL_PACKS)) {
    const entry = entries(pack)?.[id];
    const [level, options]: [Level, unknown] = entry === undefined ? ["off", undefined] : splitEntry(entry);
    if (level === "off") {
      off.push(pack.callId);
      continue;
    }
    out.push(`  ${pack.callId}（${pack.title}）：${SEVERITY_LABELS[level]}`, `    通知：${pack.source}`);
    const clauses =
      id === "required-document" ? pack.documents.map((d) => `${d.name}：${d.clause}`) : clausesIn(options);
    for (const c of clauses) out.push(`    「${c}」`);
    if (clauses.length === 0 && !meta.clause) out.push("    （通用规则，无需引用通知原文）");
  }
  if (off.length) out.push("", `未启用：${off.join("、")}`);
  return out.join("\n") + "\n";
}

/** Every `clause` string in a rule's options, in order, once each. */
function clausesIn(options: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        if (k === "clause" && typeof x === "string") found.push(x);
        else walk(x);
      }
  };
  walk(options);
  return [...new Set(found)];
}
