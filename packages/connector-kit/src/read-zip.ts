import { crc32, inflateRawSync } from 'node:zlib';

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_EXTRA = 0x0001;
const U32_MAX = 0xffffffff;
const STORED = 0;
const DEFLATED = 8;
/** Largest single inflate output buffer allocated up front (bigger parts are concatenated). */
const MAX_CHUNK = 256 << 20;
const MIN_CHUNK = 64;
/**
 * How far one entry may inflate: 100 times its compressed size (real worksheets compress about
 * 5–20 times), at least 16 MiB and never past 1 GiB. A "ZIP bomb" (1 MB declaring 1 GB) is
 * refused before anything is inflated, so an upload cannot exhaust memory or stall the server.
 */
export const zipLimits = { ratio: 100, floor: 16 << 20, ceiling: 1 << 30 } as const;

interface ZipEntryHeader {
  readonly method: number;
  readonly encrypted: boolean;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

/** Bytes of one entry, or why it could not be read (no content in `expected`). */
export type ZipEntryResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly expected: string };

/** A ZIP archive opened over its bytes: entries are inflated only when read. */
export interface ZipArchive {
  /** True when the archive holds `name` (compared case-insensitively, as OPC part names are). */
  has(name: string): boolean;
  read(name: string): ZipEntryResult;
}

/** An archive, or why the bytes are not one. */
export type ReadZipResult =
  | { readonly ok: true; readonly archive: ZipArchive }
  | { readonly ok: false; readonly expected: string };

const damaged = {
  ok: false,
  expected: 'expected a readable XLSX workbook (the file is damaged)',
} as const;

function findEndOfCentralDirectory(view: DataView): number {
  // The EOCD record is 22 bytes plus an optional comment of up to 65,535 bytes.
  const last = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= last; at--) {
    if (view.getUint32(at, true) === EOCD) return at;
  }
  return -1;
}

/** Entry count, directory offset and size, from the ZIP64 record when the classic one overflows. */
function directoryOf(view: DataView, eocd: number): [number, number, number] | undefined {
  const entries = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (entries !== 0xffff && size !== U32_MAX && offset !== U32_MAX) return [entries, offset, size];
  const locator = eocd - 20;
  if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR) return undefined;
  const record = Number(view.getBigUint64(locator + 8, true));
  if (record + 56 > view.byteLength || view.getUint32(record, true) !== ZIP64_EOCD) {
    return undefined;
  }
  return [
    Number(view.getBigUint64(record + 32, true)),
    Number(view.getBigUint64(record + 48, true)),
    Number(view.getBigUint64(record + 40, true)),
  ];
}

/** Replaces 0xFFFFFFFF sizes and offset with their values from the ZIP64 extra field. */
function withZip64(view: DataView, at: number, end: number, header: ZipEntryHeader) {
  let { size, compressedSize, localOffset } = header;
  while (at + 4 <= end) {
    const id = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    let field = at + 4;
    if (id === ZIP64_EXTRA) {
      const take = (): number => {
        if (field + 8 > at + 4 + length) return -1;
        const value = Number(view.getBigUint64(field, true));
        field += 8;
        return value;
      };
      if (size === U32_MAX) size = take();
      if (compressedSize === U32_MAX) compressedSize = take();
      if (localOffset === U32_MAX) localOffset = take();
    }
    at += 4 + length;
  }
  return { ...header, size, compressedSize, localOffset };
}

function readDirectory(view: DataView): Map<string, ZipEntryHeader> | undefined {
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0) return undefined;
  const directory = directoryOf(view, eocd);
  if (!directory) return undefined;
  const [count, offset, size] = directory;
  if (offset + size > view.byteLength) return undefined;
  const names = new TextDecoder('utf-8');
  const entries = new Map<string, ZipEntryHeader>();
  let at = offset;
  for (let e = 0; e < count; e++) {
    if (at + 46 > view.byteLength || view.getUint32(at, true) !== CENTRAL) return undefined;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const next = at + 46 + nameLength + extraLength + view.getUint16(at + 32, true);
    if (next > view.byteLength) return undefined;
    const nameBytes = new Uint8Array(view.buffer, view.byteOffset + at + 46, nameLength);
    const header = withZip64(view, at + 46 + nameLength, at + 46 + nameLength + extraLength, {
      method: view.getUint16(at + 10, true),
      encrypted: (view.getUint16(at + 8, true) & 1) !== 0,
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    });
    entries.set(names.decode(nameBytes).toLowerCase(), header);
    at = next;
  }
  return entries;
}

function readEntry(view: DataView, bytes: Uint8Array, entry: ZipEntryHeader): ZipEntryResult {
  const local = entry.localOffset;
  if (local < 0 || local + 30 > view.byteLength || view.getUint32(local, true) !== LOCAL) {
    return damaged;
  }
  if (entry.encrypted) return { ok: false, expected: 'expected an unencrypted XLSX workbook' };
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const end = start + entry.compressedSize;
  if (entry.compressedSize < 0 || entry.size < 0 || end > bytes.length) return damaged;
  const data = bytes.subarray(start, end);
  const allowed = Math.min(
    zipLimits.ceiling,
    Math.max(zipLimits.floor, entry.compressedSize * zipLimits.ratio),
  );
  if (entry.size > allowed) {
    return {
      ok: false,
      expected: `expected a workbook part that inflates at most ${zipLimits.ratio} times (and to at most 1 GiB)`,
    };
  }
  let out: Uint8Array;
  if (entry.method === STORED) {
    out = data;
  } else if (entry.method === DEFLATED) {
    if (entry.size === 0) {
      out = new Uint8Array(0);
    } else {
      try {
        // The declared size bounds the output, so a lying header cannot inflate without limit;
        // one output chunk of that size (+1 to see the end) saves concatenating 16 KiB chunks.
        out = inflateRawSync(data, {
          maxOutputLength: entry.size,
          chunkSize: Math.max(MIN_CHUNK, Math.min(entry.size + 1, MAX_CHUNK)),
        });
      } catch {
        return damaged;
      }
    }
  } else {
    return { ok: false, expected: 'expected ZIP entries stored or deflated' };
  }
  if (out.length !== entry.size || crc32(out) >>> 0 !== entry.crc) return damaged;
  return { ok: true, bytes: out };
}

/**
 * Opens a ZIP archive from its central directory (ZIP64 included). Sizes and CRC-32 are checked
 * when an entry is read, so a truncated or altered archive is a value, never a throw.
 *
 * @example
 * const zip = readZip(bytes);
 * if (zip.ok && zip.archive.has('xl/workbook.xml')) zip.archive.read('xl/workbook.xml');
 */
export function readZip(bytes: Uint8Array): ReadZipResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let entries: Map<string, ZipEntryHeader> | undefined;
  try {
    entries = readDirectory(view);
  } catch {
    // A DataView read past the end: the directory points outside the file.
    entries = undefined;
  }
  if (!entries) return damaged;
  const found = entries;
  return {
    ok: true,
    archive: {
      has: (name) => found.has(name.toLowerCase()),
      read(name) {
        const entry = found.get(name.toLowerCase());
        if (!entry) return { ok: false, expected: `expected a part named ${name}` };
        return readEntry(view, bytes, entry);
      },
    },
  };
}
