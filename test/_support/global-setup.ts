/**
 * One OCR/file cache for the whole test run: the fixture packages are OCR'd once, not once per test
 * file. Tests that measure cold OCR or the cache itself make their own directories.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    cacheDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "shenbao-test-cache-"));
  project.provide("cacheDir", dir);
  return () => rm(dir, { recursive: true, force: true });
}
