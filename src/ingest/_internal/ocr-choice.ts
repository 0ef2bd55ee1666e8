/**
 * Which OCR engine a new OCR service gets. Kept apart from ocr.ts (which loads tesseract.js, sharp …) so the CLI can
 * check `--ocr` before it imports the reading pipeline.
 *
 * The engines: `tesseract` (tesseract.js, chi_sim; the default for now) and `paddle` (PP-OCRv4 Chinese models on
 * onnxruntime-node, ./ocr-paddle.ts). Chosen per service (OcrServiceOptions.engine), else by `setDefaultOcrEngine`
 * (the CLI's `--ocr`), else by the environment variable SHENBAO_OCR_ENGINE.
 */
export const OCR_ENGINES = ["tesseract", "paddle"] as const;
export type OcrEngineName = (typeof OCR_ENGINES)[number];

let defaultEngine: OcrEngineName | undefined;

export function isOcrEngineName(name: string): name is OcrEngineName {
  return (OCR_ENGINES as readonly string[]).includes(name);
}

/** The engine of services created without `engine` from now on (the CLI's `--ocr`). */
export function setDefaultOcrEngine(name: OcrEngineName): void {
  defaultEngine = name;
}

/** The engine a service gets: the given one, else the default set here, else SHENBAO_OCR_ENGINE, else tesseract. */
export function resolveOcrEngine(name?: string): OcrEngineName {
  const chosen = name ?? defaultEngine ?? (process.env.SHENBAO_OCR_ENGINE?.trim() || "tesseract");
  if (!isOcrEngineName(chosen))
    throw new TypeError(
      `未知的文字识别引擎：${chosen}（可选：${OCR_ENGINES.join("、")}；见 SHENBAO_OCR_ENGINE 或 --ocr）`,
    );
  return chosen;
}
