/** `shenbao calls`: the call packs (申报通知规则包) with their titles, versions, deadlines and sources. */
import { parseCommandArgs } from "./cli-args.js";
import { CALL_PACKS } from "./checks/calls/index.js";
import type { CallPack, RuleEntry } from "./checks/types.js";

export const CALLS_HELP = `用法：
  shenbao calls [--format text|json]    列出申报通知规则包：编号、名称、版本、截止日期、依据的通知
`;

export function runCallsCommand(args: string[]): number {
  const { values } = parseCommandArgs(
    {
      args,
      options: { format: { type: "string", default: "text" }, help: { type: "boolean", short: "h", default: false } },
    },
    "calls",
  );
  if (values.help) {
    process.stdout.write(CALLS_HELP);
    return 0;
  }
  if (values.format !== "text" && values.format !== "json") {
    process.stderr.write(`--format 只能是 text 或 json（收到：${values.format}）\n`);
    return 2;
  }
  const packs = Object.values(CALL_PACKS);
  if (values.format === "json") {
    process.stdout.write(JSON.stringify(packs.map(summary), null, 2) + "\n");
    return 0;
  }
  const out = [`申报通知规则包（共 ${packs.length} 个）：`];
  for (const p of packs) {
    const s = summary(p);
    out.push(
      "",
      `${p.callId}`,
      `  ${p.title} · 版本 ${p.version} · 截止 ${p.deadline ? p.deadline.date : "通知未写明"}`,
      `  依据：${p.source}`,
      `  必备材料 ${s.documents} 项，检查规则 ${s.rules} 条，批量规则 ${s.batchRules} 条`,
    );
  }
  process.stdout.write(out.join("\n") + "\n");
  return 0;
}

const active = (rules: Readonly<Record<string, RuleEntry>> = {}) =>
  Object.entries(rules).filter(([, e]) => (typeof e === "string" ? e : e[0]) !== "off").length;

function summary(p: CallPack) {
  return {
    callId: p.callId,
    title: p.title,
    version: p.version,
    deadline: p.deadline ?? null,
    source: p.source,
    documents: p.documents.filter((d) => !d.optional).length,
    rules: active(p.rules),
    batchRules: active(p.batch),
  };
}
