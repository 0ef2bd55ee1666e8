/** Builds a planted (or clean-variant) package on disk and runs the real pipeline on it. */
import path from "node:path";
import type { OcrService } from "../../../src/ingest/ocr.js";
import { runCheck } from "../../../src/pipeline.js";
import type { Report } from "../../../src/report/schema.js";
import { loadPackage, writePackage } from "./files.js";
import type { CleanVariant, Plant } from "./plants.js";

export interface RunOptions {
  /** Where the packages are written, one folder per plant id. */
  workDir: string;
  cacheDir: string | undefined;
  ocr: OcrService;
}

export interface Checked {
  report: Report;
  ms: number;
}

export async function checkDir(dir: string, options: Pick<RunOptions, "cacheDir" | "ocr">): Promise<Checked> {
  const started = performance.now();
  const report = await runCheck([dir], {
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    ocr: options.ocr,
  });
  return { report, ms: Math.round(performance.now() - started) };
}

/** Plant and variant ids contain 「~」; folders get a file-system friendly name. */
export function folderOf(id: string): string {
  return id.replace(/[^\w.-]+/g, "_");
}

export async function buildPlant(plant: Plant, workDir: string): Promise<string> {
  const files = await plant.mutate(await loadPackage(plant.base));
  const dir = path.join(workDir, folderOf(plant.id));
  await writePackage(dir, files);
  return dir;
}

export async function buildVariant(variant: CleanVariant, workDir: string): Promise<string> {
  const files = await variant.build(await loadPackage(variant.base));
  const dir = path.join(workDir, folderOf(variant.id));
  await writePackage(dir, files);
  return dir;
}
