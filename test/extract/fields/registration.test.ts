import { describe, expect, it } from "vitest";
import { businessLicense } from "../../../src/extract/fields/business-license.js";
import { institutionCertificate } from "../../../src/extract/fields/institution-certificate.js";
import { asDocument, byKey, ingestFile, linesDoc } from "./helpers.js";
import { ocrLicenceCases, packageCases, score } from "./truth.js";

const T = 180_000;

describe("business-license on the OCR fixture scans", () => {
  it.each(ocrLicenceCases().map((c) => [c.file, c] as const))(
    "%s matches the ground truth",
    async (_f, c) => {
      const [file] = await ingestFile(c.file);
      const fields = businessLicense.extract(asDocument(file!, "business-license", c.pages), {});
      const s = score(c.truth, fields);
      // The degraded scan garbles applicant.type and may insert a character into a code whose printed check
      // digits are themselves wrong (so no repair can be verified); every other value must match.
      const tolerated = c.file.includes("degraded") ? ["applicant.type", "applicant.uscc"] : [];
      expect(
        s.misses.filter((m) => !tolerated.some((k) => m.startsWith(`${k}:`))),
        s.misses.join("\n"),
      ).toEqual([]);
    },
    T,
  );

  it(
    "repairs a character OCR inserted into the code when that makes both check digits valid, with evidence boxes",
    async () => {
      const [file] = await ingestFile("fixtures/ocr/license-clean.png");
      const fields = businessLicense.extract(asDocument(file!, "business-license"), {});
      const uscc = fields.find((f) => f.key === "applicant.uscc")!;
      expect(uscc.value).toBe("91420100MA4K7Q2X42");
      expect(byKey(fields)["applicant.uscc.problems"]).toBeUndefined();
      expect(byKey(fields)["applicant.divisionCode"]).toBe("420100");
      const capital = fields.find((f) => f.key === "applicant.registeredCapital")!;
      expect(capital.evidence[0]).toMatchObject({
        file: "license-clean.png",
        page: 1,
        quote: expect.stringContaining("注册资本"),
      });
      expect(capital.evidence[0]!.box).toBeDefined();
      expect(capital.extractor).toBe("rule:business-license");
    },
    T,
  );
});

describe("registration documents in the generated packages", () => {
  const cases = packageCases().filter((c) => c.type === "business-license" || c.type === "institution-certificate");
  it.each(cases.map((c) => [`${c.file} ${c.type}`, c] as const))(
    "%s",
    async (_n, c) => {
      const [file] = await ingestFile(c.file);
      const ex = c.type === "business-license" ? businessLicense : institutionCertificate;
      const fields = ex.extract(asDocument(file!, c.type, c.pages), {});
      const got = byKey(fields);
      // Every scan, however poor, yields the code (repaired when OCR inserted or blurred a character).
      expect(got["applicant.uscc"]).toBe(c.truth["applicant.uscc"]);
      const s = score(c.truth, fields);
      expect(s.tp, s.misses.join("\n")).toBeGreaterThanOrEqual(c.file.includes("申报书") ? 3 : 4);
    },
    T,
  );

  it(
    "reads the 住所 of scans where OCR misread or dashed the letter-spaced label, with its second line",
    async () => {
      for (const [pkg, want] of [
        ["wuhan-governance-platform-h", "武汉市江汉区新华路218号江城数智大厦16层"],
        ["wuhan-governance-terminal-i", "武汉市洪山区珞喻路1037号华中科技大学科技园创新大厦B座9层"],
        ["wuhan-vertical-a", "武汉东湖新技术开发区高新大道999号武汉未来科技城C2栋12层"],
      ] as const) {
        const rel = `fixtures/packages/${pkg}/${pkg === "wuhan-vertical-a" ? "营业执照.jpg" : "营业执照（副本）.jpg"}`;
        const [file] = await ingestFile(rel);
        const got = byKey(businessLicense.extract(asDocument(file!, "business-license"), {}))["applicant.address"];
        expect(String(got).replace(/\s+/g, ""), rel).toBe(want);
      }
    },
    T,
  );

  it(
    "reads the cleaner scans' registered capital",
    async () => {
      for (const [rel, type, want] of [
        ["fixtures/packages/wuhan-vertical-a/营业执照.jpg", "business-license", 3000],
        ["fixtures/packages/wuhan-vertical-c/事业单位法人证书（副本）.pdf", "institution-certificate", 1200],
      ] as const) {
        const [file] = await ingestFile(rel);
        const ex = type === "business-license" ? businessLicense : institutionCertificate;
        expect(byKey(ex.extract(asDocument(file!, type), {}))["applicant.registeredCapital"]).toBe(want);
      }
    },
    T,
  );
});

/** Boxed OCR lines (x, y, w, h in px) as one page. */
function ocrDoc(lines: [string, number, number, number, number][]) {
  const doc = linesDoc(
    "business-license",
    lines.map((l) => l[0]),
    { source: "ocr", confidence: 0.9 },
  );
  doc.pages[0]!.page.lines.forEach(
    (l, i) => (l.box = { x: lines[i]![1], y: lines[i]![2], w: lines[i]![3], h: lines[i]![4] }),
  );
  return doc;
}

describe("label layouts", () => {
  it("reads a scan whose labels OCR lost from the value shapes, at lower confidence", () => {
    const fields = businessLicense.extract(
      ocrDoc([
        ["统一社会信用代码编号420100004KQ7U39", 175, 209, 2044, 37],
        ["91420100MA4KQ7U39D", 175, 263, 532, 42],
        ["武汉云帆智算科技有限公司；叁仟万圆整", 469, 629, 1304, 55],
        ["有限责任公司〔自然人投资或控股） 2019年03月18日", 471, 706, 1389, 39],
        ["陈志远2019年03月18日至无固定期限", 471, 781, 1635, 39],
      ]),
      {},
    );
    expect(byKey(fields)).toMatchObject({
      "applicant.name": "武汉云帆智算科技有限公司",
      "applicant.legalRep": "陈志远",
      "applicant.registeredCapital": 3000,
      "applicant.foundedOn": "2019-03-18",
      "applicant.term": "2019-03-18/..",
      "applicant.type": "有限责任公司〔自然人投资或控股）",
    });
    expect(fields.find((f) => f.key === "applicant.name")!.confidence).toBeLessThan(0.7);
  });

  it("stops a multi-line value at a line whose row holds the next label", () => {
    const fields = institutionCertificate.extract(
      ocrDoc([
        ["名“称", 92, 235, 55, 13],
        ["武汉市城市智能计算研究院", 232, 235, 167, 13],
        ["宗旨和业务范围", 92, 259, 97, 14],
        ["开展城市运行数据分析与智能计算技术研究", 232, 260, 473, 15],
        ["住“所", 92, 304, 56, 13],
        ["武汉市江汉区发展大道176号城市运行大厦8层", 232, 304, 280, 13],
        ["开办资金", 92, 380, 55, 13],
        ["羡1200万元", 234, 381, 69, 12],
      ]),
      {},
    );
    expect(byKey(fields)).toMatchObject({
      "applicant.name": "武汉市城市智能计算研究院",
      "applicant.address": "武汉市江汉区发展大道176号城市运行大厦8层",
      "applicant.registeredCapital": 1200,
    });
  });

  it("cuts a misread next label off a name (阙雅琴蔼业期限)", () => {
    const doc = linesDoc("business-license", ["法定代表人阙雅琴蔼业期限2018年11月06日至2048年11月05日"]);
    expect(byKey(businessLicense.extract(doc, {}))["applicant.legalRep"]).toBe("阙雅琴");
  });

  it("reads letter-spaced labels and values on the next line", () => {
    const doc = linesDoc("business-license", [
      "统一社会信用代码",
      "91110108551385082Q",
      "名　　称",
      "小米科技有限责任公司",
      "类 型：有限责任公司（自然人投资或控股）",
      "法定代表人：雷军",
      "注册资本 人民币壹佰捌拾伍亿元整",
      "成立日期 2010年03月03日",
      "营业期限 2010年03月03日 至 2030年03月02日",
      "住 所 北京市海淀区西二旗中路33号院6号楼6层006号",
      "登记机关 北京市海淀区市场监督管理局",
      "2024年01月05日",
    ]);
    expect(byKey(businessLicense.extract(doc, {}))).toEqual({
      "applicant.uscc": "91110108551385082Q",
      "applicant.divisionCode": "110108",
      "applicant.name": "小米科技有限责任公司",
      "applicant.type": "有限责任公司（自然人投资或控股）",
      "applicant.legalRep": "雷军",
      "applicant.registeredCapital": 1850000,
      "applicant.foundedOn": "2010-03-03",
      "applicant.term": "2010-03-03/2030-03-02",
      "applicant.address": "北京市海淀区西二旗中路33号院6号楼6层006号",
      "applicant.registrar": "北京市海淀区市场监督管理局",
      "applicant.issuedOn": "2024-01-05",
    });
  });

  it("finds a letter-spaced two-character label with one character misread (往：所, 余“所), but not without the gap", () => {
    const read = (lines: string[]) =>
      byKey(businessLicense.extract(linesDoc("business-license", lines, { source: "ocr", confidence: 0.9 }), {}));
    expect(
      read(["名称 武汉江城数智城市运营集团有限公司", "一般项目：城往：所武汉市江汉区新华路218号"])["applicant.address"],
    ).toBe("武汉市江汉区新华路218号");
    expect(read(["余“所武汉东湖新技术开发区高新大道999号"])["applicant.address"]).toBe(
      "武汉东湖新技术开发区高新大道999号",
    );
    expect(read(["住 - “所", "武汉市洪山区珞喻路1037号"])["applicant.address"]).toBe("武汉市洪山区珞喻路1037号");
    // 「研究所」 in running text is no label: no gap between the characters; nor is 「姓名：」 a misread 名称.
    expect(read(["经营范围 设立研究所武汉市江汉区新华路218号"])["applicant.address"]).toBeUndefined();
    expect(read(["联系人姓名：张三丰"])["applicant.name"]).toBeUndefined();
  });

  it("reads a date whose 年 OCR misread (2019仪03月18日), and drops bars from joined multi-line values", () => {
    const fields = businessLicense.extract(
      ocrDoc([
        ["成立日期2019仪03月18日", 1309, 706, 551, 39],
        ["住“所长沙市岳麓区麓谷街道文轩路27号麓|", 1309, 843, 1001, 40],
        ["谷钰园C3栋15层", 1577, 912, 447, 37],
      ]),
      {},
    );
    expect(byKey(fields)).toMatchObject({
      "applicant.foundedOn": "2019-03-18",
      "applicant.address": "长沙市岳麓区麓谷街道文轩路27号麓谷钰园C3栋15层",
    });
  });

  it("does not split a value at a short label inside it", () => {
    const doc = linesDoc("business-license", ["名称 武汉类型科技有限公司", "住所 武汉市名称路1号"]);
    expect(byKey(businessLicense.extract(doc, {}))).toMatchObject({
      "applicant.name": "武汉类型科技有限公司",
      "applicant.address": "武汉市名称路1号",
    });
  });
});
