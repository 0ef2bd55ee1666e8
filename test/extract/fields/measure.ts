/**
 * Precision / recall of the rule extractors on every real input with ground truth.
 * Run: npx tsx test/extract/fields/measure.ts
 */
import { registry } from "../../../src/extract/fields/index.js";
import { asDocument, ingestFile } from "./helpers.js";
import { FIELD_SAMPLES, ocrLicenceCases, packageCases, score, type Case } from "./truth.js";

async function run(group: string, cases: Case[]): Promise<[number, number, number]> {
  let [tp, fp, fn] = [0, 0, 0];
  for (const c of cases) {
    const files = await ingestFile(c.file);
    const doc = asDocument(files[0]!, c.type, c.pages);
    const fields = registry.filter((e) => e.docTypes.includes(c.type)).flatMap((e) => e.extract(doc, {}));
    const s = score(c.truth, fields);
    [tp, fp, fn] = [tp + s.tp, fp + s.fp, fn + s.fn];
    console.log(`${group.padEnd(9)} ${c.file.split("/").slice(-1)[0]} [${c.type} ${c.pages?.join("-") ?? ""}] ${s.tp}/${s.tp + s.fn}`);
    for (const m of s.misses) console.log(`            ✗ ${m}`);
  }
  return [tp, fp, fn];
}

const groups: [string, Case[]][] = [["ocr", ocrLicenceCases()], ["packages", packageCases()], ["samples", FIELD_SAMPLES]];
const total = [0, 0, 0];
for (const [name, cases] of groups) {
  const [tp, fp, fn] = await run(name, cases);
  console.log(`== ${name}: precision ${(tp / (tp + fp)).toFixed(3)} recall ${(tp / (tp + fn)).toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn})\n`);
  total[0]! += tp; total[1]! += fp; total[2]! += fn;
}
const [tp, fp, fn] = total as [number, number, number];
console.log(`== all: precision ${(tp / (tp + fp)).toFixed(3)} recall ${(tp / (tp + fn)).toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn})`);
