/**
 * Severity follows certainty, as a property: a clean package read badly cannot get an error. wuhan-vertical-a goes
 * through the real pipeline once; its extraction is then degraded the ways new tools' packages were misread
 * (issue 11) — every confidence lowered, form cells replaced by their neighbours' labels, two phone numbers run
 * together, labels not found, pages read by OCR with blanks it did not see, a choice written on the line read as
 * unticked, the licence left unrecognised beside an unreadable file — and the call's whole pack runs on each. No
 * error may appear that the clean reading does not have. The same degraded readings judged by a context that
 * trusts every reading do give errors: the degradations bite, and the policy is what stops them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { packFor } from "../../src/checks/calls/index.js";
import { createContext } from "../../src/checks/context.js";
import { runChecks, splitEntry } from "../../src/checks/engine.js";
import { RULES } from "../../src/checks/rules/index.js";
import type { RuleContext } from "../../src/checks/types.js";
import type { Extraction } from "../../src/extract/extract.js";
import { FORM_SPECS } from "../../src/extract/form/index.js";
import type { Unfilled } from "../../src/extract/form/types.js";
import type { Field, Finding, Package } from "../../src/model.js";
import { loadFixture } from "./_support.js";

type Reading = { pkg: Package; extraction: Extraction };
type Degrade = (r: Reading) => Reading;

const FORM = "rule:form";
const SPEC = FORM_SPECS["wuhan-vertical-model-2025"];
const LABELS = SPEC.fields.filter((f) => !f.group).map((f) => f.label);

const isPdf = (f: Field) => f.evidence[0]!.file.endsWith(".pdf");
const isLong = (f: Field) => typeof f.value === "string" && f.value.length > 60;
const signature = (f: Finding) => [f.ruleId, f.docType ?? "", (f.fieldKeys ?? []).join(","), f.message].join("|");

/** 「统一社会信用代码单位地址」: the two labels after the field's own, as a reader that missed the cell boundary takes them. */
function neighbours(key: string): string {
  const at = SPEC.fields.findIndex((f) => f.key === key || key.startsWith(f.key.replace(/\{year\}$/, "")));
  const i = at < 0 ? 0 : at;
  return `${LABELS[(i + 1) % LABELS.length]}${LABELS[(i + 2) % LABELS.length]}`;
}

function mapFields(r: Reading, pick: (f: Field) => boolean, change: (f: Field) => Field | null): Reading {
  const fields = r.extraction.fields.flatMap((f) => (pick(f) ? [change(f)].filter((x): x is Field => x !== null) : [f]));
  return { ...r, extraction: { ...r.extraction, fields } };
}

function addUnfilled(r: Reading, items: Unfilled[]): Reading {
  const form = r.extraction.form!;
  return { ...r, extraction: { ...r.extraction, form: { ...form, unfilled: [...form.unfilled, ...items] } } };
}

const garbage = (pick: (f: Field) => boolean): Degrade => (r) =>
  mapFields(r, (f) => f.extractor === FORM && !isLong(f) && typeof f.value !== "boolean" && pick(f), (f) => {
    const text = neighbours(f.key);
    return { ...f, value: text, raw: text, evidence: f.evidence.map((e) => ({ ...e, quote: text })) };
  });

const JOINED = "027-8765000113871234567";
const joinedPhones = (pick: (f: Field) => boolean): Degrade => (r) =>
  mapFields(r, (f) => /phone$/.test(f.key) && pick(f), (f) => ({ ...f, value: JOINED, raw: JOINED }));

/** Labels not found: the form's fields gone; a reader that says so lists them with no place. */
const dropLabels = (pick: (f: Field) => boolean, say: boolean): Degrade => (r) => {
  const dropped = r.extraction.fields.filter((f) => f.extractor === FORM && pick(f));
  const out = mapFields(r, (f) => f.extractor === FORM && pick(f), () => null);
  if (!say) return out;
  const keys = [...new Set(dropped.map((f) => f.key))];
  return addUnfilled(out, keys.map((key) => ({ key, label: key, reason: "not-found" as Unfilled["reason"], evidence: [] })));
};

/** Every page read by OCR at 0.6; every PDF cell of the form read as blank (handwriting OCR did not see). */
const ocrBlanks: Degrade = (r) => {
  const pkg = structuredClone(r.pkg);
  for (const file of pkg.files) {
    for (const page of file.pages) {
      page.source = "ocr";
      page.ocr = { engine: "test", confidence: 0.6, rotation: 0, ms: 0, cached: true };
      for (const line of page.lines) Object.assign(line, { source: "ocr", confidence: 0.6 });
    }
  }
  const cells = r.extraction.fields.filter((f) => f.extractor === FORM && isPdf(f) && !isLong(f));
  const out = mapFields({ pkg, extraction: r.extraction }, (f) => f.extractor === FORM && isPdf(f) && !isLong(f), () => null);
  return addUnfilled(
    out,
    [...new Map(cells.map((f) => [f.key, f])).values()].map((f) => ({
      key: f.key,
      label: f.key,
      reason: "blank",
      evidence: [{ ...f.evidence[0]!, quote: "" }],
    })),
  );
};

/** 单位性质 written on the line: the reader found no tick. */
const choiceOnTheLine: Degrade = (r) => {
  const nature = r.extraction.fields.filter((f) => f.key === "applicant.nature");
  const out = mapFields(r, (f) => f.key === "applicant.nature", () => null);
  return addUnfilled(out, [
    {
      key: "applicant.nature",
      label: "单位性质",
      reason: "unchecked",
      evidence: nature.map((f) => ({ ...f.evidence[0]!, quote: "☐党政机关 ☐事业单位 ☐社会团体 ☐国有企业 ☐民营企业 ☐外资企业 ☐其他（请注明） 民营企业" })),
    },
  ]);
};

/** Every copy of the licence classified 其他 (with its fields gone), and the photo of it unreadable. */
const licenceUnrecognised: Degrade = (r) => {
  const licences = new Set(r.extraction.documents.filter((d) => d.type === "business-license").map((d) => d.id));
  const documents = r.extraction.documents.map((d) => (licences.has(d.id) ? { ...d, type: "other" as const, confidence: 0.3 } : d));
  const fields = r.extraction.fields.filter((f) => !licences.has(f.documentId));
  const pkg = {
    ...r.pkg,
    files: r.pkg.files.map((f) => (f.kind === "image" ? { ...f, status: "error" as const, pages: [], textSource: "none" as const } : f)),
  };
  return { pkg, extraction: { ...r.extraction, documents, fields } };
};

const lowConfidence: Degrade = (r) => mapFields(r, () => true, (f) => ({ ...f, confidence: 0.5 }));

const DEGRADATIONS: Record<string, Degrade> = {
  "every confidence 0.5": lowConfidence,
  "PDF cells hold their neighbours' labels": garbage(isPdf),
  "every form cell holds its neighbours' labels": garbage(() => true),
  "…and at low confidence": (r) => lowConfidence(garbage(() => true)(r)),
  "PDF phones run together": joinedPhones(isPdf),
  "every phone run together": joinedPhones(() => true),
  "PDF labels not found": dropLabels(isPdf, false),
  "every label not found, and said so": dropLabels(() => true, true),
  "pages OCR'd, PDF cells read blank": ocrBlanks,
  "a choice written on the line": choiceOnTheLine,
  "the licence unrecognised, its photo unreadable": licenceUnrecognised,
  "all of it": (r) =>
    [garbage(isPdf), joinedPhones(() => true), choiceOnTheLine, licenceUnrecognised, ocrBlanks, lowConfidence].reduce(
      (acc, d) => d(acc),
      r,
    ),
};

/** A context that trusts every reading: what the checks would say without the policy. */
function trusting(ctx: RuleContext): RuleContext {
  return { ...ctx, certainty: (b) => ({ level: "certain", reasons: [], ocr: ctx.certainty(b).ocr }) };
}

function errors(r: Reading, trust = false): Finding[] {
  const ctx = createContext(r.pkg, r.extraction, packFor("wuhan-vertical-model-2025")!);
  return runChecks(trust ? trusting(ctx) : ctx).findings.filter((f) => f.severity === "error");
}

describe("degrading the reading of a clean package cannot create an error (wuhan-vertical-a)", () => {
  let clean: Reading;
  let cleanErrors: Set<string>;
  beforeAll(async () => {
    clean = await loadFixture("wuhan-vertical-a");
    cleanErrors = new Set(errors(clean).map(signature));
  }, 240_000);

  it("the clean reading has no error", () => {
    expect([...cleanErrors]).toEqual([]);
  });

  it.each(Object.keys(DEGRADATIONS))("%s: no new error", (name) => {
    const degraded = DEGRADATIONS[name]!(structuredClone(clean));
    const added = errors(degraded).filter((f) => !cleanErrors.has(signature(f)));
    expect(added.map((f) => `${f.ruleId} ${f.fieldKeys?.join(",") ?? f.docType}: ${f.message}`)).toEqual([]);
  });

  it("every report a rule can make at error level names the readings it rests on (its basis)", () => {
    const pack = packFor("wuhan-vertical-model-2025")!;
    const bare: string[] = [];
    for (const [name, degrade] of Object.entries(DEGRADATIONS)) {
      const r = degrade(structuredClone(clean));
      const ctx = createContext(r.pkg, r.extraction, pack);
      for (const [ruleId, entry] of Object.entries(pack.rules)) {
        const [level, options] = splitEntry(entry);
        if (level !== "error" || ruleId === "ingest-findings") continue;
        const out = RULES[ruleId]!.check(ctx, options as never);
        if (out.status !== "fail") continue;
        for (const report of out.reports ?? []) {
          if (!report.severity && !report.basis?.length) bare.push(`${name}: ${ruleId} ${report.messageId}`);
        }
      }
    }
    expect(bare).toEqual([]);
  });

  it("the degradations bite: judged by a context that trusts every reading, they give errors", () => {
    const bites = (name: string) => errors(DEGRADATIONS[name]!(structuredClone(clean)), true).filter((f) => !cleanErrors.has(signature(f)));
    for (const name of [
      "PDF cells hold their neighbours' labels",
      "every form cell holds its neighbours' labels",
      "PDF phones run together",
      "pages OCR'd, PDF cells read blank",
      "a choice written on the line",
      "the licence unrecognised, its photo unreadable",
    ]) {
      expect(bites(name).length, name).toBeGreaterThan(0);
    }
    // What the trusting context calls errors, the policy turns into warnings saying why.
    const all = DEGRADATIONS["all of it"]!(structuredClone(clean));
    const ctx = createContext(all.pkg, all.extraction, packFor("wuhan-vertical-model-2025")!);
    const lowered = runChecks(ctx).findings.filter((f) => f.message.includes("未能可靠识别，请人工核对"));
    expect(lowered.length).toBeGreaterThan(0);
    expect(lowered.every((f) => f.severity === "warning")).toBe(true);
  });
});
