import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { Document as DocxDocument, HeadingLevel, Packer, Paragraph } from "docx";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyPages, splitDocuments } from "../../src/extract/classify.js";
import { ingest } from "../../src/ingest/ingest.js";
import type { Package } from "../../src/model.js";
import { classificationAccuracy, ofFile, type ExpectedPackage } from "../../bench/_internal/classification-accuracy.js";
import { sharedCacheDir } from "../_support/cache.js";

const fixtures = path.resolve(import.meta.dirname, "../../fixtures");

const expectedPackages: ExpectedPackage[] = await Promise.all(
  (await readdir(path.join(fixtures, "expected")))
    .filter((f) => f.endsWith(".json"))
    .map(async (f) => JSON.parse(await readFile(path.join(fixtures, "expected", f), "utf8")) as ExpectedPackage),
);

const packages = new Map<string, Package>();
beforeAll(async () => {
  for (const e of expectedPackages)
    packages.set(e.package, await ingest([path.join(fixtures, "packages", e.package)], { cacheDir: sharedCacheDir() }));
});

describe("classification of the sample packages (fixtures/expected)", () => {
  it("has sample packages to measure", () => {
    expect(expectedPackages.map((e) => e.package)).toContain("hunan-ai-model-b");
  });

  it(`page-classification accuracy over all packages is at least 98%`, () => {
    let right = 0;
    let total = 0;
    const wrong: string[] = [];
    for (const e of expectedPackages) {
      const r = classificationAccuracy(e, splitDocuments(packages.get(e.package)!));
      right += r.right;
      total += r.total;
      wrong.push(...r.wrong.map((w) => `${e.package}/${w}`));
    }
    console.log(
      `page classification: ${right}/${total} = ${((100 * right) / total).toFixed(1)}%${wrong.length ? `\n  ${wrong.join("\n  ")}` : ""}`,
    );
    expect(total).toBeGreaterThan(20);
    expect(right / total).toBeGreaterThanOrEqual(0.98);
  });

  it.each(
    expectedPackages.flatMap((e) =>
      e.files.filter((f) => f.pageCount !== null).map((f) => [e.package, f.path, f] as const),
    ),
  )("%s/%s splits into the expected documents, in order, with their page spans", (pkgName, _path, file) => {
    const docs = ofFile(splitDocuments(packages.get(pkgName)!), file);
    expect(docs.map((d) => ({ type: d.type, pages: d.pages }))).toEqual(file.documents);
  });

  it.each(
    expectedPackages.flatMap((e) =>
      e.files.filter((f) => f.pageCount === null).map((f) => [e.package, f.path, f] as const),
    ),
  )("%s/%s (Word) holds the expected document types", (pkgName, _path, file) => {
    const types = ofFile(splitDocuments(packages.get(pkgName)!), file).map((d) => d.type);
    expect(new Set(types)).toEqual(new Set(file.documents.map((d) => d.type)));
  });

  it("gives every page of every file a classification and every read file a document", () => {
    for (const pkg of packages.values()) {
      const classes = classifyPages(pkg);
      expect(classes).toHaveLength(pkg.files.reduce((n, f) => n + f.pages.length, 0));
      const docs = splitDocuments(pkg, classes);
      for (const f of pkg.files.filter((x) => x.pages.length > 0))
        expect(docs.some((d) => d.file === f.path)).toBe(true);
      expect(docs.map((d) => d.id)).toEqual(docs.map((_, i) => `d${i + 1}`));
      for (const d of docs) expect(d.confidence).toBeGreaterThan(0);
    }
  });

  it("explains a continuation page and a title page", () => {
    const pkg = packages.get("hunan-ai-model-b")!;
    const classes = classifyPages(pkg);
    const audit = classes.filter((c) => c.type === "audit-report");
    expect(audit[0]?.start?.title).toBe("审计报告");
    expect(audit[0]?.reasons).toEqual(expect.arrayContaining(["title:审计报告", "phrase:审计意见"]));
    expect(audit.slice(1).every((c) => c.start === undefined && c.reasons[0] === "continues:审计报告")).toBe(true);
    expect(
      audit.slice(1).map((c) => c.reasons.some((r) => r.startsWith("phrase:") || r.startsWith("continues:"))),
    ).not.toContain(false);
  });
});

describe("content decides, the file name only adds confidence", () => {
  let dir: string;
  let pkg: Package;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "shenbao-classify-"));
    await copyFile(
      path.join(fixtures, "packages/wuhan-vertical-c/承诺书（盖章扫描件）.pdf"),
      path.join(dir, "营业执照.pdf"),
    );
    await copyFile(path.join(fixtures, "packages/wuhan-vertical-a/营业执照.jpg"), path.join(dir, "营业执照.jpg"));
    await copyFile(path.join(fixtures, "packages/wuhan-vertical-a/营业执照.jpg"), path.join(dir, "扫描件1.jpg"));
    await copyFile(path.join(fixtures, "packages/wuhan-vertical-a/营业执照.jpg"), path.join(dir, "承诺书.jpg"));
    pkg = await ingest([dir], { cacheDir: sharedCacheDir() });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const docOf = (name: string) => splitDocuments(pkg).find((d) => d.file.endsWith(name))!;

  it("a pledge saved as 营业执照.pdf is a pledge", () => {
    expect(docOf("营业执照.pdf").type).toBe("pledge");
  });

  it("a licence saved as 承诺书.jpg is a licence", () => {
    expect(docOf("承诺书.jpg").type).toBe("business-license");
  });

  it("a matching file name raises confidence", () => {
    expect(docOf("营业执照.jpg").type).toBe("business-license");
    expect(docOf("营业执照.jpg").confidence).toBeGreaterThan(docOf("扫描件1.jpg").confidence);
    expect(classifyPages(pkg).find((c) => c.file.endsWith("营业执照.jpg"))?.reasons).toContain("file:营业执照");
  });
});

describe("a Word file that runs several documents on without page breaks", () => {
  let dir: string;
  let pkg: Package;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "shenbao-classify-docx-"));
    const h = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_1 });
    const t = (text: string) => new Paragraph({ text });
    const children = [
      h("武汉市垂直行业模型项目申报书"),
      t("申报单位：武汉某某智能科技有限公司"),
      t("模型名称：某某工业质检大模型"),
      t("一、单位基本情况"),
      t("本单位成立于2019年，主要从事人工智能软件开发。"),
      h("承诺书"),
      t("本单位郑重承诺：所提交的申报材料真实、准确、完整，如有虚假，愿承担相应法律责任。"),
      t("特此承诺。"),
      t("法定代表人（签名）："),
      h("营业执照（副本）复印件"),
      t("统一社会信用代码 91420100MA4K00010R"),
      t("经营范围 人工智能应用软件开发；信息系统集成服务"),
      t("营业期限 2019年05月08日至长期"),
      t("登记机关 武汉东湖新技术开发区市场监督管理局"),
    ];
    const docx = await Packer.toBuffer(new DocxDocument({ sections: [{ children }] }));
    await writeFile(path.join(dir, "申报材料.docx"), docx);
    pkg = await ingest([dir], { cacheDir: sharedCacheDir() });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("gives one document per title, all on page 1, in order", () => {
    expect(pkg.files[0]?.pages).toHaveLength(1);
    const docs = splitDocuments(pkg);
    expect(docs.map((d) => [d.type, d.title, d.pages])).toEqual([
      ["application-form", "武汉市垂直行业模型项目申报书", [1, 1]],
      ["pledge", "承诺书", [1, 1]],
      ["business-license", "营业执照（副本）复印件", [1, 1]],
    ]);
    const [page] = classifyPages(pkg);
    expect(page?.laterStarts.map((s) => s.line)).toEqual([5, 9]);
  });
});
