/**
 * A rule tester in the spirit of ESLint's RuleTester, on real packages: for every rule, the *valid* cases are
 * fixture packages that must not get an error from it, and the *invalid* cases are fixture packages with one
 * planted defect each (test/checks/planted/plants.ts) that must get the expected finding — new against the
 * base package's report. The pipeline is the real one (runCheck: ingest → extract → checks).
 *
 * Budget: the plants marked `suite` on the bases in SUITE_BASES (text-layer edits, dropped files, page
 * surgery: nothing new to OCR, so a mutated package costs a parse, not an OCR). The bases' scans are OCR'd
 * once into the run-wide cache that the other fixture tests share. `npm run bench:checks` runs every plant.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createOcrService } from "../../src/ingest/ocr.js";
import type { Report } from "../../src/report/schema.js";
import { sharedCacheDir } from "../_support/cache.js";
import { withDirLock } from "./_support.js";
import { PACKAGES_ROOT } from "./planted/files.js";
import { describeExpect, describeFinding, judge, matches, newFindings } from "./planted/match.js";
import { BASES, CLEAN_VARIANTS, inSuite, PLANTS, SUITE_BASES, type BaseName, type Expect } from "./planted/plants.js";
import { buildPlant, buildVariant, checkDir } from "./planted/run.js";

const plants = PLANTS.filter(inSuite);
const variants = CLEAN_VARIANTS.filter(inSuite);

const cacheDir = sharedCacheDir() ?? (await mkdtemp(path.join(os.tmpdir(), "shenbao-planted-cache-")));
const workDir = await mkdtemp(path.join(os.tmpdir(), "shenbao-planted-"));
const ocr = createOcrService({ cacheDir: path.join(cacheDir, "ocr") });
afterAll(async () => {
  await ocr.close();
  await rm(workDir, { recursive: true, force: true });
  if (!sharedCacheDir()) await rm(cacheDir, { recursive: true, force: true });
});

/**
 * The base's report, once per process. Takes the same lock as test/checks/_support.ts (loadFixture), so test
 * files running in parallel do not OCR the same fixture cold at the same time.
 */
const baseReports = new Map<BaseName, Promise<Report>>();
function baseReport(name: BaseName): Promise<Report> {
  let p = baseReports.get(name);
  if (!p) {
    p = withDirLock(
      cacheDir,
      `checks-ingest-${name}.lock`,
      async () => (await checkDir(path.join(PACKAGES_ROOT, name), { cacheDir, ocr })).report,
    );
    baseReports.set(name, p);
  }
  return p;
}

/** Plants and variants are checked once however many rules look at them. */
const reports = new Map<string, Promise<Report>>();
function once(id: string, build: () => Promise<string>): Promise<Report> {
  let p = reports.get(id);
  if (!p) {
    p = build().then(async (dir) => (await checkDir(dir, { cacheDir, ocr })).report);
    reports.set(id, p);
  }
  return p;
}

const errors = (r: Report) => r.findings.filter((f) => f.severity === "error");
const list = (fs: Report["findings"]) => fs.map((f) => `${describeFinding(f)}: ${f.message}`).join("\n");

/** Rules with a planted defect in the suite, each with its valid and invalid cases. */
const ruleIds = [...new Set(plants.flatMap((p) => p.expect.map((e) => e.ruleId)))].sort();

describe.each(ruleIds)("%s", (ruleId) => {
  const invalid = plants.filter((p) => p.expect.some((e) => e.ruleId === ruleId));
  const valid = [
    ...SUITE_BASES.map((b) => ({ id: b as string, base: b, variant: null })),
    ...variants.map((v) => ({ id: v.id, base: v.base, variant: v })),
  ];

  describe("valid", () => {
    it.each(valid)("$id", async ({ base, variant }) => {
      const report = variant ? await once(variant.id, () => buildVariant(variant, workDir)) : await baseReport(base);
      const allowed: readonly Expect[] = BASES[base].errors;
      const unexpected = errors(report).filter((f) => f.ruleId === ruleId && !allowed.some((e) => matches(f, e)));
      expect(unexpected, list(unexpected)).toEqual([]);
    });
  });

  describe("invalid", () => {
    it.each(invalid.map((p) => [p.id, p] as const))("%s", async (_, plant) => {
      const base = await baseReport(plant.base);
      const report = await once(plant.id, () => buildPlant(plant, workDir));
      expect(report.call?.id).toBe(BASES[plant.base].call);
      for (const verdict of judge(
        plant.expect.filter((e) => e.ruleId === ruleId),
        report,
        base,
      )) {
        const hint = verdict.alreadyInBase
          ? `already in the base report: ${describeFinding(verdict.alreadyInBase)}`
          : `new findings instead:\n${list(newFindings(report, base))}`;
        expect(verdict.found, `${plant.describe}: expected ${describeExpect(verdict.expect)}; ${hint}`).not.toBeNull();
      }
    });
  });
});

describe("base packages", () => {
  it.each(SUITE_BASES)("%s: its call is detected and it has no errors beyond its known gaps", async (name) => {
    const report = await baseReport(name);
    expect(report.call?.id).toBe(BASES[name].call);
    const allowed: readonly Expect[] = BASES[name].errors;
    const unexpected = errors(report).filter((f) => !allowed.some((e) => matches(f, e)));
    expect(unexpected, list(unexpected)).toEqual([]);
  });
});
