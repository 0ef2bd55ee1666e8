import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheKey, createJsonCache } from "../../src/ingest/cache.js";
import { IngestError } from "../../src/ingest/errors.js";
import { createOcrService, type OcrResult, type OcrService } from "../../src/ingest/ocr.js";
import { cer, fixture, groundTruth, textOf } from "./ocr-helpers.js";

const HAN_SPACE_HAN = /\p{Script=Han}\s+\p{Script=Han}/u;

let cacheDir: string;
let ocr: OcrService;
let clean: OcrResult;

beforeAll(async () => {
  cacheDir = mkdtempSync(path.join(os.tmpdir(), "shenbao-ocr-test-"));
  ocr = createOcrService({ cacheDir, concurrency: 2 });
  clean = await ocr.recognize({ image: fixture("license-clean.png") });
});

afterAll(async () => {
  await ocr?.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

describe("createOcrService", () => {
  it("reads the clean 300 dpi page with CER ≤ 3%", () => {
    expect(cer(textOf(clean.lines), groundTruth("license-clean.png"))).toBeLessThanOrEqual(0.03);
    expect(clean.info).toMatchObject({ rotation: 0, cached: false });
    expect(clean.info.engine).toMatch(/^tesseract\.js@7/);
    expect(clean.info.confidence).toBeGreaterThan(0.8);
    expect([clean.width, clean.height]).toEqual([2008, 1150]);
  });

  it("writes Chinese without spurious spaces and with fullwidth punctuation, keeps latin intact", () => {
    const text = textOf(clean.lines);
    for (const line of clean.lines) expect(line.text).not.toMatch(HAN_SPACE_HAN);
    expect(text).toContain("（自然人投资或控股）");
    // Latin and digits stay together without spaces; tesseract sometimes inserts one glyph (K→KT) in this
    // code, which the USCC extractor repairs against the check digits (see registration.test.ts).
    expect(text).toMatch(/91420100MA4K.?7Q2X42/);
    for (const line of clean.lines) {
      expect(line.source).toBe("ocr");
      expect(line.confidence).toBeGreaterThanOrEqual(0);
      expect(line.confidence).toBeLessThanOrEqual(1);
    }
  });

  it("gives line boxes in pixels of the upright image, top-left origin", () => {
    const title = clean.lines.find((l) => l.text.includes("营业执照"));
    const address = clean.lines.find((l) => l.text.includes("光谷大道"));
    // The generator draws the title at x=100 px, first baseline ~y=157 px; the address is the 9th line.
    expect(title?.box?.x).toBeGreaterThan(80);
    expect(title?.box?.x).toBeLessThan(130);
    expect(title?.box?.y).toBeLessThan(130);
    expect(address?.box?.y).toBeGreaterThan(800);
    expect(address?.box?.y).toBeLessThan(950);
  });

  it("serves a second recognition of the same bytes from the disk cache", async () => {
    const before = { ...ocr.stats };
    const again = await ocr.recognize({ image: fixture("license-clean.png") });
    expect(again.info.cached).toBe(true);
    expect(again.lines).toEqual(clean.lines);
    expect(again.info.ms).toBeLessThan(clean.info.ms / 5);
    expect(ocr.stats).toEqual({ pages: before.pages + 1, cached: before.cached + 1 });
    expect(readdirSync(cacheDir).length).toBeGreaterThan(0);
  });

  it("reads the degraded scan (2° skew, 170 dpi, noise, JPEG q40, seal) with CER ≤ 8%", async () => {
    const result = await ocr.recognize({ image: fixture("license-degraded.jpg") });
    expect(cer(textOf(result.lines), groundTruth("license-degraded.jpg"))).toBeLessThanOrEqual(0.08);
    expect(result.info.rotation).toBe(0);
  });

  it("detects pages turned 90° and 180° and reads them upright", async () => {
    const [turned90, turned180] = await Promise.all([
      ocr.recognize({ image: fixture("license-rot90.png") }),
      ocr.recognize({ image: fixture("license-rot180.png") }),
    ]);
    // license-rot90 was turned 90° clockwise, so reading it needs a further 270° clockwise.
    expect(turned90.info.rotation).toBe(270);
    expect(turned180.info.rotation).toBe(180);
    for (const result of [turned90, turned180]) {
      expect([result.width, result.height]).toEqual([2008, 1150]);
      expect(cer(textOf(result.lines), groundTruth("license-clean.png"))).toBeLessThanOrEqual(0.03);
      const title = result.lines.find((l) => l.text.includes("营业执照"));
      expect(title?.box?.x).toBeLessThan(130);
      expect(title?.box?.y).toBeLessThan(130);
    }
  });

  it("throws a typed ocr-failed error with Chinese reason and advice for bytes that are no image", async () => {
    const error = await ocr.recognize({ image: Buffer.from("这不是图片") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect(error).toMatchObject({ code: "ocr-failed" });
    expect((error as IngestError).reason).toMatch(/识别失败/);
    expect((error as IngestError).advice).toMatch(/重新提交/);
  });

  it("refuses images over its pixel limit as too-large", async () => {
    const small = createOcrService({ cacheDir: false, maxImagePixels: 1_000_000 });
    try {
      await expect(small.recognize({ image: fixture("license-clean.png") })).rejects.toMatchObject({ code: "too-large" });
    } finally {
      await small.close();
    }
  });
});

describe("JsonCache", () => {
  it("round-trips JSON by key, treats missing and damaged entries as misses, leaves no temp files", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "shenbao-cache-test-"));
    try {
      const cache = createJsonCache(dir);
      const key = cacheKey("engine", Buffer.from([1, 2, 3]));
      expect(await cache.get(key)).toBeUndefined();
      await Promise.all([cache.put(key, { a: 1 }), cache.put(key, { a: 1 })]);
      expect(await cache.get(key)).toEqual({ a: 1 });
      const shard = path.join(dir, key.slice(0, 2));
      expect(await readdir(shard)).toEqual([`${key}.json`]);
      writeFileSync(path.join(shard, `${key}.json`), "{broken");
      expect(await cache.get(key)).toBeUndefined();
      await expect(cache.get("../../etc/passwd")).rejects.toThrow(TypeError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keys differ when the parts are split differently", () => {
    expect(cacheKey("ab", "c")).not.toBe(cacheKey("a", "bc"));
    expect(cacheKey("x")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("abort", () => {
  it("drops a job aborted while it waits in the queue", async () => {
    const single = createOcrService({ cacheDir: false, concurrency: 1 });
    try {
      const topLines = await sharp(fixture("license-clean.png"))
        .extract({ left: 0, top: 0, width: 1100, height: 400 })
        .png()
        .toBuffer();
      const controller = new AbortController();
      const running = single.recognize({ image: topLines });
      const queued = single.recognize({ image: fixture("license-clean.png"), signal: controller.signal });
      controller.abort();
      await expect(queued).rejects.toMatchObject({ name: "AbortError" });
      expect(textOf((await running).lines)).toContain("统一社会信用代码");
      expect(single.stats.pages).toBe(1);
    } finally {
      await single.close();
    }
  });
});

/**
 * Preload for hosts without `unshare`: --import preloads do not run in worker threads, so the Worker
 * class is wrapped to run the same blocking code before the worker's own script.
 */
const NETWORK_BLOCKER = `
import workerThreads from "node:worker_threads";
const block = \`
  const no = () => { throw new Error("network blocked by test"); };
  require("node:net").Socket.prototype.connect = no;
  require("node:dns").lookup = no;
  require("node:dns").promises.lookup = no;
  globalThis.fetch = no;
\`;
new Function("require", block)((await import("node:module")).createRequire(import.meta.url));
const Original = workerThreads.Worker;
workerThreads.Worker = class extends Original {
  constructor(file, options = {}) {
    const target = file instanceof URL ? file.pathname : String(file);
    super(block + ";require(" + JSON.stringify(target) + ");", { ...options, eval: true });
  }
};
`;

describe("offline", () => {
  const repo = path.resolve(import.meta.dirname, "../..");

  function unshareWorks(): boolean {
    return spawnSync("unshare", ["-rn", "true"]).status === 0;
  }

  it("recognises with the network cut off (no CDN, no traineddata download)", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "shenbao-offline-"));
    try {
      const script = path.join(dir, "offline-ocr.mts");
      const blocker = path.join(dir, "block-network.mjs");
      writeFileSync(blocker, NETWORK_BLOCKER);
      writeFileSync(
        script,
        `import { createOcrService } from ${JSON.stringify(pathToFileURL(path.join(repo, "src/ingest/ocr.ts")).href)};
         import { readFileSync } from "node:fs";
         let networkBlocked = false;
         try { await fetch("http://registry.npmjs.org/"); } catch { networkBlocked = true; }
         const ocr = createOcrService({ cacheDir: false, concurrency: 1 });
         const r = await ocr.recognize({ image: readFileSync(${JSON.stringify(path.join(repo, "fixtures/ocr/license-clean.png"))}) });
         await ocr.close();
         console.log(JSON.stringify({ networkBlocked, text: r.lines.map((l) => l.text).join("\\n") }));`,
      );
      const nodeArgs = ["--import", "tsx", script];
      // Prefer a real network namespace without interfaces; fall back to a preload that makes sockets,
      // DNS and fetch throw, in the main thread and in every worker thread.
      const [cmd, args] = unshareWorks() && !process.env.SHENBAO_TEST_OFFLINE_PRELOAD
        ? ["unshare", ["-rn", process.execPath, ...nodeArgs]]
        : [process.execPath, ["--import", pathToFileURL(blocker).href, ...nodeArgs]];
      const out = execFileSync(cmd as string, args as string[], { cwd: repo, encoding: "utf8", timeout: 60_000 });
      const result = JSON.parse(out.trim().split("\n").pop()!) as { networkBlocked: boolean; text: string };
      expect(result.networkBlocked).toBe(true);
      expect(cer(result.text, groundTruth("license-clean.png"))).toBeLessThanOrEqual(0.03);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
