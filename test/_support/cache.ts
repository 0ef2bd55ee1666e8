import { inject } from "vitest";
import "./global-setup.js";

/**
 * The run-wide cache directory (see global-setup.ts); undefined outside a vitest run (e.g. a measuring
 * script run with tsx), where ingest's default cache is used.
 */
export function sharedCacheDir(): string | undefined {
  try {
    return inject("cacheDir");
  } catch {
    return undefined;
  }
}
