/** Runs one ingest in its own process so the parent can read its wall time and peak RSS. */
import { ingest } from "../../src/ingest/ingest.js";

const [cacheDir, ...inputs] = process.argv.slice(2);
const started = performance.now();
const pkg = await ingest(inputs, { cacheDir: cacheDir === "none" ? false : cacheDir });
const pages = pkg.files.reduce((n, f) => n + f.pages.length, 0);
process.stdout.write(
  JSON.stringify({
    ms: performance.now() - started,
    pages,
    ocrPages: pkg.stats.ocr_pages,
    ocrCached: pkg.stats.ocr_cached,
    findings: pkg.findings.length,
  }) + "\n",
);
