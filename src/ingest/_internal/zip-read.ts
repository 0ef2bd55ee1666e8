/**
 * In-memory zip reading on top of yauzl, shared by the .docx reader and the .zip package reader. It decides
 * nothing about names: callers get the raw name bytes plus the UTF-8 flag and apply their own decoding
 * (GBK for Windows-made archives) and path policy. The archive stays in memory, so nothing needs closing.
 */
import yauzl from "yauzl";

const UTF8_FLAG = 1 << 11;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** An entry's data would exceed the byte limit the caller allows. */
export class ZipEntryTooLargeError extends Error {
  override readonly name = "ZipEntryTooLargeError";
  constructor(
    readonly limit: number,
    readonly declaredSize: number,
  ) {
    super(`zip entry exceeds ${limit} bytes (declared ${declaredSize})`);
  }
}

/** The archive has more entries than the caller allows. */
export class ZipTooManyEntriesError extends Error {
  override readonly name = "ZipTooManyEntriesError";
  constructor(readonly limit: number) {
    super(`zip has more than ${limit} entries`);
  }
}

export interface ZipEntry {
  /** Name exactly as stored (no decoding, no validation). */
  nameBytes: Buffer;
  /** General purpose bit 11: the name is UTF-8. Without it the encoding is unknown (CP437 by the spec, GBK in practice). */
  utf8: boolean;
  /** Declared sizes from the central directory; they can lie, `read` enforces the real limit. */
  compressedSize: number;
  uncompressedSize: number;
  /** 0 stored, 8 deflate; others cannot be read. */
  compressionMethod: number;
  externalFileAttributes: number;
  /** Unix mode from the high 16 bits of the external attributes (0 when made elsewhere). */
  unixMode: number;
  isDirectory: boolean;
  isSymlink: boolean;
  encrypted: boolean;
  /** Streams and returns the uncompressed data; rejects with ZipEntryTooLargeError past `maxBytes`. */
  read(maxBytes: number): Promise<Buffer>;
}

export interface ZipReadOptions {
  /** Stop and throw ZipTooManyEntriesError past this many entries. */
  maxEntries?: number;
}

/** Reads the central directory of `buf`. Rejects (yauzl's error) when it is not a readable zip. */
export async function readZip(buf: Buffer, options: ZipReadOptions = {}): Promise<ZipEntry[]> {
  const zip = await yauzl.fromBufferPromise(buf, {
    lazyEntries: true,
    decodeStrings: false,
    autoClose: false,
    validateEntrySizes: true,
  });
  const maxEntries = options.maxEntries ?? Number.POSITIVE_INFINITY;
  if (zip.entryCount > maxEntries) throw new ZipTooManyEntriesError(maxEntries);
  const entries: ZipEntry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("error", reject);
    zip.on("end", () => resolve());
    zip.on("entry", (raw: yauzl.Entry) => {
      if (entries.length >= maxEntries) {
        reject(new ZipTooManyEntriesError(maxEntries));
        return;
      }
      entries.push(toEntry(zip, raw));
      zip.readEntry();
    });
    zip.readEntry();
  });
  return entries;
}

function toEntry(zip: yauzl.ZipFile, raw: yauzl.Entry): ZipEntry {
  // With decodeStrings: false yauzl hands over the raw bytes in `fileName`.
  const nameBytes = Buffer.from(raw.fileName as unknown as Buffer);
  const madeOnUnix = raw.versionMadeBy >> 8 === 3;
  const unixMode = madeOnUnix ? (raw.externalFileAttributes >>> 16) & 0xffff : 0;
  const last = nameBytes[nameBytes.length - 1];
  return {
    nameBytes,
    utf8: (raw.generalPurposeBitFlag & UTF8_FLAG) !== 0,
    compressedSize: raw.compressedSize,
    uncompressedSize: raw.uncompressedSize,
    compressionMethod: raw.compressionMethod,
    externalFileAttributes: raw.externalFileAttributes,
    unixMode,
    isDirectory: last === 0x2f || last === 0x5c,
    isSymlink: (unixMode & S_IFMT) === S_IFLNK,
    encrypted: raw.isEncrypted(),
    read: (maxBytes) => readEntry(zip, raw, maxBytes),
  };
}

async function readEntry(zip: yauzl.ZipFile, raw: yauzl.Entry, maxBytes: number): Promise<Buffer> {
  if (raw.uncompressedSize > maxBytes) throw new ZipEntryTooLargeError(maxBytes, raw.uncompressedSize);
  const stream = await zip.openReadStreamPromise(raw);
  const chunks: Buffer[] = [];
  let total = 0;
  return new Promise<Buffer>((resolve, reject) => {
    stream.on("data", (chunk: Buffer) => {
      total += chunk.length;
      // Declared sizes are attacker-controlled; count what actually comes out of inflate.
      if (total > maxBytes) {
        stream.destroy();
        reject(new ZipEntryTooLargeError(maxBytes, raw.uncompressedSize));
        return;
      }
      chunks.push(chunk);
    });
    stream.on("error", reject);
    stream.on("end", () => resolve(Buffer.concat(chunks, total)));
  });
}
