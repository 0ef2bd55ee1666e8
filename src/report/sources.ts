/**
 * The bytes behind a report's file paths, for writers that show the pages themselves (thumbnails). A report
 * only knows display paths (`<input name>/dir/file.pdf`, `<input>.zip/dir/file.pdf`, one nested zip deep);
 * this resolves them against the inputs the check was run on, the same way ingest's collect named them.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { expandArchive } from "../ingest/archive.js";
import { DEFAULT_LIMITS } from "../ingest/context.js";

export interface PackageSources {
  /** The file's bytes, or null when it cannot be found or read (never throws). */
  read(displayPath: string): Promise<Buffer | null>;
}

/**
 * Sources for the inputs given to runCheck / ingest. Archives are expanded when a member is first asked for
 * and kept (only while this object lives): a report's thumbnails usually come from a few files of one zip.
 */
export function sourcesFromPaths(inputs: readonly string[]): PackageSources {
  const roots = inputs.map((input) => ({ abs: path.resolve(input), name: path.basename(path.resolve(input)) }));
  const archives = new Map<string, Promise<Map<string, Buffer>>>();

  const expand = (archivePath: string, bytes: Buffer) => {
    let members = archives.get(archivePath);
    if (!members) {
      members = expandArchive(bytes, archivePath, DEFAULT_LIMITS).then(
        (out) => new Map(out.members.map((m) => [m.path, m.bytes])),
        () => new Map<string, Buffer>(),
      );
      archives.set(archivePath, members);
    }
    return members;
  };

  /** A member of an archive (or of a zip inside it) by its full display path. */
  const fromArchive = async (archivePath: string, bytes: Buffer, wanted: string, depth: number) => {
    const members = await expand(archivePath, bytes);
    const hit = members.get(wanted);
    if (hit) return hit;
    if (depth > 0) return null;
    for (const [inner, innerBytes] of members) {
      if (wanted.startsWith(`${inner}/`)) return fromArchive(inner, innerBytes, wanted, depth + 1);
    }
    return null;
  };

  const isFile = async (p: string) => (await stat(p).catch(() => null))?.isFile() ?? false;

  return {
    async read(displayPath) {
      const parts = displayPath.split("/");
      if (parts.some((p) => p === "" || p === "." || p === "..")) return null;
      try {
        for (const root of roots) {
          if (parts[0] !== root.name) continue;
          // The longest prefix that is a file on disk: the file itself, or the archive holding it.
          for (let n = parts.length; n >= 1; n--) {
            const disk = n === 1 ? root.abs : path.join(root.abs, ...parts.slice(1, n));
            if (!(await isFile(disk))) continue;
            const bytes = await readFile(disk);
            if (n === parts.length) return bytes;
            return await fromArchive(parts.slice(0, n).join("/"), bytes, displayPath, 0);
          }
        }
      } catch {
        return null;
      }
      return null;
    },
  };
}

/** Sources held in memory, keyed by display path (e.g. a web upload). */
export function sourcesFromMap(files: ReadonlyMap<string, Buffer>): PackageSources {
  return { read: async (displayPath) => files.get(displayPath) ?? null };
}
