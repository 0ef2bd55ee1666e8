/**
 * The planted-defect corpus, shared by `npm run bench:checks` (every plant) and test/checks/planted.test.ts
 * (the plants marked `suite`). Each plant takes one clean-as-possible fixture package (fixtures/packages),
 * applies real file mutations (files.ts) and names the findings a reviewer must get: one or two defects each.
 * A defect counts as found when a finding with its rule id (and field key / document type, when given) at the
 * expected severity appears in the mutated package's report and not in the base package's report.
 *
 * Values are edited in the Word file and, where the stamped PDF states the same value on a text page, in the
 * PDF too, so the package stays self-consistent apart from the plant. Where the PDF cannot follow (a scanned
 * cover, glyphs missing from the PDF's font subset), the Word–PDF difference is part of the plant.
 */
import type { DocType, Severity } from "../../../src/model.js";
import { makeUscc, parseUscc } from "../../../src/extract/fields/uscc.js";
import type { CallId } from "../../../src/extract/types.js";
import {
  addFixture,
  docxCut,
  docxRemoveDrawings,
  docxRemoveParagraphs,
  docxText,
  drop,
  gbkZip,
  imageWithoutSeal,
  moveBefore,
  pdfImagesWithoutSeal,
  pdfPages,
  pdfRemoveImages,
  pdfText,
  rename,
  steps,
  truncate,
  without,
  type DocxEdit,
  type Files,
  type Step,
} from "./files.js";
import type { TextEdit } from "./pdf-text.js";

/** Base packages: clean ones must show no error; the others have the errors listed (gaps by construction). */
export const BASES = {
  "wuhan-vertical-a": { call: "wuhan-vertical-model-2025", clean: true, errors: [] },
  "hunan-ai-model-b": {
    call: "hunan-ai-model-2025",
    clean: false,
    why: "fixtures/README.md: 刻意缺少法定代表人身份证复印件、专项审计报告、知识产权证明；另缺应用推广证明、2023年度审计与纳税材料",
    errors: [
      { ruleId: "required-document", docType: "legal-rep-id" },
      { ruleId: "required-document", docType: "rd-audit-report" },
      { ruleId: "required-document", docType: "ip-proof" },
      { ruleId: "required-document", docType: "deployment-proof" },
      { ruleId: "required-document", docType: "audit-report" },
      { ruleId: "required-document", docType: "tax-return-a100000" },
    ],
  },
  "wuhan-vertical-c": { call: "wuhan-vertical-model-2025", clean: true, errors: [] },
  "hubei-industrial-model-e": {
    call: "hubei-industrial-model-2026",
    clean: false,
    why: "样例只含申报书、承诺书、营业执照：通知要求的纳税证明、审计报告、专项审计报告、A100000、A107012、信用中国报告均未提供",
    errors: [
      { ruleId: "required-document", docType: "tax-certificate" },
      { ruleId: "required-document", docType: "audit-report" },
      { ruleId: "required-document", docType: "rd-audit-report" },
      { ruleId: "required-document", docType: "tax-return-a100000" },
      { ruleId: "required-document", docType: "tax-return-a107012" },
      { ruleId: "required-document", docType: "credit-report" },
    ],
  },
  "wuhan-governance-scenario-f": { call: "wuhan-ai-governance-2026/scenario", clean: true, errors: [] },
  "wuhan-governance-model-agent-g": { call: "wuhan-ai-governance-2026/model-agent", clean: true, errors: [] },
  "wuhan-governance-platform-h": { call: "wuhan-ai-governance-2026/platform", clean: true, errors: [] },
  "wuhan-governance-terminal-i": {
    call: "wuhan-ai-governance-2026/terminal",
    clean: false,
    why: "样例「仅Word版」（fixtures/expected 描述），通知要求Word和PDF盖章件",
    errors: [{ ruleId: "word-and-pdf", docType: "application-form" }],
  },
  "hunan-digital-center-j": {
    call: "hunan-digital-center-2025",
    clean: false,
    why: "fixtures/README.md: 刻意缺少法定代表人身份证、专项审计报告、联合体协议书；另缺服务合同、2023年度审计与纳税材料",
    errors: [
      { ruleId: "required-document", docType: "legal-rep-id" },
      { ruleId: "required-document", docType: "rd-audit-report" },
      { ruleId: "required-document", docType: "deployment-proof" },
      { ruleId: "required-document", docType: "audit-report" },
      { ruleId: "required-document", docType: "tax-return-a100000" },
      // Deliberately missing too: the form lists three 联合体 members (applicant.consortium, from the numbered rows).
      { ruleId: "required-document", docType: "consortium-agreement" },
      // …and only the lead's 真实性承诺 is in the package (「联合申报的，所有申报单位均需提供真实性承诺书」).
      { ruleId: "consortium-pledge", docType: "pledge" },
    ],
  },
} as const satisfies Record<string, { call: CallId; clean: boolean; why?: string; errors: readonly Expect[] }>;

export type BaseName = keyof typeof BASES;

/**
 * The bases of the test suite: one per family of packs (Hunan combined PDF, Hubei, Wuhan vertical, governance),
 * chosen so their first OCR (≈ 25 s cold on 2 cores) keeps the file within its budget.
 */
export const SUITE_BASES: readonly BaseName[] = [
  "hunan-ai-model-b",
  "hubei-industrial-model-e",
  "wuhan-vertical-c",
  "wuhan-governance-scenario-f",
];

export const inSuite = (p: { suite?: boolean; base: BaseName }): boolean =>
  p.suite === true && SUITE_BASES.includes(p.base);
export const BASE_NAMES = Object.keys(BASES) as BaseName[];

export interface Expect {
  ruleId: string;
  /** Default "error". */
  severity?: Severity;
  /** Every key listed must be among the finding's fieldKeys. */
  fieldKeys?: string[];
  docType?: DocType;
}

export interface Plant {
  id: string;
  base: BaseName;
  /** What was done to the package, in Chinese. */
  describe: string;
  mutate: (files: Files) => Promise<Files>;
  expect: Expect[];
  /**
   * Cheap enough for the test suite: nothing new to OCR (text-layer and Word edits, dropped files, page
   * surgery). test/checks/planted.test.ts runs these on SUITE_BASES; the bench runs every plant.
   */
  suite?: boolean;
  /** A plan or observation for the report (why this plant exists, what is known about it). */
  note?: string;
}

/** Clean variants of the clean bases: the same material delivered differently must still have no errors. */
export interface CleanVariant {
  id: string;
  base: BaseName;
  describe: string;
  build: (files: Files) => Promise<Files>;
  suite?: boolean;
}

/** Defects the fixture generator planted on purpose (fixtures/README.md), checked on the base reports. */
export interface FixtureDefect {
  id: string;
  base: BaseName;
  describe: string;
  expect: Expect;
}

// ------------------------------------------------------------------------------------------- helpers

/** The same text edit in the Word file and on one page of its PDF export. */
function both(
  docx: string,
  pdf: string,
  page: number,
  edits: readonly DocxEdit[],
  pdfEdits?: readonly TextEdit[],
): Step {
  return async (files) => {
    await docxText(docx, edits)(files);
    await pdfText(pdf, page, pdfEdits ?? edits.map(({ find, replace }) => ({ find, replace })))(files);
  };
}

/**
 * A valid code (check characters right) for another organisation in `division`, written only with characters
 * of `like` and digits, so a PDF's font subset that printed `like` can print it too.
 */
export function otherUscc(like: string, division: string): string {
  const allowed = new Set([...like, ..."0123456789"]);
  for (let n = 10_000_000; n < 99_999_999; n += 7_919) {
    const body = String(n);
    const code = makeUscc(like.slice(0, 2), division, body);
    if (code !== like && [...code].every((c) => allowed.has(c))) return code;
  }
  throw new RangeError(`no valid code for ${division} writable with the characters of ${like}`);
}

/** `code` with its last character (the GB 32100 check character) mistyped as a digit. */
export function brokenUscc(code: string): string {
  const last = code.at(-1)!;
  const out = code.slice(0, -1) + (/\d/.test(last) ? String((Number(last) + 1) % 10) : "1");
  if (parseUscc(out).valid) throw new RangeError(`${out} is still valid`);
  return out;
}

const CONSORTIUM_4 = "武汉大学、华中科技大学、武汉理工大学、湖北省楚天云有限公司";

// -------------------------------------------------------------------------------------------- files

const A = {
  docx: "武汉市垂直行业模型项目申报书.docx",
  pdf: "武汉市垂直行业模型项目申报书.pdf",
  licence: "营业执照.jpg",
  uscc: "91420100MA4KQ7U39D",
};
const B = { pdf: "2025年湖南省人工智能大模型项目申报书（湘江智语）.pdf", uscc: "91430104MA4R8N2C6D" };
const C = {
  docx: "武汉市垂直行业模型项目申报书.docx",
  pdf: "武汉市垂直行业模型项目申报书.pdf",
  pledge: "承诺书（盖章扫描件）.pdf",
  certificate: "事业单位法人证书（副本）.pdf",
  uscc: "12420100734578127R",
};
const E = {
  docx: "湖北省工业领域专用模型项目申报书.docx",
  pdf: "湖北省工业领域专用模型项目申报书.pdf",
  pledge: "承诺书（盖章）.pdf",
  licence: "营业执照（副本）扫描件.pdf",
  uscc: "91420100MA4KQ7U39D",
};
const F = { docx: "典型应用场景案例申报书（江城数智）.docx", pdf: "典型应用场景案例申报书（江城数智）.pdf" };
const G = {
  docx: "行业模型和智能体项目申报书（灵犀智巡）.docx",
  pdf: "行业模型和智能体项目申报书（灵犀智巡）.pdf",
  uscc: "91420111MA49W6KD70",
};
const H = { docx: "公共服务平台申报书（江城数智）.docx", pdf: "公共服务平台申报书（江城数智）.pdf" };
const I = { docx: "智能终端产品申报书（灵犀智巡）.docx", pledge: "承诺书（签字盖章）.pdf" };
const J = { pdf: "2025年湖南省制造业数字化转型促进中心项目申报书（湘江智语）.pdf", uscc: "91430104MA4R8N2C6D" };
const LICENCE_JPG = "营业执照（副本）.jpg";

// ------------------------------------------------------------------------------------------- plants

export const PLANTS: Plant[] = [
  // ---- wuhan-vertical-a: 武汉市垂直行业模型 (Word + stamped PDF + licence photo)
  {
    id: "a-licence-missing",
    base: "wuhan-vertical-a",
    describe: "删去营业执照：单独的营业执照照片、Word中粘贴的执照照片及其标题、PDF最后一页（执照页）",
    mutate: steps(
      drop(A.licence),
      docxRemoveDrawings(A.docx),
      docxRemoveParagraphs(A.docx, ["附件材料（二）：营业执照（副本）复印件"]),
      pdfPages(A.pdf, (n) => without(n)(n)),
    ),
    expect: [{ ruleId: "required-document", docType: "business-license" }],
  },
  {
    id: "a-pdf-missing",
    base: "wuhan-vertical-a",
    describe: "只交Word版，未交PDF盖章件",
    mutate: steps(drop(A.pdf)),
    expect: [
      { ruleId: "word-and-pdf", docType: "application-form" },
      // The 承诺书 is in the same files: only its Word copy is left.
      { ruleId: "pledge-signed", docType: "pledge" },
    ],
    suite: true,
  },
  {
    id: "a-pdf-encrypted",
    base: "wuhan-vertical-a",
    describe: "PDF盖章件设置了打开密码（换成加密PDF）",
    mutate: steps(addFixture(A.pdf, "pdf/encrypted.pdf")),
    // The encrypted PDF may hold the stamped form and pledge: their absence is not certain (severity follows
    // certainty), so both are warnings beside the ingest error that asks for a readable file.
    expect: [
      { ruleId: "ingest/encrypted" },
      { ruleId: "word-and-pdf", severity: "warning", docType: "application-form" },
      { ruleId: "pledge-signed", severity: "warning", docType: "pledge" },
    ],
    suite: true,
  },
  {
    id: "a-licence-corrupt",
    base: "wuhan-vertical-a",
    describe: "营业执照照片上传不完整（只剩前30%字节）",
    mutate: steps(truncate(A.licence, 0.3)),
    expect: [{ ruleId: "ingest/corrupt" }],
    suite: true,
  },
  {
    id: "a-uscc-check-digit",
    base: "wuhan-vertical-a",
    describe: `申报书（Word与PDF）统一社会信用代码末位填错：${brokenUscc(A.uscc)}（校验码不符）`,
    mutate: steps(both(A.docx, A.pdf, 2, [{ find: A.uscc, replace: brokenUscc(A.uscc) }])),
    expect: [
      { ruleId: "uscc-valid", fieldKeys: ["applicant.uscc"], docType: "application-form" },
      // The licence is read by OCR and differs by one character: by design a warning (「OCR 来源相差 1–2 字」).
      { ruleId: "field-equal", severity: "warning", fieldKeys: ["applicant.uscc"] },
    ],
    suite: true,
  },
  {
    id: "a-uscc-other-org",
    base: "wuhan-vertical-a",
    describe: `申报书（Word与PDF）填了另一家武汉单位的有效代码 ${otherUscc(A.uscc, "420100")}，与营业执照不符`,
    mutate: steps(both(A.docx, A.pdf, 2, [{ find: A.uscc, replace: otherUscc(A.uscc, "420100") }])),
    expect: [{ ruleId: "field-equal", fieldKeys: ["applicant.uscc"], docType: "business-license" }],
    suite: true,
  },
  {
    id: "a-registered-outside",
    base: "wuhan-vertical-a",
    describe: `申报书（Word与PDF）统一社会信用代码为长沙登记的 ${otherUscc(A.uscc, "430104")}（不在武汉）`,
    mutate: steps(both(A.docx, A.pdf, 2, [{ find: A.uscc, replace: otherUscc(A.uscc, "430104") }])),
    expect: [
      { ruleId: "registered-in", fieldKeys: ["applicant.uscc"] },
      { ruleId: "field-equal", fieldKeys: ["applicant.uscc"], docType: "business-license" },
    ],
    suite: true,
  },
  {
    id: "a-name-differs",
    base: "wuhan-vertical-a",
    describe: "申报书（Word与PDF）单位名称写成「武汉云帆工业智能有限公司」，与营业执照不符",
    mutate: steps(
      both(
        A.docx,
        A.pdf,
        2,
        [{ find: "武汉云帆智算科技有限公司", replace: "武汉云帆工业智能有限公司", nth: 1 }],
        [{ find: "单位名称武汉云帆智算科技有限公司", replace: "单位名称武汉云帆工业智能有限公司" }],
      ),
    ),
    expect: [{ ruleId: "field-equal", fieldKeys: ["applicant.name"], docType: "business-license" }],
    suite: true,
  },
  {
    id: "a-name-one-char",
    base: "wuhan-vertical-a",
    describe: "申报书（Word与PDF）单位名称错一个字「武汉云帆智能科技有限公司」",
    mutate: steps(
      both(
        A.docx,
        A.pdf,
        2,
        [{ find: "武汉云帆智算科技有限公司", replace: "武汉云帆智能科技有限公司", nth: 1 }],
        [{ find: "单位名称武汉云帆智算科技有限公司", replace: "单位名称武汉云帆智能科技有限公司" }],
      ),
    ),
    // The licences are OCR'd and one character apart: by design only a warning to check by hand.
    expect: [{ ruleId: "field-equal", severity: "warning", fieldKeys: ["applicant.name"] }],
    note: "与OCR读出的执照只差1字时按设计只给警告",
  },
  {
    id: "a-ai-revenue-exceeds",
    base: "wuhan-vertical-a",
    describe: "人工智能营业收入 8865.27 万元，大于营业收入 7318.62 万元（Word与PDF）",
    mutate: steps(both(A.docx, A.pdf, 2, [{ find: "4865.27", replace: "8865.27" }])),
    expect: [{ ruleId: "arithmetic", fieldKeys: ["finance.aiRevenue.2024"] }],
    suite: true,
  },
  {
    id: "a-rd-exceeds-total",
    base: "wuhan-vertical-a",
    describe: "研发人员数量 221 人，大于员工总数 203 人（Word与PDF）",
    mutate: steps(both(A.docx, A.pdf, 2, [{ find: "研发人员数量 121人", replace: "研发人员数量 221人" }])),
    expect: [{ ruleId: "arithmetic", fieldKeys: ["staff.rd"] }],
    suite: true,
  },
  {
    id: "a-consortium-4",
    base: "wuhan-vertical-a",
    describe: "Word版联合体成员单位填了4家（PDF仍为「无」）",
    mutate: steps(docxText(A.docx, [{ find: "无", replace: CONSORTIUM_4, exact: true }])),
    expect: [
      { ruleId: "list-size", fieldKeys: ["applicant.consortium"] },
      { ruleId: "word-and-pdf", fieldKeys: ["applicant.consortium"] },
    ],
    suite: true,
  },
  {
    id: "a-cover-date-late",
    base: "wuhan-vertical-a",
    describe: "Word版封面申报日期 2025年10月28日，晚于10月23日截止（PDF封面为盖章扫描图像）",
    mutate: steps(docxText(A.docx, [{ find: "申报日期　2025年10月20日", replace: "申报日期　2025年10月28日" }])),
    expect: [{ ruleId: "date-window", fieldKeys: ["cover.date"] }],
    suite: true,
  },
  {
    id: "a-pledge-date-late",
    base: "wuhan-vertical-a",
    describe: "承诺书落款日期 2025年10月30日，晚于截止日期（Word与PDF）",
    mutate: steps(
      both(
        A.docx,
        A.pdf,
        5,
        [{ find: "2025年10月20日", replace: "2025年10月30日", exact: true }],
        [{ find: "2025年10月20日", replace: "2025年10月30日" }],
      ),
    ),
    expect: [{ ruleId: "date-window", fieldKeys: ["pledge.date"] }],
    suite: true,
  },
  {
    id: "a-phone-blank",
    base: "wuhan-vertical-a",
    describe: "申报人电话一栏留空（Word与PDF）",
    mutate: steps(both(A.docx, A.pdf, 2, [{ find: "电话 027-87651234", replace: "电话 " }])),
    expect: [{ ruleId: "required-field", fieldKeys: ["contact.phone"] }],
    suite: true,
    note: "「电话」一栏空着、同一行有其他值：读作未填写，不往下一行取值（曾读到「4865.27」）；Word与PDF两版的同一未填写项只报一次，列出两个文件",
  },
  {
    id: "a-instruction-left",
    base: "wuhan-vertical-a",
    describe: "Word版「近三年模型研发资金来源及组成」一栏保留了模板的填写说明",
    mutate: steps(
      docxText(A.docx, [
        {
          find: "近三年模型研发资金共计2680.5万元",
          replace:
            "（自筹、财政资金或其他，请详细介绍。研发资金组成，包括语料和数据费用、模型开发费用、测试费用、人工费用、设备采购和材料费用等）",
          whole: true,
        },
      ]),
    ),
    expect: [{ ruleId: "required-field", fieldKeys: ["model.rdFunding"] }],
    suite: true,
  },
  {
    id: "a-nature-unchecked",
    base: "wuhan-vertical-a",
    describe: "单位性质一个都没勾（Word与PDF）",
    mutate: steps(
      both(
        A.docx,
        A.pdf,
        2,
        [{ find: "☑民营企业", replace: "☐民营企业" }],
        [{ find: "其☐☐☐☑☐☐他", replace: "其☐☐☐☐☐☐他" }],
      ),
    ),
    expect: [{ ruleId: "required-field", fieldKeys: ["applicant.nature"] }],
    suite: true,
  },
  {
    id: "a-address-placeholder",
    base: "wuhan-vertical-a",
    describe: "Word版单位地址一栏只写了「XXX」",
    mutate: steps(
      docxText(A.docx, [
        { find: "武汉东湖新技术开发区高新大道999号武汉未来科技城C2栋12层", replace: "XXX", exact: true },
      ]),
    ),
    expect: [{ ruleId: "required-field", fieldKeys: ["applicant.address"] }],
  },
  {
    id: "a-revenue-vs-audit",
    base: "wuhan-vertical-a",
    describe: "附上2024年度审计报告（营业收入7318.62万元），申报书（Word与PDF）却填 7381.62 万元",
    mutate: steps(
      addFixture("2024年度审计报告.pdf", "fields/audit-report.pdf"),
      both(A.docx, A.pdf, 2, [{ find: "7318.62", replace: "7381.62" }]),
    ),
    expect: [{ ruleId: "field-equal", fieldKeys: ["finance.revenue.2024"], docType: "audit-report" }],
    suite: true,
  },
  {
    id: "a-pledge-esign-removed",
    base: "wuhan-vertical-a",
    describe: "PDF版承诺书页没有电子签章（导出时漏盖）",
    mutate: steps(pdfRemoveImages(A.pdf, 5)),
    expect: [{ ruleId: "pledge-signed", severity: "warning", fieldKeys: ["pledge.sealed"] }],
    suite: true,
  },
  {
    id: "a-cover-seal-removed",
    base: "wuhan-vertical-a",
    describe: "PDF盖章件封面扫描前未盖章（封面图像上没有公章）",
    mutate: steps(pdfImagesWithoutSeal(A.pdf, 1)),
    expect: [{ ruleId: "seal-required", severity: "warning", docType: "application-form" }],
  },
  {
    id: "a-credit-dishonest",
    base: "wuhan-vertical-a",
    describe: "另附一份信用中国报告截图，显示列入严重失信主体名单（另有2条行政处罚、1条经营异常）",
    mutate: steps(addFixture("信用中国报告.png", "fields/credit-report-dishonest.png")),
    expect: [{ ruleId: "credit-report", fieldKeys: ["credit.seriousDishonest"] }],
  },

  // ---- wuhan-vertical-c: 事业单位 (Word + PDF + scanned 承诺书 + scanned 法人证书)
  {
    id: "c-certificate-missing",
    base: "wuhan-vertical-c",
    describe: "事业单位未附法人证书",
    mutate: steps(drop(C.certificate)),
    expect: [{ ruleId: "required-document", docType: "institution-certificate" }],
    suite: true,
  },
  {
    id: "c-pledge-missing",
    base: "wuhan-vertical-c",
    describe: "未附承诺书（删去单独的承诺书扫描件）",
    mutate: steps(drop(C.pledge)),
    expect: [{ ruleId: "required-document", docType: "pledge" }],
    suite: true,
  },
  {
    id: "c-word-missing",
    base: "wuhan-vertical-c",
    describe: "只交PDF，未交Word版申报书",
    mutate: steps(drop(C.docx)),
    expect: [{ ruleId: "word-and-pdf", docType: "application-form" }],
    suite: true,
  },
  {
    id: "c-nature-enterprise",
    base: "wuhan-vertical-c",
    describe: "单位性质勾成「民营企业」（Word与PDF），却只附事业单位法人证书、没有营业执照",
    mutate: steps(
      both(
        C.docx,
        C.pdf,
        2,
        [
          { find: "☑事业单位", replace: "☐事业单位" },
          { find: "☐民营企业", replace: "☑民营企业" },
        ],
        [{ find: "其☑☐☐☐☐☐他", replace: "其☐☐☐☑☐☐他" }],
      ),
    ),
    expect: [{ ruleId: "required-document", docType: "business-license" }],
    suite: true,
  },
  {
    id: "c-ai-rd-exceeds",
    base: "wuhan-vertical-c",
    describe: "人工智能研发人员 92 人，大于研发人员 78 人（Word与PDF）",
    mutate: steps(
      both(C.docx, C.pdf, 2, [{ find: "人工智能研发人员数量 52人", replace: "人工智能研发人员数量 92人" }]),
    ),
    expect: [{ ruleId: "arithmetic", fieldKeys: ["staff.aiRd"] }],
    suite: true,
  },
  {
    id: "c-pledge-unsealed",
    base: "wuhan-vertical-c",
    describe: "承诺书扫描件上没有公章（签字后未盖章即扫描）",
    mutate: steps(pdfImagesWithoutSeal(C.pledge, 1)),
    expect: [{ ruleId: "pledge-signed", fieldKeys: ["pledge.sealed"] }],
  },
  {
    id: "c-certificate-corrupt",
    base: "wuhan-vertical-c",
    describe: "法人证书PDF上传不完整（只剩前40%字节），包里再无其他证书",
    mutate: steps(truncate(C.certificate, 0.4)),
    // The unreadable file may be the certificate: its absence is a warning beside the ingest error.
    expect: [
      { ruleId: "ingest/corrupt" },
      { ruleId: "required-document", severity: "warning", docType: "institution-certificate" },
    ],
    suite: true,
  },
  {
    id: "c-registered-outside",
    base: "wuhan-vertical-c",
    describe: `申报书（Word与PDF）统一社会信用代码为长沙登记的 ${otherUscc(C.uscc, "430104")}（不在武汉）`,
    mutate: steps(both(C.docx, C.pdf, 2, [{ find: C.uscc, replace: otherUscc(C.uscc, "430104") }])),
    expect: [
      { ruleId: "registered-in", fieldKeys: ["applicant.uscc"] },
      { ruleId: "field-equal", fieldKeys: ["applicant.uscc"], docType: "institution-certificate" },
    ],
    suite: true,
  },

  // ---- hubei-industrial-model-e: 湖北省工业领域专用模型 (Word + PDF + 承诺书 PDF + licence scan)
  {
    id: "e-cover-date-late",
    base: "hubei-industrial-model-e",
    describe: "封面申报日期 2026年4月30日，晚于4月2日截止（Word与PDF）",
    mutate: steps(both(E.docx, E.pdf, 1, [{ find: "申报日期　2026年3月30日", replace: "申报日期　2026年4月30日" }])),
    expect: [{ ruleId: "date-window", fieldKeys: ["cover.date"] }],
    suite: true,
  },
  {
    id: "e-consortium-4",
    base: "hubei-industrial-model-e",
    describe: "Word版联合体成员单位填了4家（PDF仍为「无（独立申报）」）",
    mutate: steps(docxText(E.docx, [{ find: "无（独立申报）", replace: CONSORTIUM_4, exact: true }])),
    expect: [
      { ruleId: "list-size", fieldKeys: ["applicant.consortium"] },
      { ruleId: "word-and-pdf", fieldKeys: ["applicant.consortium"] },
    ],
    suite: true,
  },
  {
    id: "e-ai-revenue-exceeds",
    base: "hubei-industrial-model-e",
    describe: "2025年人工智能营业收入 9318.74 万元，大于营业收入 9062.35 万元（Word与PDF）",
    mutate: steps(both(E.docx, E.pdf, 2, [{ find: "6318.74", replace: "9318.74" }])),
    expect: [{ ruleId: "arithmetic", fieldKeys: ["finance.aiRevenue.2025"] }],
    suite: true,
  },
  {
    id: "e-rd-exceeds-total",
    base: "hubei-industrial-model-e",
    describe: "研发人员数量 231 人，大于员工总数 203 人（Word与PDF）",
    mutate: steps(
      both(
        E.docx,
        E.pdf,
        2,
        [{ find: "121人", replace: "231人", exact: true }],
        [{ find: "研发人员数量121人", replace: "研发人员数量231人" }],
      ),
    ),
    expect: [{ ruleId: "arithmetic", fieldKeys: ["staff.rd"] }],
    suite: true,
  },
  {
    id: "e-pdf-missing",
    base: "hubei-industrial-model-e",
    describe: "未交PDF盖章件",
    mutate: steps(drop(E.pdf)),
    expect: [{ ruleId: "word-and-pdf", docType: "application-form" }],
    suite: true,
  },
  {
    id: "e-pdf-encrypted",
    base: "hubei-industrial-model-e",
    describe: "PDF盖章件设置了打开密码（换成加密PDF）",
    mutate: steps(addFixture(E.pdf, "pdf/encrypted.pdf")),
    // The encrypted PDF may be the stamped form: its absence is a warning beside the ingest error.
    expect: [{ ruleId: "ingest/encrypted" }, { ruleId: "word-and-pdf", severity: "warning", docType: "application-form" }],
    suite: true,
  },
  {
    id: "e-pledge-missing",
    base: "hubei-industrial-model-e",
    describe: "未附承诺书",
    mutate: steps(drop(E.pledge)),
    expect: [{ ruleId: "required-document", docType: "pledge" }],
    suite: true,
  },
  {
    id: "e-licence-missing",
    base: "hubei-industrial-model-e",
    describe: "未附营业执照扫描件",
    mutate: steps(drop(E.licence)),
    expect: [{ ruleId: "required-document", docType: "business-license" }],
    suite: true,
  },
  {
    id: "e-name-differs",
    base: "hubei-industrial-model-e",
    describe: "单位名称写成「武汉云帆工业智能有限公司」（Word与PDF），与营业执照不符",
    mutate: steps(
      both(
        E.docx,
        E.pdf,
        2,
        [{ find: "武汉云帆智算科技有限公司", replace: "武汉云帆工业智能有限公司", exact: true }],
        [{ find: "单位名称武汉云帆智算科技有限公司", replace: "单位名称武汉云帆工业智能有限公司" }],
      ),
    ),
    expect: [{ ruleId: "field-equal", fieldKeys: ["applicant.name"], docType: "business-license" }],
    suite: true,
  },
  {
    id: "e-principal-blank",
    base: "hubei-industrial-model-e",
    describe: "负责人姓名一栏留空（Word与PDF）",
    mutate: steps(
      both(
        E.docx,
        E.pdf,
        2,
        [{ find: "陈志远", replace: "", exact: true }],
        [{ find: "负责人姓名陈志远职务", replace: "负责人姓名职务" }],
      ),
    ),
    expect: [{ ruleId: "required-field", fieldKeys: ["principal.name"] }],
    suite: true,
  },
  {
    id: "e-uscc-check-digit",
    base: "hubei-industrial-model-e",
    describe: `统一社会信用代码末位填错 ${brokenUscc(E.uscc)}（Word与PDF）`,
    mutate: steps(both(E.docx, E.pdf, 2, [{ find: E.uscc, replace: brokenUscc(E.uscc) }])),
    expect: [{ ruleId: "uscc-valid", fieldKeys: ["applicant.uscc"], docType: "application-form" }],
    suite: true,
  },
  {
    id: "e-pledge-esign-removed",
    base: "hubei-industrial-model-e",
    describe: "承诺书PDF没有电子签章",
    mutate: steps(pdfRemoveImages(E.pledge, 1)),
    expect: [{ ruleId: "pledge-signed", severity: "warning", fieldKeys: ["pledge.sealed"] }],
    suite: true,
  },
  {
    id: "e-licence-copy-unsealed",
    base: "hubei-industrial-model-e",
    describe: "营业执照复印件扫描件上没有任何公章（「复印件需加盖公章」）",
    mutate: steps(pdfImagesWithoutSeal(E.licence, 1)),
    expect: [{ ruleId: "seal-required", docType: "business-license" }],
  },
  {
    id: "e-credit-dishonest",
    base: "hubei-industrial-model-e",
    describe: "附上的信用中国报告显示列入严重失信主体名单，且查询日期（2025-12-15）早于通知转发日",
    mutate: steps(addFixture("信用中国报告.png", "fields/credit-report-dishonest.png")),
    expect: [
      { ruleId: "credit-report", fieldKeys: ["credit.seriousDishonest"] },
      { ruleId: "credit-report", severity: "warning", fieldKeys: ["credit.queryDate"] },
    ],
  },

  // ---- wuhan-governance-scenario-f: 典型应用场景案例 (Word + PDF + licence photo)
  {
    id: "f-licence-missing",
    base: "wuhan-governance-scenario-f",
    describe: "未附营业执照",
    mutate: steps(drop(LICENCE_JPG)),
    expect: [{ ruleId: "required-document", docType: "business-license" }],
    suite: true,
  },
  {
    id: "f-cover-date-late",
    base: "wuhan-governance-scenario-f",
    describe: "封面申报日期 2026年7月9日，晚于7月7日截止（Word与PDF）",
    mutate: steps(both(F.docx, F.pdf, 1, [{ find: "申报日期　2026年7月3日", replace: "申报日期　2026年7月9日" }])),
    expect: [{ ruleId: "date-window", fieldKeys: ["cover.date"] }],
    suite: true,
  },
  {
    id: "f-pledge-missing",
    base: "wuhan-governance-scenario-f",
    describe: "申报书后面的承诺书页被删去（Word删去承诺书部分，PDF删去最后一页）",
    mutate: steps(
      docxCut(F.docx, "承诺书"),
      pdfPages(F.pdf, (n) => without(n)(n)),
    ),
    expect: [{ ruleId: "required-document", docType: "pledge" }],
    suite: true,
  },
  {
    id: "f-scenario-type-unchecked",
    base: "wuhan-governance-scenario-f",
    describe: "场景类型一个都没勾（Word与PDF）",
    mutate: steps(
      both(
        F.docx,
        F.pdf,
        2,
        [{ find: "☑AI+一网统管", replace: "☐AI+一网统管" }],
        [{ find: "☑AI+一网统管", replace: "☐AI+一网统管" }],
      ),
    ),
    expect: [{ ruleId: "required-field", fieldKeys: ["scenario.type"] }],
    suite: true,
  },
  {
    id: "f-uscc-check-digit",
    base: "wuhan-governance-scenario-f",
    describe: "统一社会信用代码末位填错（Word与PDF）",
    mutate: steps(both(F.docx, F.pdf, 2, [{ find: "91420103MA4F2T8X9C", replace: brokenUscc("91420103MA4F2T8X9C") }])),
    expect: [
      { ruleId: "uscc-valid", fieldKeys: ["applicant.uscc"], docType: "application-form" },
      { ruleId: "field-equal", severity: "warning", fieldKeys: ["applicant.uscc"] },
    ],
    suite: true,
  },
  {
    id: "f-pdf-differs",
    base: "wuhan-governance-scenario-f",
    describe: "PDF版联系人电话与Word版不同（PDF不是由最终Word导出）",
    mutate: steps(pdfText(F.pdf, 2, [{ find: "电话 13871425309", replace: "电话 13871425390" }])),
    expect: [{ ruleId: "word-and-pdf", fieldKeys: ["contact.phone"] }],
    suite: true,
  },
  {
    id: "f-pledge-esign-removed",
    base: "wuhan-governance-scenario-f",
    describe: "PDF版承诺书页没有电子签章",
    mutate: steps(pdfRemoveImages(F.pdf, 4)),
    expect: [{ ruleId: "pledge-signed", severity: "warning", fieldKeys: ["pledge.sealed"] }],
    suite: true,
  },
  {
    id: "f-credit-dishonest",
    base: "wuhan-governance-scenario-f",
    describe: "附上的信用中国报告截图显示列入严重失信主体名单，且报告是另一家单位（武汉云帆智算科技有限公司）的",
    mutate: steps(addFixture("信用中国报告.png", "fields/credit-report-dishonest.png")),
    expect: [
      { ruleId: "credit-report", fieldKeys: ["credit.seriousDishonest"] },
      { ruleId: "field-equal", fieldKeys: ["applicant.name"], docType: "credit-report" },
    ],
  },

  // ---- wuhan-governance-model-agent-g: 行业模型和智能体 (Word + PDF + licence photo)
  {
    id: "g-product-type-unchecked",
    base: "wuhan-governance-model-agent-g",
    describe: "产品类型一个都没勾（Word与PDF）",
    mutate: steps(
      both(
        G.docx,
        G.pdf,
        3,
        [{ find: "☑智能体", replace: "☐智能体" }],
        [{ find: "其他☐☐☑☐(请注明)", replace: "其他☐☐☐☐(请注明)" }],
      ),
    ),
    expect: [{ ruleId: "required-field", fieldKeys: ["product.type"] }],
    suite: true,
  },
  {
    id: "g-instruction-left",
    base: "wuhan-governance-model-agent-g",
    describe: "Word版「近三年研发资金来源及组成」保留了模板说明文字",
    mutate: steps(
      docxText(G.docx, [
        {
          find: "近三年研发资金共计1286.5万元",
          replace:
            "(自筹、财政资金或其他,请详细介绍。研发资金组成,包括语料和数据费用、产品开发费用、测试费用、人工费用、设备采购和材料费用等)",
          whole: true,
        },
      ]),
    ),
    expect: [{ ruleId: "required-field", fieldKeys: ["product.rdFunding"] }],
    suite: true,
    note: "只有Word版留着模板说明（PDF版已填写、字段更多）：form.unfilled 汇总Word与PDF各版的未填写项",
  },
  {
    id: "g-uscc-check-digit",
    base: "wuhan-governance-model-agent-g",
    describe: `统一社会信用代码末位填错 ${brokenUscc(G.uscc)}（Word与PDF）`,
    mutate: steps(both(G.docx, G.pdf, 2, [{ find: G.uscc, replace: brokenUscc(G.uscc) }])),
    expect: [{ ruleId: "uscc-valid", fieldKeys: ["applicant.uscc"], docType: "application-form" }],
    suite: true,
  },
  {
    id: "g-pdf-missing",
    base: "wuhan-governance-model-agent-g",
    describe: "未交PDF盖章件",
    mutate: steps(drop(G.pdf)),
    expect: [
      { ruleId: "word-and-pdf", docType: "application-form" },
      { ruleId: "pledge-signed", docType: "pledge" },
    ],
    suite: true,
  },
  {
    id: "g-pdf-differs",
    base: "wuhan-governance-model-agent-g",
    describe: "PDF版营业收入为 6813.46 万元，Word版为 6183.46 万元（PDF不是由最终Word导出）",
    mutate: steps(pdfText(G.pdf, 2, [{ find: "6183.46", replace: "6813.46" }])),
    expect: [{ ruleId: "word-and-pdf", fieldKeys: ["finance.revenue.2025"] }],
    suite: true,
  },
  {
    id: "g-licence-missing",
    base: "wuhan-governance-model-agent-g",
    describe: "未附营业执照",
    mutate: steps(drop(LICENCE_JPG)),
    expect: [{ ruleId: "required-document", docType: "business-license" }],
    suite: true,
  },
  {
    id: "g-name-differs",
    base: "wuhan-governance-model-agent-g",
    describe: "单位名称写成「武汉灵犀城市智能有限公司」（Word与PDF），与营业执照不符",
    mutate: steps(
      both(
        G.docx,
        G.pdf,
        2,
        [{ find: "武汉灵犀智巡科技有限公司", replace: "武汉灵犀城市智能有限公司", exact: true }],
        [{ find: "单位名称武汉灵犀智巡科技有限公司", replace: "单位名称武汉灵犀城市智能有限公司" }],
      ),
    ),
    expect: [{ ruleId: "field-equal", fieldKeys: ["applicant.name"], docType: "business-license" }],
    suite: true,
  },
  {
    id: "g-cover-date-late",
    base: "wuhan-governance-model-agent-g",
    describe: "封面申报日期 2026年7月13日，晚于7月7日截止（Word与PDF）",
    mutate: steps(both(G.docx, G.pdf, 1, [{ find: "申报日期　2026年7月3日", replace: "申报日期　2026年7月13日" }])),
    expect: [{ ruleId: "date-window", fieldKeys: ["cover.date"] }],
    suite: true,
  },
  {
    id: "g-credit-other-company",
    base: "wuhan-governance-model-agent-g",
    describe: "附上的信用中国报告是另一家单位（武汉云帆智算科技有限公司）的",
    mutate: steps(addFixture("信用中国报告.pdf", "fields/credit-report.pdf")),
    expect: [
      { ruleId: "field-equal", fieldKeys: ["applicant.name"], docType: "credit-report" },
      { ruleId: "field-equal", fieldKeys: ["applicant.uscc"], docType: "credit-report" },
    ],
  },
  {
    id: "g-credit-dishonest",
    base: "wuhan-governance-model-agent-g",
    describe: "附上的信用中国报告截图显示列入严重失信主体名单，且报告是另一家单位（武汉云帆智算科技有限公司）的",
    mutate: steps(addFixture("信用中国报告.png", "fields/credit-report-dishonest.png")),
    expect: [
      { ruleId: "credit-report", fieldKeys: ["credit.seriousDishonest"] },
      { ruleId: "field-equal", fieldKeys: ["applicant.name"], docType: "credit-report" },
    ],
  },
  {
    id: "g-pledge-undated",
    base: "wuhan-governance-model-agent-g",
    describe: "PDF版承诺书落款日期未填（Word版仍有日期）",
    mutate: steps(pdfText(G.pdf, 5, [{ find: "2026年7月3日", replace: "年月日" }])),
    expect: [{ ruleId: "pledge-signed", severity: "warning", fieldKeys: ["pledge.date"] }],
  },

  // ---- wuhan-governance-platform-h: 公共服务平台 (Word + PDF with scanned cover + licence photo)
  {
    id: "h-name-differs",
    base: "wuhan-governance-platform-h",
    describe: "单位名称写成「武汉江城数智运营服务有限公司」（Word与PDF），与营业执照不符",
    mutate: steps(
      both(
        H.docx,
        H.pdf,
        2,
        [{ find: "武汉江城数智城市运营集团有限公司", replace: "武汉江城数智运营服务有限公司", exact: true }],
        [
          {
            find: "单位名称武汉江城数智城市运营集团有限公司",
            replace: "单位名称武汉江城数智运营服务有限公司",
          },
        ],
      ),
    ),
    expect: [{ ruleId: "field-equal", fieldKeys: ["applicant.name"], docType: "business-license" }],
    suite: true,
  },
  {
    id: "h-phone-blank",
    base: "wuhan-governance-platform-h",
    describe: "负责人电话一栏留空（Word与PDF）",
    mutate: steps(both(H.docx, H.pdf, 2, [{ find: "电话 027-85861208", replace: "电话 " }])),
    expect: [{ ruleId: "required-field", fieldKeys: ["principal.phone"] }],
    suite: true,
  },
  {
    id: "h-cover-date-late",
    base: "wuhan-governance-platform-h",
    describe: "Word版封面申报日期 2026年7月8日，晚于7月7日截止（PDF封面为盖章扫描图像）",
    mutate: steps(docxText(H.docx, [{ find: "申报日期　2026年7月3日", replace: "申报日期　2026年7月8日" }])),
    expect: [{ ruleId: "date-window", fieldKeys: ["cover.date"] }],
    suite: true,
  },
  {
    id: "h-pledge-missing",
    base: "wuhan-governance-platform-h",
    describe: "申报书后面的承诺书被删去（Word删去承诺书部分，PDF删去最后一页）",
    mutate: steps(
      docxCut(H.docx, "承诺书"),
      pdfPages(H.pdf, (n) => without(n)(n)),
    ),
    expect: [{ ruleId: "required-document", docType: "pledge" }],
    suite: true,
  },
  {
    id: "h-uscc-check-digit",
    base: "wuhan-governance-platform-h",
    describe: "统一社会信用代码末位填错（Word与PDF）",
    mutate: steps(both(H.docx, H.pdf, 2, [{ find: "91420103MA4F2T8X9C", replace: brokenUscc("91420103MA4F2T8X9C") }])),
    expect: [{ ruleId: "uscc-valid", fieldKeys: ["applicant.uscc"], docType: "application-form" }],
    suite: true,
  },
  {
    id: "h-pdf-missing",
    base: "wuhan-governance-platform-h",
    describe: "未交PDF盖章件",
    mutate: steps(drop(H.pdf)),
    expect: [
      { ruleId: "word-and-pdf", docType: "application-form" },
      { ruleId: "pledge-signed", docType: "pledge" },
    ],
    suite: true,
  },
  {
    id: "h-cover-seal-removed",
    base: "wuhan-governance-platform-h",
    describe: "PDF盖章件封面扫描前未盖章",
    mutate: steps(pdfImagesWithoutSeal(H.pdf, 1)),
    expect: [{ ruleId: "seal-required", severity: "warning", docType: "application-form" }],
    note: "封面扫描图去掉公章后，OCR 读不出「（加盖公章）」；seal-required 凭这一页读出的封面栏目（申报单位等）认出封面",
  },
  {
    id: "h-credit-dishonest",
    base: "wuhan-governance-platform-h",
    describe: "附上的信用中国报告截图显示列入严重失信主体名单，且报告是另一家单位（武汉云帆智算科技有限公司）的",
    mutate: steps(addFixture("信用中国报告.png", "fields/credit-report-dishonest.png")),
    expect: [
      { ruleId: "credit-report", fieldKeys: ["credit.seriousDishonest"] },
      { ruleId: "field-equal", fieldKeys: ["applicant.name"], docType: "credit-report" },
    ],
  },
  {
    id: "h-pledge-undated",
    base: "wuhan-governance-platform-h",
    describe: "PDF版承诺书落款日期未填（Word版仍有日期）",
    mutate: steps(pdfText(H.pdf, 5, [{ find: "2026年7月3日", replace: "年月日" }])),
    expect: [{ ruleId: "pledge-signed", severity: "warning", fieldKeys: ["pledge.date"] }],
  },

  // ---- wuhan-governance-terminal-i: 智能终端产品 (Word only + scanned 承诺书 + licence photo)
  {
    id: "i-pledge-missing",
    base: "wuhan-governance-terminal-i",
    describe: "未附承诺书（删去签字盖章扫描件）",
    mutate: steps(drop(I.pledge)),
    expect: [{ ruleId: "required-document", docType: "pledge" }],
  },
  {
    id: "i-intro-too-long",
    base: "wuhan-governance-terminal-i",
    describe: "产品简介写了约430字，超过「300字以内」",
    mutate: steps(
      docxText(I.docx, [
        {
          find: "灵犀L3是面向城市综合管廊",
          replace: "",
          whole: true,
          transform: (text) => `${text}${text.replace(/^灵犀L3是/, "该产品是")}${text.slice(0, 140)}`,
        },
      ]),
    ),
    expect: [{ ruleId: "text-length", fieldKeys: ["product.intro"] }],
    suite: true,
  },
  {
    id: "i-licence-corrupt",
    base: "wuhan-governance-terminal-i",
    describe: "营业执照照片损坏（只剩前30%字节），包里再无其他执照",
    mutate: steps(truncate(LICENCE_JPG, 0.3)),
    // The unreadable file may be the licence: its absence is a warning beside the ingest error.
    expect: [
      { ruleId: "ingest/corrupt" },
      { ruleId: "required-document", severity: "warning", docType: "business-license" },
    ],
  },
  {
    id: "i-cover-date-late",
    base: "wuhan-governance-terminal-i",
    describe: "封面申报日期 2026年7月10日，晚于7月7日截止",
    mutate: steps(docxText(I.docx, [{ find: "申报日期　2026年7月3日", replace: "申报日期　2026年7月10日" }])),
    expect: [{ ruleId: "date-window", fieldKeys: ["cover.date"] }],
    suite: true,
  },
  {
    id: "i-name-differs",
    base: "wuhan-governance-terminal-i",
    describe: "单位名称写成「武汉灵犀城市智能有限公司」，与营业执照不符",
    mutate: steps(
      docxText(I.docx, [{ find: "武汉灵犀智巡科技有限公司", replace: "武汉灵犀城市智能有限公司", exact: true }]),
    ),
    expect: [{ ruleId: "field-equal", fieldKeys: ["applicant.name"], docType: "business-license" }],
    suite: true,
  },
  {
    id: "i-uscc-check-digit",
    base: "wuhan-governance-terminal-i",
    describe: "统一社会信用代码末位填错",
    mutate: steps(docxText(I.docx, [{ find: "91420111MA49W6KD70", replace: brokenUscc("91420111MA49W6KD70") }])),
    expect: [{ ruleId: "uscc-valid", fieldKeys: ["applicant.uscc"], docType: "application-form" }],
    suite: true,
  },
  {
    id: "i-nature-unchecked",
    base: "wuhan-governance-terminal-i",
    describe: "单位性质一个都没勾",
    mutate: steps(docxText(I.docx, [{ find: "☑民营企业", replace: "☐民营企业" }])),
    expect: [{ ruleId: "required-field", fieldKeys: ["applicant.nature"] }],
    suite: true,
  },
  {
    id: "i-pledge-unsealed",
    base: "wuhan-governance-terminal-i",
    describe: "承诺书扫描件上没有公章（签字后未盖章即扫描）",
    mutate: steps(pdfImagesWithoutSeal(I.pledge, 1)),
    expect: [{ ruleId: "pledge-signed", fieldKeys: ["pledge.sealed"] }],
  },
  {
    id: "i-credit-dishonest",
    base: "wuhan-governance-terminal-i",
    describe: "附上的信用中国报告截图显示列入严重失信主体名单，且报告是另一家单位（武汉云帆智算科技有限公司）的",
    mutate: steps(addFixture("信用中国报告.png", "fields/credit-report-dishonest.png")),
    expect: [
      { ruleId: "credit-report", fieldKeys: ["credit.seriousDishonest"] },
      { ruleId: "field-equal", fieldKeys: ["applicant.name"], docType: "credit-report" },
    ],
  },

  // ---- hunan-ai-model-b: 湖南省人工智能大模型 (one combined PDF)
  {
    id: "b-params-below-8",
    base: "hunan-ai-model-b",
    describe: "申报信息表参数量（亿）填 7，低于8亿门槛",
    mutate: steps(pdfText(B.pdf, 5, [{ find: "参数量（亿）320", replace: "参数量（亿）7" }])),
    expect: [{ ruleId: "number-range", fieldKeys: ["model.paramsYi"] }],
    suite: true,
  },
  {
    id: "b-founded-recent",
    base: "hunan-ai-model-b",
    describe: "申报信息表注册时间 2023年05月16日（未满2个完整会计年度），与营业执照不符",
    mutate: steps(pdfText(B.pdf, 4, [{ find: "注册时间2018年11月06日", replace: "注册时间2023年05月16日" }])),
    expect: [
      { ruleId: "date-window", fieldKeys: ["applicant.foundedOn"] },
      { ruleId: "field-equal", fieldKeys: ["applicant.foundedOn"], docType: "business-license" },
    ],
    suite: true,
  },
  {
    id: "b-rd-exceeds-total",
    base: "hunan-ai-model-b",
    describe: "2024年研发人员 382 人，大于在职人员 281 人",
    mutate: steps(pdfText(B.pdf, 4, [{ find: "研发人员（人）138162", replace: "研发人员（人）138382" }])),
    expect: [{ ruleId: "arithmetic", fieldKeys: ["staff.rd.2024"] }],
    suite: true,
  },
  {
    id: "b-ai-revenue-exceeds",
    base: "hunan-ai-model-b",
    describe: "2024年AI业务收入 13865.39 万元，大于营业收入 12483.16 万元",
    mutate: steps(pdfText(B.pdf, 4, [{ find: "5412.807865.39", replace: "5412.8013865.39" }])),
    expect: [{ ruleId: "arithmetic", fieldKeys: ["finance.aiRevenue.2024"] }],
    suite: true,
  },
  {
    id: "b-revenue-vs-audit",
    base: "hunan-ai-model-b",
    describe: "申报信息表2024年营业收入填 12843.16 万元，审计报告和A100000为 12483.16 万元",
    mutate: steps(pdfText(B.pdf, 4, [{ find: "9826.3712483.16", replace: "9826.3712843.16" }])),
    expect: [
      { ruleId: "field-equal", fieldKeys: ["finance.revenue.2024"], docType: "audit-report" },
      { ruleId: "field-equal", fieldKeys: ["finance.revenue.2024"], docType: "tax-return-a100000" },
    ],
    suite: true,
  },
  {
    id: "b-uscc-check-digit",
    base: "hunan-ai-model-b",
    describe: `申报信息表统一社会信用代码末位填错 ${brokenUscc(B.uscc)}`,
    mutate: steps(pdfText(B.pdf, 4, [{ find: B.uscc, replace: brokenUscc(B.uscc) }])),
    expect: [
      { ruleId: "uscc-valid", fieldKeys: ["applicant.uscc"], docType: "application-form" },
      { ruleId: "field-equal", fieldKeys: ["applicant.uscc"], docType: "tax-return-a100000" },
    ],
    suite: true,
  },
  {
    id: "b-toc-page-off",
    base: "hunan-ai-model-b",
    describe: "目录中审计报告的页码写成8（实际从第7页起）",
    mutate: steps(
      pdfText(B.pdf, 2, [
        { find: "申报单位近两年财务审计报告…………………………7", replace: "申报单位近两年财务审计报告…………………………8" },
      ]),
    ),
    expect: [{ ruleId: "toc-pages", severity: "warning", docType: "audit-report" }],
    suite: true,
  },
  {
    id: "b-order-tax-before-audit",
    base: "hunan-ai-model-b",
    describe: "合订顺序错误：A100000纳税申报表一页移到审计报告之前",
    mutate: steps(pdfPages(B.pdf, moveBefore(12, 9))),
    expect: [{ ruleId: "document-order", severity: "warning", docType: "audit-report" }],
    suite: true,
  },
  {
    id: "b-licence-page-removed",
    base: "hunan-ai-model-b",
    describe: "合订PDF中营业执照复印件一页被删去",
    mutate: steps(pdfPages(B.pdf, without(8))),
    expect: [{ ruleId: "required-document", docType: "business-license" }],
    suite: true,
  },
  {
    id: "b-pledge-page-removed",
    base: "hunan-ai-model-b",
    describe: "合订PDF中真实性承诺一页被删去",
    mutate: steps(pdfPages(B.pdf, without(3))),
    expect: [{ ruleId: "required-document", docType: "pledge" }],
    suite: true,
  },
  {
    id: "b-evaluation-removed",
    base: "hunan-ai-model-b",
    describe: "合订PDF中第三方测评报告（最后一页）被删去",
    mutate: steps(pdfPages(B.pdf, (n) => without(n)(n))),
    expect: [{ ruleId: "required-document", docType: "evaluation-report" }],
    suite: true,
  },
  {
    id: "b-audit-removed",
    base: "hunan-ai-model-b",
    describe: "合订PDF中审计报告三页被删去",
    mutate: steps(pdfPages(B.pdf, without(9, 10, 11))),
    expect: [{ ruleId: "required-document", docType: "audit-report" }],
    suite: true,
  },
  {
    id: "b-email-blank",
    base: "hunan-ai-model-b",
    describe: "单位联系人邮箱一栏留空",
    mutate: steps(pdfText(B.pdf, 4, [{ find: "luojf@xjzhiyu.com", replace: "" }])),
    expect: [{ ruleId: "required-field", fieldKeys: ["contact.email"] }],
    suite: true,
  },
  {
    id: "b-intro-too-long",
    base: "hunan-ai-model-b",
    describe: "「单位简介」写了约540字（不超过500字）；PDF表格不能重排，加写的文字以小字号排在该栏末行",
    mutate: steps(
      pdfText(B.pdf, 4, [
        {
          find: "技术研究中心。",
          replace: `技术研究中心。${"公司聚焦工程机械、轨道交通等湖南优势产业，提供设备运维大模型、智能诊断平台与知识服务产品。".repeat(7)}`,
          size: 0.9,
        },
      ]),
    ),
    expect: [{ ruleId: "text-length", fieldKeys: ["applicant.intro"] }],
    suite: true,
  },
  {
    id: "b-pledge-undated",
    base: "hunan-ai-model-b",
    describe: "真实性承诺落款日期未填",
    mutate: steps(pdfText(B.pdf, 3, [{ find: "2025年11月10日", replace: "年月日" }])),
    expect: [{ ruleId: "pledge-signed", severity: "warning", fieldKeys: ["pledge.date"] }],
    suite: true,
  },

  // ---- hunan-digital-center-j: 湖南省制造业数字化转型促进中心 (one combined PDF)
  {
    id: "j-toc-page-off",
    base: "hunan-digital-center-j",
    describe: "目录中审计报告页码写成9（实际从第7页起）",
    mutate: steps(
      pdfText(J.pdf, 2, [{ find: "近两年财务审计报告……………………………………7", replace: "近两年财务审计报告……………………………………9" }]),
    ),
    expect: [{ ruleId: "toc-pages", severity: "warning", docType: "audit-report" }],
    suite: true,
  },
  {
    id: "j-licence-page-removed",
    base: "hunan-digital-center-j",
    describe: "合订PDF中营业执照复印件一页被删去",
    mutate: steps(pdfPages(J.pdf, without(8))),
    expect: [{ ruleId: "required-document", docType: "business-license" }],
    suite: true,
  },
  {
    id: "j-revenue-vs-audit",
    base: "hunan-digital-center-j",
    describe: "申报信息表2024年营业收入填 12843.16 万元，审计报告和A100000为 12483.16 万元",
    mutate: steps(pdfText(J.pdf, 4, [{ find: "9826.3712483.16", replace: "9826.3712843.16" }])),
    expect: [
      { ruleId: "field-equal", fieldKeys: ["finance.revenue.2024"], docType: "audit-report" },
      { ruleId: "field-equal", fieldKeys: ["finance.revenue.2024"], docType: "tax-return-a100000" },
    ],
    suite: true,
  },
  {
    id: "j-uscc-check-digit",
    base: "hunan-digital-center-j",
    describe: `申报信息表统一社会信用代码末位填错 ${brokenUscc(J.uscc)}`,
    mutate: steps(pdfText(J.pdf, 4, [{ find: J.uscc, replace: brokenUscc(J.uscc) }])),
    expect: [
      { ruleId: "uscc-valid", fieldKeys: ["applicant.uscc"], docType: "application-form" },
      { ruleId: "field-equal", fieldKeys: ["applicant.uscc"], docType: "tax-return-a100000" },
    ],
    suite: true,
  },
  {
    id: "j-goals-too-long",
    base: "hunan-digital-center-j",
    describe: "「建设目标」写了约530字（不超过500字）；加写的文字以小字号排在该栏末行",
    mutate: steps(
      pdfText(J.pdf, 5, [
        {
          find: "标杆案例20个。",
          replace: `标杆案例20个。${"到2027年底，累计服务企业300家以上，其中中小企业占比不低于70%；带动企业数字化改造投资5亿元以上，服务合同额累计2亿元；".repeat(6)}`,
          size: 0.9,
        },
      ]),
    ),
    expect: [{ ruleId: "text-length", fieldKeys: ["center.goals"] }],
  },
  {
    id: "j-principal-phone-blank",
    base: "hunan-digital-center-j",
    describe: "项目负责人联系电话一栏留空",
    mutate: steps(pdfText(J.pdf, 4, [{ find: "联系电话 13808456217", replace: "联系电话 " }])),
    expect: [{ ruleId: "required-field", fieldKeys: ["principal.phone"] }],
    suite: true,
  },
  {
    id: "j-kind-unchecked",
    base: "hunan-digital-center-j",
    describe: "牵头单位类型一个都没勾",
    mutate: steps(pdfText(J.pdf, 4, [{ find: "其它☑☐☐(请标明)", replace: "其它☐☐☐(请标明)" }])),
    expect: [{ ruleId: "required-field", fieldKeys: ["applicant.kind"] }],
    suite: true,
  },
  {
    id: "j-pledge-undated",
    base: "hunan-digital-center-j",
    describe: "真实性承诺落款日期未填",
    mutate: steps(pdfText(J.pdf, 3, [{ find: "2025年11月12日", replace: "年月日" }])),
    expect: [{ ruleId: "pledge-signed", severity: "warning", fieldKeys: ["pledge.date"] }],
  },
  {
    id: "j-team-exceeds",
    base: "hunan-digital-center-j",
    describe: "技术团队「总共86人，其中行业技术人才与数字化专业人才94人」：分项大于总数",
    mutate: steps(
      pdfText(J.pdf, 5, [
        { find: "其中行业技术人才与数字化专业人才64人", replace: "其中行业技术人才与数字化专业人才94人" },
      ]),
    ),
    expect: [{ ruleId: "arithmetic", fieldKeys: ["center.teamDigital"] }],
    note: "依赖湖南促进中心包的 arithmetic part/whole 关系（另一位工程师新加）",
  },
  {
    id: "j-team-share-low",
    base: "hunan-digital-center-j",
    describe: "技术团队「总共86人，其中行业技术人才与数字化专业人才34人，占39.5%」：占比低于50%",
    mutate: steps(
      pdfText(J.pdf, 5, [
        { find: "数字化专业人才64人", replace: "数字化专业人才34人" },
        { find: "占74.4%", replace: "占39.5%" },
      ]),
    ),
    expect: [{ ruleId: "number-range", fieldKeys: ["center.teamDigitalPercent"] }],
  },

  // ---- the checks issue's consistency and eligibility items: consortium pledges, compositions, 资产负债率, names,
  // 备案号 format, 研发成本 vs 专项审计
  {
    id: "j-pledge-page-removed",
    base: "hunan-digital-center-j",
    describe: "合订PDF中牵头单位的真实性承诺页被删去（联合体共4家单位，一份承诺书也没有）",
    mutate: steps(pdfPages(J.pdf, without(3))),
    expect: [{ ruleId: "consortium-pledge", docType: "pledge", fieldKeys: ["applicant.consortium"] }],
    suite: true,
  },
  {
    id: "b-debt-ratio-vs-audit",
    base: "hunan-ai-model-b",
    describe: "申报信息表2024年资产负债率填 48.14%，审计报告负债合计 8216.04 万元 / 资产总计 19637.58 万元 = 41.84%",
    mutate: steps(pdfText(B.pdf, 4, [{ find: "41.84", replace: "48.14" }])),
    expect: [{ ruleId: "arithmetic", docType: "audit-report", fieldKeys: ["finance.debtRatio.2024"] }],
    suite: true,
  },
  {
    id: "b-filing-number-short",
    base: "hunan-ai-model-b",
    describe: "申报信息表备案号漏写两位：网信算备43010425032701",
    mutate: steps(pdfText(B.pdf, 5, [{ find: "4301042503270105", replace: "43010425032701" }])),
    expect: [{ ruleId: "filing-number", severity: "warning", fieldKeys: ["model.filingNumber"] }],
    suite: true,
  },
  {
    id: "e-rd-breakdown-sum",
    base: "hubei-industrial-model-e",
    describe: "研发成本组成中购买设备写成 281.5 万元，各项合计 1388.8 万元，与研发成本 1325.8 万元不符（Word与PDF）",
    mutate: steps(both(E.docx, E.pdf, 3, [{ find: "218.5万元", replace: "281.5万元" }])),
    expect: [{ ruleId: "arithmetic", fieldKeys: ["model.rdCostBreakdown", "model.rdCost"] }],
    suite: true,
  },
  {
    id: "e-rd-cost-vs-rd-audit",
    base: "hubei-industrial-model-e",
    describe: "附上的专项审计报告研发费用合计 2680.5 万元，申报书2025年度模型研发成本为 1325.8 万元",
    mutate: steps(addFixture("研发费用专项审计报告.pdf", "fields/rd-audit-report.pdf")),
    expect: [{ ruleId: "field-equal", docType: "rd-audit-report", fieldKeys: ["model.rdCost"] }],
  },
  {
    id: "c-cover-model-name",
    base: "wuhan-vertical-c",
    describe: "封面模型名称写成「江城智治城市大模型」，申报书表中为「江城智治城市管理大模型」（Word与PDF）",
    mutate: steps(both(C.docx, C.pdf, 1, [{ find: "江城智治城市管理大模型", replace: "江城智治城市大模型" }])),
    expect: [{ ruleId: "field-equal", severity: "warning", fieldKeys: ["cover.modelName", "model.name"] }],
    suite: true,
  },
  {
    id: "c-filing-number-short",
    base: "wuhan-vertical-c",
    describe: "备案号漏写两位：网信算备42010024121603（Word与PDF）",
    mutate: steps(both(C.docx, C.pdf, 3, [{ find: "网信算备4201002412160302", replace: "网信算备42010024121603" }])),
    expect: [{ ruleId: "filing-number", severity: "warning", fieldKeys: ["model.filingNumber"] }],
    suite: true,
  },
  {
    id: "f-funding-sum",
    base: "wuhan-governance-scenario-f",
    describe: "建设资金组成中材料费用写成 97.0 万元，各项合计 2878.0 万元，与共计 2860.0 万元不符（Word与PDF）",
    mutate: steps(both(F.docx, F.pdf, 2, [{ find: "材料费用79.0万元", replace: "材料费用97.0万元" }])),
    expect: [{ ruleId: "arithmetic", fieldKeys: ["project.funding"] }],
    suite: true,
  },
  {
    id: "g-rd-funding-sum",
    base: "wuhan-governance-model-agent-g",
    describe: "研发资金组成中设备采购和材料费用写成 171.5 万元，各项合计与近三年研发投入 1286.5 万元不符（Word与PDF）",
    mutate: steps(both(G.docx, G.pdf, 3, [{ find: "117.5万元", replace: "171.5万元" }])),
    expect: [{ ruleId: "arithmetic", fieldKeys: ["product.rdFunding", "product.rdCost"] }],
  },
  {
    id: "h-rd-funding-sum",
    base: "wuhan-governance-platform-h",
    describe:
      "平台研发资金组成中设备采购和材料费用写成 660.0 万元，各项合计 4340.0 万元，与共计 4280.0 万元不符（Word与PDF）",
    mutate: steps(both(H.docx, H.pdf, 3, [{ find: "600.0万元", replace: "660.0万元" }])),
    expect: [{ ruleId: "arithmetic", fieldKeys: ["platform.rdFunding"] }],
  },
  {
    id: "i-rd-funding-sum",
    base: "wuhan-governance-terminal-i",
    describe: "产品研发资金组成中设备采购和材料费用写成 258.7 万元，各项合计与近三年研发成本 1568.3 万元不符（Word）",
    mutate: steps(docxText(I.docx, [{ find: "285.7万元", replace: "258.7万元" }])),
    expect: [{ ruleId: "arithmetic", fieldKeys: ["product.rdFunding", "product.rdCost"] }],
  },
];

/**
 * Rules a pack configures that have no plant, and why the fixture bases do not allow one (without LibreOffice
 * to re-lay out a document). `ingest-findings` is planted through the ingest rule ids it passes on.
 */
export const NOT_PLANTABLE: Partial<Record<CallId, Record<string, string>>> = {
  "hubei-industrial-model-2026": {
    "toc-pages": "样例没有目录（基础样例已报「缺少目录」警告）；没有LibreOffice无法排出一份带页码的目录再把页码改错",
  },
  "wuhan-ai-governance-2026/scenario": {
    "text-length": "该申报书模板没有字数上限，text-length 无限制可查",
    "filing-number": "该申报书模板没有备案情况一栏（只有附件2有），filing-number 无备案号可查",
    "seal-required": "PDF封面是文字层、本来就没有公章图像，基础样例已有 seal-required 警告，去掉公章不会产生新问题",
  },
  "wuhan-ai-governance-2026/model-agent": {
    "text-length": "该申报书模板没有字数上限，text-length 无限制可查",
    "seal-required": "PDF封面是文字层、本来就没有公章图像，基础样例已有 seal-required 警告",
  },
  "wuhan-ai-governance-2026/platform": {
    "text-length": "该申报书模板没有字数上限，text-length 无限制可查",
    "filing-number": "该申报书模板没有备案情况一栏（只有附件2有），filing-number 无备案号可查",
  },
  "wuhan-ai-governance-2026/terminal": {
    "word-and-pdf": "样例只有Word版（基础样例已报缺PDF）；没有LibreOffice无法生成PDF版来预埋两版不一致",
    "seal-required": "样例没有PDF盖章件，封面公章无处可查（缺PDF由 word-and-pdf 报告）",
    "filing-number": "该申报书模板没有备案情况一栏（只有附件2有），filing-number 无备案号可查",
  },
  "hunan-ai-model-2025": {
    "seal-required": "合订PDF的封面是文字层、没有公章图像，基础样例已有 seal-required 警告",
    "consortium-pledge":
      "申报信息表没有联合体成员单位一栏，applicant.consortium 无从抽取，规则不评估（仅在大模型阶段补出该字段时生效）",
  },
  "hunan-digital-center-2025": {
    "list-size": "申报信息表只有6行成员单位，填满也达不到上限7家（基础样例列出3家，list-size 评估并通过）",
    "seal-required": "合订PDF的封面是文字层、没有公章图像，基础样例已有警告；样例没有联合体协议书",
  },
};

// ---------------------------------------------------------------------------------- clean variants

const renameAll =
  (names: Record<string, string>): Step =>
  async (files) => {
    for (const [from, to] of Object.entries(names)) await rename(from, to)(files);
  };

export const CLEAN_VARIANTS: CleanVariant[] = [
  ...(
    [
      "wuhan-vertical-a",
      "wuhan-vertical-c",
      "wuhan-governance-scenario-f",
      "wuhan-governance-model-agent-g",
      "wuhan-governance-platform-h",
    ] as const
  ).map((base): CleanVariant => ({
    id: `${base}~gbk-zip`,
    base,
    describe: "同一材料打成zip（Windows压缩，GBK文件名，无UTF-8标记，外包一层文件夹）",
    build: async (files) => new Map([[`${base}.zip`, gbkZip("申报材料", files)]]),
    suite: base === "wuhan-vertical-a",
  })),
  {
    id: "wuhan-vertical-a~renamed",
    base: "wuhan-vertical-a",
    describe: "文件改成不说明内容的名字（申报材料1.docx、扫描件.pdf、IMG_0423.jpg）",
    build: steps(renameAll({ [A.docx]: "申报材料1.docx", [A.pdf]: "扫描件.pdf", [A.licence]: "IMG_0423.jpg" })),
    suite: true,
  },
  {
    id: "wuhan-vertical-c~renamed",
    base: "wuhan-vertical-c",
    describe: "文件改成不说明内容的名字",
    build: steps(
      renameAll({ [C.docx]: "1.docx", [C.pdf]: "2.pdf", [C.pledge]: "scan001.pdf", [C.certificate]: "scan002.pdf" }),
    ),
    suite: true,
  },
  {
    id: "wuhan-governance-model-agent-g~renamed",
    base: "wuhan-governance-model-agent-g",
    describe: "文件改成不说明内容的名字",
    build: steps(
      renameAll({ [G.docx]: "附件2.docx", [G.pdf]: "附件2（盖章）.pdf", [LICENCE_JPG]: "微信图片_20260703.jpg" }),
    ),
  },
  {
    id: "wuhan-vertical-a~with-credit-report",
    base: "wuhan-vertical-a",
    describe: "另附本单位的信用中国报告扫描件（无失信、处罚、异常记录）",
    build: steps(addFixture("信用中国报告.pdf", "fields/credit-report.pdf")),
  },
  {
    id: "wuhan-vertical-a~with-audit",
    base: "wuhan-vertical-a",
    describe: "另附2024年度审计报告（与申报书数据一致）",
    build: steps(addFixture("2024年度审计报告.pdf", "fields/audit-report.pdf")),
    suite: true,
  },
];

// ---------------------------------------------------------------------------------- fixture defects

export const FIXTURE_DEFECTS: FixtureDefect[] = [
  {
    id: "b-fixture-legal-rep-id",
    base: "hunan-ai-model-b",
    describe: "样例刻意缺少法定代表人身份证复印件（目录中列有）",
    expect: { ruleId: "required-document", docType: "legal-rep-id" },
  },
  {
    id: "b-fixture-rd-audit",
    base: "hunan-ai-model-b",
    describe: "样例刻意缺少专项审计报告",
    expect: { ruleId: "required-document", docType: "rd-audit-report" },
  },
  {
    id: "b-fixture-ip-proof",
    base: "hunan-ai-model-b",
    describe: "样例刻意缺少知识产权证明",
    expect: { ruleId: "required-document", docType: "ip-proof" },
  },
  {
    id: "j-fixture-legal-rep-id",
    base: "hunan-digital-center-j",
    describe: "样例刻意缺少法定代表人身份证",
    expect: { ruleId: "required-document", docType: "legal-rep-id" },
  },
  {
    id: "j-fixture-rd-audit",
    base: "hunan-digital-center-j",
    describe: "样例刻意缺少专项审计报告",
    expect: { ruleId: "required-document", docType: "rd-audit-report" },
  },
  {
    id: "j-fixture-consortium-agreement",
    base: "hunan-digital-center-j",
    describe: "样例列出3家联合体成员单位，却刻意缺少联合体协议书",
    expect: { ruleId: "required-document", docType: "consortium-agreement" },
  },
  {
    id: "j-fixture-consortium-pledges",
    base: "hunan-digital-center-j",
    describe: "样例列出3家联合体成员单位，却只有牵头单位一份真实性承诺书",
    expect: { ruleId: "consortium-pledge", docType: "pledge", fieldKeys: ["applicant.consortium"] },
  },
  {
    id: "i-fixture-pdf",
    base: "wuhan-governance-terminal-i",
    describe: "样例只有Word版申报书，没有PDF盖章件",
    expect: { ruleId: "word-and-pdf", docType: "application-form" },
  },
];
