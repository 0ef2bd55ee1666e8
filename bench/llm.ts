/**
 * npm run bench:llm — the LLM stage against whatever endpoint is configured (OPENAI_BASE_URL, SHENBAO_LLM_MODEL,
 * OPENAI_API_KEY), over the fixture packages, without the response cache: fields the LLM recovered that the rules
 * missed (and whether they match fixtures/expected), grounding rejections, invalid answers, calls and tokens per
 * package. Writes bench/results/llm.json; skips cleanly (exit 0, nothing written) when no endpoint is configured.
 */
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { extract } from "../src/extract/extract.js";
import { resolveLlmConfig } from "../src/extract/llm/config.js";
import { runLlmStage, type LlmStageReport } from "../src/extract/llm/stage.js";
import { ingest } from "../src/ingest/ingest.js";
import { ROOT } from "./_internal/corpus.js";

const RESULTS = path.join(ROOT, "bench/results/llm.json");
const PACKAGES = path.join(ROOT, "fixtures/packages");
const EXPECTED = path.join(ROOT, "fixtures/expected");

const resolved = resolveLlmConfig(process.env, { cacheDir: false });
if ("reason" in resolved) {
  console.log(`bench:llm 跳过：${resolved.reason}`);
  process.exit(0);
}
const config = resolved.config;

const expectedByPackage = new Map<string, Record<string, unknown>>();
for (const name of (await readdir(EXPECTED)).filter((f) => f.endsWith(".json"))) {
  const e = JSON.parse(await readFile(path.join(EXPECTED, name), "utf8")) as {
    package: string;
    fields?: Record<string, unknown>;
  };
  expectedByPackage.set(e.package, e.fields ?? {});
}

type Counts = Omit<LlmStageReport, "narrative" | "summary" | "prompts">;
interface PackageResult extends Counts {
  package: string;
  recovered: { key: string; value: unknown; page: number | undefined; correct?: boolean }[];
  narrativeGaps: { key: string; missing: string[] }[];
  summaryChars: number | null;
}

const packages: PackageResult[] = [];
for (const name of (await readdir(PACKAGES)).sort()) {
  const pkg = await ingest([path.join(PACKAGES, name)]);
  const { extraction, report } = await runLlmStage(pkg, extract(pkg), config);
  const truth = expectedByPackage.get(name) ?? {};
  const recovered = extraction.fields
    .filter((f) => f.extractor.startsWith("llm:"))
    .map((f) => ({
      key: f.key,
      value: f.value,
      page: f.evidence[0]?.page,
      ...(f.key in truth ? { correct: JSON.stringify(truth[f.key]) === JSON.stringify(f.value) } : {}),
    }));
  const { narrative, summary, prompts, ...counts } = report;
  packages.push({
    package: name,
    recovered,
    narrativeGaps: narrative.map((g) => ({ key: g.key, missing: g.missing })),
    summaryChars: summary ? [...summary.description].length : null,
    ...counts,
  });
  console.log(
    `${name}: 补充字段 ${recovered.length}，未通过溯源 ${report.ungrounded}，无效 ${report.invalid}，${report.calls} 次调用，${report.tokens} tokens`,
  );
}

const sum = (k: "calls" | "tokens" | "ungrounded" | "invalid" | "fieldsAdded") =>
  packages.reduce((n, p) => n + p[k], 0);
const result = {
  model: config.model,
  endpoint: new URL(config.baseURL).host,
  at: new Date().toISOString(),
  totals: {
    packages: packages.length,
    fieldsRecovered: sum("fieldsAdded"),
    ungrounded: sum("ungrounded"),
    invalid: sum("invalid"),
    calls: sum("calls"),
    tokens: sum("tokens"),
    tokensPerPackage: packages.length ? Math.round(sum("tokens") / packages.length) : 0,
  },
  packages,
};
await mkdir(path.dirname(RESULTS), { recursive: true });
await writeFile(RESULTS, JSON.stringify(result, null, 2) + "\n");
console.log(`已写入 ${path.relative(ROOT, RESULTS)}`);
