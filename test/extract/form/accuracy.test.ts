/**
 * Field accuracy on the fixture packages, per source: Word, its PDF export, and OCR of that PDF rasterised at
 * 200 dpi (fixtures/form-scans, made by fixtures/generate/form-scans.ts). Ground truth: fixtures/expected/<package>.json, keys the form itself states.
 *   npx vitest run test/extract/form/accuracy.test.ts
 */
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseApplicationForm } from "../../../src/extract/form/parse.js";
import type { FormParse } from "../../../src/extract/form/types.js";
import { parseDate } from "../../../src/extract/normalize/index.js";
import type { DocumentPages } from "../../../src/extract/types.js";
import {
  HUNAN_KEYS,
  PACKAGES,
  ROOT,
  WUHAN_KEYS,
  expectedOf,
  formDocument,
  formPages,
  ingestOne,
  valuesOf,
  type ExpectedPackage,
} from "./_helpers.js";

const WUHAN_FORM = "武汉市垂直行业模型项目申报书";
const HUNAN_FILE = "2025年湖南省人工智能大模型项目申报书（湘江智语）.pdf";

const same = (got: unknown, want: string | number, key: string) => {
  if (key === "applicant.foundedOn") return got === parseDate(String(want))?.iso;
  if (typeof want === "string") return typeof got === "string" && got.replace(/\s+/g, "") === want.replace(/\s+/g, "");
  return got === want;
};

interface Score {
  source: string;
  right: number;
  total: number;
  wrong: string[];
}
const scores: Score[] = [];

function score(source: string, parse: FormParse, exp: ExpectedPackage, keys: string[]): Score {
  const got = valuesOf(parse.fields);
  const wrong = keys.filter((k) => !same(got[k], exp.fields[k]!, k));
  const s = { source, right: keys.length - wrong.length, total: keys.length, wrong };
  scores.push(s);
  return s;
}

/** The committed 200 dpi scans of a PDF's form pages, OCR'd, as one document over the page images. */
async function ocrDocument(pkg: string, pages: readonly number[]): Promise<DocumentPages> {
  const files = await Promise.all(
    pages.map((p) => ingestOne(path.join(ROOT, "fixtures/form-scans", `${pkg}-p${p}.jpg`))),
  );
  const first = formDocument(files[0]!);
  return { document: first.document, pages: files.map((file) => ({ file, page: file.pages[0]! })) };
}

describe("field accuracy on the fixtures", () => {
  afterAll(() => {
    const rows = scores.map(
      (s) =>
        `${s.source.padEnd(28)} ${s.right}/${s.total} ${((100 * s.right) / s.total).toFixed(0)}%${s.wrong.length ? `  wrong: ${s.wrong.join(", ")}` : ""}`,
    );
    console.log(`form field accuracy\n${rows.join("\n")}`);
  });

  it.each(["wuhan-vertical-a", "wuhan-vertical-c"])(
    "%s: Word and PDF read every field the form states",
    async (pkg) => {
      const exp = await expectedOf(pkg);
      const docx = parseApplicationForm(
        formDocument(await ingestOne(path.join(PACKAGES, pkg, `${WUHAN_FORM}.docx`))),
        exp.call,
      );
      const [from, to] = formPages(exp, `${WUHAN_FORM}.pdf`);
      const pdf = parseApplicationForm(
        formDocument(await ingestOne(path.join(PACKAGES, pkg, `${WUHAN_FORM}.pdf`)), from, to),
        exp.call,
      );
      expect(score(`${pkg} docx`, docx, exp, WUHAN_KEYS).wrong).toEqual([]);
      expect(score(`${pkg} pdf`, pdf, exp, WUHAN_KEYS).wrong).toEqual([]);
    },
  );

  it("hunan-ai-model-b: the PDF 申报信息表", async () => {
    const exp = await expectedOf("hunan-ai-model-b");
    const [from, to] = formPages(exp, HUNAN_FILE);
    const pdf = parseApplicationForm(
      formDocument(await ingestOne(path.join(PACKAGES, "hunan-ai-model-b", HUNAN_FILE)), from, to),
      exp.call,
    );
    expect(
      score(
        "hunan-ai-model-b pdf",
        pdf,
        exp,
        Object.keys(exp.fields).filter((k) => HUNAN_KEYS.test(k)),
      ).wrong,
    ).toEqual([]);
  });

  it.each([
    ["wuhan-vertical-a", [2, 3], WUHAN_KEYS],
    ["hunan-ai-model-b", [4, 5], null],
  ] as const)("%s: OCR of the rasterised form pages", async (pkg, pages, keys) => {
    const exp = await expectedOf(pkg);
    const doc = await ocrDocument(pkg, pages);
    const parse = parseApplicationForm(doc, exp.call);
    const s = score(
      `${pkg} ocr 200dpi`,
      parse,
      exp,
      keys ? [...keys] : Object.keys(exp.fields).filter((k) => HUNAN_KEYS.test(k)),
    );
    // Ruled tables are read cell by cell (ingest ocr-table.ts): 92–100% on these scans; the floor guards that.
    expect(s.right / s.total).toBeGreaterThanOrEqual(0.85);
    for (const f of parse.fields) {
      expect(f.confidence).toBeLessThan(1);
      expect(f.evidence[0]!.box).toBeDefined();
    }
  });
});
