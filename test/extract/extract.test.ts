import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sharedCacheDir } from "../_support/cache.js";
import { scoreFields, totals } from "../../bench/_internal/field-accuracy.js";
import { extract, type Extraction } from "../../src/extract/extract.js";
import { ingest } from "../../src/ingest/ingest.js";

const fixtures = path.resolve(import.meta.dirname, "../../fixtures");
/** One package per call at least: all 8 application forms (fixtures/README.md). */
const PACKAGES = [
  "wuhan-vertical-a", "hunan-ai-model-b", "wuhan-vertical-c", "hubei-industrial-model-e", "wuhan-governance-scenario-f",
  "wuhan-governance-model-agent-g", "wuhan-governance-platform-h", "wuhan-governance-terminal-i", "hunan-digital-center-j",
] as const;
/** Keys every form that states them must yield (the scenario form has no model or staff rows, the center form no 联系人). */
const CORE_KEYS = ["applicant.name", "applicant.uscc", "contact.phone", "principal.phone", "model.name", "staff.total"];

interface Expected {
  call: string;
  fields: Record<string, unknown>;
}

const results = new Map<string, { ex: Extraction; expected: Expected }>();

beforeAll(async () => {
  const cacheDir = sharedCacheDir();
  for (const name of PACKAGES) {
    const expected = JSON.parse(await readFile(path.join(fixtures, "expected", `${name}.json`), "utf8")) as Expected;
    const pkg = await ingest([path.join(fixtures, "packages", name)], { cacheDir });
    results.set(name, { ex: extract(pkg), expected });
  }
});

describe.each(PACKAGES)("extract %s", (name) => {
  it("detects the call from the application form's title, with the place it read it", () => {
    const { ex, expected } = results.get(name)!;
    expect(ex.call?.id).toBe(expected.call);
    expect(ex.call?.detectedFrom?.quote).toMatch(/申报书/);
  });

  it("gives every field evidence that can be found again on its page", () => {
    const { ex } = results.get(name)!;
    expect(ex.fields.length).toBeGreaterThan(20);
    for (const field of ex.fields) {
      expect(field.evidence.length).toBeGreaterThan(0);
      expect(ex.documents.some((d) => d.id === field.documentId)).toBe(true);
    }
  });

  it("reads the application form's values exactly (text-layer and Word sources)", () => {
    const { ex, expected } = results.get(name)!;
    const formFields = ex.fields.filter((f) => f.extractor === "rule:form");
    const t = totals(scoreFields(expected.fields, formFields));
    expect(t.correctValues).toBe(t.values);
    const core = CORE_KEYS.filter((key) => key in expected.fields);
    expect(core.length).toBeGreaterThanOrEqual(3);
    for (const key of core) expect(formFields.find((f) => f.key === key)?.value, key).not.toBeUndefined();
  });
});

describe("extract across the fixture packages", () => {
  it("recalls at least 85% of the ground-truth facts, and at least 95% of extracted values are right", () => {
    const all = [...results.values()].map(({ ex, expected }) => totals(scoreFields(expected.fields, ex.fields)));
    const sum = all.reduce((a, t) => ({
      expectedKeys: a.expectedKeys + t.expectedKeys,
      recalled: a.recalled + t.recalled,
      values: a.values + t.values,
      correctValues: a.correctValues + t.correctValues,
    }));
    expect(sum.recalled / sum.expectedKeys).toBeGreaterThanOrEqual(0.85);
    expect(sum.correctValues / sum.values).toBeGreaterThanOrEqual(0.95);
  });
});
