/**
 * The self-check page in a real browser: Debian's chromium driven by playwright-core, headless, able to reach
 * nothing but the test server on 127.0.0.1. An applicant's steps: choose files (loose, or a zip), start, wait
 * for the report, read the verdict and findings, download the reports; and an oversized file is refused with
 * the Chinese limit message, before uploading and again by the server.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReportSchema } from "../../src/report/schema.js";
import { loadFixture } from "../checks/_support.js";
import { entries, FILES_A, startTestServer, zipOf, type TestServer } from "./_support.js";

/** Text of an element once it is there (the report frame may still be loading). */
const text = async (locator: Locator) => (await locator.textContent())?.trim();

const CHROMIUM = process.env.SHENBAO_CHROMIUM ?? "/usr/bin/chromium";
const MB = 1024 * 1024;

let srv: TestServer;
let browser: Browser;
let context: BrowserContext;
let scratch: string;
/** Requests the page tried to send anywhere but the test server. */
const outside: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser test needs Chromium at ${CHROMIUM} (Debian: apt-get install chromium fonts-noto-cjk; .ci/run installs it).`,
    );
  }
  await loadFixture("wuhan-vertical-a"); // warms the run-wide OCR cache
  srv = await startTestServer({ maxFileBytes: 2 * MB });
  scratch = await mkdtemp(path.join(os.tmpdir(), "shenbao-browser-"));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 768 } });
  const origin = new URL(srv.url).origin;
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    outside.push(url);
    return route.abort();
  });
});

afterAll(async () => {
  await browser?.close();
  await srv?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function checkThroughPage(files: string[]): Promise<Page> {
  const page = await context.newPage();
  await page.goto(srv.url);
  expect(await text(page.locator("h1"))).toBe("申报材料自助预审");
  expect(await page.locator("#start").isDisabled()).toBe(true);
  await page.locator("#files").setInputFiles(files);
  expect(await page.locator("#list li").count()).toBe(files.length);
  await page.locator("#start").click();
  await page.locator("#result").waitFor({ state: "visible", timeout: 110_000 });
  return page;
}

describe("the self-check page in Chromium", () => {
  it("checks the files of a package and shows the report with its verdict, findings and downloads", async () => {
    const page = await checkThroughPage(FILES_A);
    const report = page.frameLocator("#report");
    expect(await text(report.locator("h1"))).toBe("申报材料预审报告：武汉市垂直行业模型项目申报书等3个文件");
    expect(await text(report.locator(".verdict b"))).toBe("需补正");
    expect(await text(report.locator("ul.meta"))).toContain("武汉市垂直行业模型征集入库和评选补助");
    const warnings = report.locator("section.findings-warning");
    expect(await text(warnings)).toContain("缺少「国家网信办模型（算法）备案、省委网信办登记证明」");
    expect(await text(warnings)).toContain("缺少「体现模型技术水平、开发进展和应用情况及成效的证明材料」");
    expect(await text(report.locator("section.keys"))).toContain("武汉云帆智算科技有限公司");
    expect(await text(report.locator("section.files"))).toContain("营业执照.jpg");

    // The JSON download is the same report: it validates, and its counts are those on the page.
    const jsonHref = await page.locator("#dl-json").getAttribute("href");
    const json = ReportSchema.parse(await (await fetch(new URL(jsonHref!, srv.url))).json());
    expect(json.summary.verdict).toBe("fix");
    const { errors, warnings: w, infos } = json.summary;
    expect(await text(report.locator(".counts"))).toBe(`错误 ${errors}警告 ${w}提示 ${infos}`);

    const md = await page.locator("#dl-md").getAttribute("href");
    expect(await (await fetch(new URL(md!, srv.url))).text()).toContain("**结论：需补正**");

    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#dl-xlsx").click()]);
    expect(download.suggestedFilename()).toBe("武汉市垂直行业模型项目申报书等3个文件-汇总表.xlsx");
    const xlsx = await readFile((await download.path())!);
    expect(xlsx.subarray(0, 2).toString("latin1")).toBe("PK");

    // Nothing of the job is left on disk once the report is shown.
    expect(await entries(srv.workDir)).toEqual([]);
    await page.screenshot({ path: path.join(scratch, "report.png") }); // renders without error
    await page.close();
  });

  it("checks a zip and offers to check another package", async () => {
    const zip = path.join(scratch, "云帆申报材料.zip");
    await writeFile(zip, await zipOf(FILES_A));
    const page = await checkThroughPage([zip]);
    const report = page.frameLocator("#report");
    expect(await text(report.locator("h1"))).toBe("申报材料预审报告：云帆申报材料");
    expect(await text(report.locator(".verdict b"))).toBe("需补正");
    expect(await text(report.locator("section.files"))).toContain("云帆申报材料.zip/营业执照.jpg");
    expect(await entries(srv.workDir)).toEqual([]);

    await page.locator("#again").click();
    expect(await page.locator("#upload").isVisible()).toBe(true);
    expect(await page.locator("#list li").count()).toBe(0);
    await page.close();
  });

  it("refuses an oversized file with the Chinese limit message, in the page and from the server", async () => {
    const page = await context.newPage();
    await page.goto(srv.url);
    const big = { name: "超大扫描件.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(3 * MB, 0x20) };
    await page.locator("#files").setInputFiles([FILES_A[2]!]);
    await page.locator("#files").setInputFiles([big]);
    const message = "文件「超大扫描件.pdf」超过单个文件 2 MB 的上限。请压缩（如降低扫描分辨率）或拆分后重新上传。";
    expect(await text(page.locator("#upload-error"))).toBe(message);
    expect(await page.locator("#start").isDisabled()).toBe(true);

    // Were the page's own check bypassed, the server refuses the same way and the page shows its answer.
    await page.evaluate("CONFIG.maxFileBytes = 1e12; renderList();");
    expect(await page.locator("#start").isEnabled()).toBe(true);
    await page.locator("#start").click();
    await page.locator("#upload-error").waitFor({ state: "visible" });
    expect(await text(page.locator("#upload-error"))).toBe(message);
    expect(await entries(srv.workDir)).toEqual([]);
    await page.close();
  });

  it("adds dropped files to the list, skipping system litter and duplicates", async () => {
    const page = await context.newPage();
    await page.goto(srv.url);
    // A string: the test is compiled without the DOM library.
    const dropped = await page.evaluateHandle(`(() => {
      const dt = new DataTransfer();
      for (const name of ["营业执照.jpg", ".DS_Store", "Thumbs.db"]) dt.items.add(new File(["x"], name));
      return dt;
    })()`);
    await page.dispatchEvent("#drop", "drop", { dataTransfer: dropped });
    await page.dispatchEvent("#drop", "drop", { dataTransfer: dropped });
    await page.locator("#list li").first().waitFor();
    expect(await page.locator("#list li .name").allTextContents()).toEqual(["营业执照.jpg"]);
    expect(await page.locator("#start").isEnabled()).toBe(true);
    await page.close();
  });

  it("never reached anything but the local server", () => {
    expect(outside).toEqual([]);
  });
});
