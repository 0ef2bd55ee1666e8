/**
 * A small content-addressed JSON cache on disk, shared by the expensive stages (OCR now, LLM later).
 * Entries live in `<dir>/<key[0..2]>/<key>.json`, with `<dir>` usually `defaultCacheDir(namespace)`; writes are atomic (temp file + rename), so
 * concurrent writers of the same key are harmless and a crash never leaves a half-written entry.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export interface JsonCache {
  /** The directory holding this namespace's entries. */
  readonly dir: string;
  get<T>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
}

/** `$XDG_CACHE_HOME/shenbao/<namespace>`, by default `~/.cache/shenbao/<namespace>` (e.g. "ocr", "llm"). */
export function defaultCacheDir(namespace: string): string {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(namespace)) throw new TypeError(`invalid cache namespace: ${namespace}`);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "shenbao", namespace);
}

/** sha256 hex of the given parts, each length-prefixed so that ("ab","c") and ("a","bc") differ. */
export function cacheKey(...parts: (string | Buffer | Uint8Array)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) {
    const bytes = typeof part === "string" ? Buffer.from(part, "utf8") : part;
    hash.update(`${bytes.length}:`);
    hash.update(bytes);
  }
  return hash.digest("hex");
}

export function createJsonCache(dir: string): JsonCache {
  const fileOf = (key: string) => {
    if (!/^[a-z0-9_-]{8,128}$/i.test(key)) throw new TypeError(`invalid cache key: ${key}`);
    return path.join(dir, key.slice(0, 2), `${key}.json`);
  };

  return {
    dir,
    async get<T>(key: string): Promise<T | undefined> {
      let text: string;
      try {
        text = await readFile(fileOf(key), "utf8");
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw e;
      }
      try {
        return JSON.parse(text) as T;
      } catch {
        // A damaged entry is a miss; the next put overwrites it.
        return undefined;
      }
    },
    async put(key: string, value: unknown): Promise<void> {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
      try {
        await writeFile(tmp, JSON.stringify(value));
        await rename(tmp, file);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
    },
  };
}
