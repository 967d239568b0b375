import { constants, crc32, deflateRawSync } from 'node:zlib';

/** A zip entry whose data was deflated in independent, sync-flushed chunks. */
export interface ZipEntry {
  readonly name: string;
  readonly crc: number;
  readonly size: number;
  readonly compressed: readonly Uint8Array[];
}

/** Deflates content incrementally: chunks are sync-flushed so they concatenate into one stream. */
export interface Deflater {
  write(text: string): void;
  end(name: string): ZipEntry;
}

/** Creates a deflater; the output depends only on the text and the write boundaries. */
export function createDeflater(): Deflater {
  const compressed: Uint8Array[] = [];
  let crc = 0;
  let size = 0;
  return {
    write(text) {
      const bytes = Buffer.from(text, 'utf8');
      crc = crc32(bytes, crc);
      size += bytes.length;
      compressed.push(deflateRawSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }));
    },
    end(name) {
      compressed.push(deflateRawSync(Buffer.alloc(0)));
      return { name, crc, size, compressed };
    },
  };
}

/** Deflates one small text file. */
export function zipText(name: string, text: string): ZipEntry {
  const deflater = createDeflater();
  deflater.write(text);
  return deflater.end(name);
}

/** DOS date of 1980-01-01 and time 00:00: fixed, so the same content gives the same bytes. */
const DOS_DATE = 0x21;
const DOS_TIME = 0;

/** Builds a zip archive (no timestamps from the clock, no extra fields). */
export function buildZip(entries: readonly ZipEntry[]): Uint8Array[] {
  const parts: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressedSize = entry.compressed.reduce((sum, c) => sum + c.length, 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(entry.crc, 14);
    local.writeUInt32LE(compressedSize, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, ...entry.compressed);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    local.copy(header, 8, 6, 26);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    offset += 30 + name.length + compressedSize;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  parts.push(directory, end);
  return parts;
}
