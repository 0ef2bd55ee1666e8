/**
 * Offline and private by construction: the PP-OCR engine runs in a child process with HOME, TMPDIR and the working
 * directory in a fresh temporary folder (and, where `unshare -rn` works, without any network), and nothing may be
 * written anywhere there but the cache folder it was given. onnxruntime-node's Linux build writes a device id and a
 * telemetry queue under ~/.cache/Microsoft unless ORT_DISABLE_TELEMETRY=1 is set before it loads: the engine sets it.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const root = mkdtempSync(path.join(os.tmpdir(), "shenbao-paddle-privacy-"));

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every file and folder under `dir`, relative to it. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) =>
    path.relative(dir, path.join(e.parentPath, e.name)),
  );
}

function canUnshareNet(): boolean {
  return spawnSync("unshare", ["-rn", "true"]).status === 0;
}

describe("PP-OCR engine privacy", () => {
  it("writes nothing outside its cache folder (no ~/.cache/Microsoft telemetry), offline", () => {
    const home = path.join(root, "home");
    const tmp = path.join(root, "tmp");
    const cwd = path.join(root, "cwd");
    const cache = path.join(root, "cache");
    for (const d of [home, tmp, cwd]) mkdirSync(d);
    const script = path.join(root, "run.mjs");
    writeFileSync(
      script,
      `import { readFileSync } from "node:fs";
const { createOcrService } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, "src/ingest/ocr.ts")).href)});
const ocr = createOcrService({ engine: "paddle", cacheDir: ${JSON.stringify(cache)}, concurrency: 1 });
const r = await ocr.recognize({ image: readFileSync(${JSON.stringify(path.join(ROOT, "fixtures/ocr/license-clean.png"))}) });
await ocr.close();
process.stdout.write(JSON.stringify({ engine: r.info.engine, text: r.lines.map((l) => l.text).join("") }));
`,
    );
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      TMPDIR: tmp,
      // tsx's own transform cache would otherwise land in TMPDIR; it is not the program's doing.
      TSX_DISABLE_CACHE: "1",
    };
    // By absolute URL: resolved from the temporary working directory, "tsx" would not be found.
    const tsx = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
    const node = [process.execPath, "--import", tsx, script];
    const offline = canUnshareNet();
    const r = spawnSync(offline ? "unshare" : node[0]!, offline ? ["-rn", ...node] : node.slice(1), {
      cwd,
      env,
      encoding: "utf8",
      timeout: 150_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { engine: string; text: string };
    expect(out.engine).toMatch(/^pp-ocrv4@/);
    expect(out.text).toContain("武汉云帆智算科技有限公司");
    expect(tree(home)).toEqual([]);
    expect(tree(tmp)).toEqual([]);
    expect(tree(cwd)).toEqual([]);
    expect(tree(cache).some((f) => f.endsWith(".json"))).toBe(true);
    expect(readdirSync(root).sort()).toEqual(["cache", "cwd", "home", "run.mjs", "tmp"]);
  }, 180_000);
});
