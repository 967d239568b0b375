import { crc32, deflateRawSync } from 'node:zlib';

/** One file to put in a ZIP archive. */
export interface ZipFile {
  readonly name: string;
  readonly data: Uint8Array;
}

/** MS-DOS date of 1980-01-01 (the earliest a ZIP can hold) and time 00:00:00. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
const UTF8_NAMES = 0x0800;
const DEFLATED = 8;

/**
 * Builds a ZIP archive of deflated files with fixed timestamps, so the same files always give
 * the same bytes. No ZIP64: each file and the whole archive must stay under 4 GiB.
 *
 * @example
 * const zip = writeZip([{ name: 'a.txt', data: new TextEncoder().encode('a') }]);
 */
export function writeZip(files: readonly ZipFile[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const compressed = deflateRawSync(file.data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(UTF8_NAMES, 6);
    header.writeUInt16LE(DEFLATED, 8);
    header.writeUInt16LE(DOS_TIME, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt32LE(crc32(file.data), 14);
    header.writeUInt32LE(compressed.length, 18);
    header.writeUInt32LE(file.data.length, 22);
    header.writeUInt16LE(name.length, 26);
    locals.push(header, name, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    header.copy(central, 6, 4, 30);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += header.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  // A fresh array of its own: a pooled Buffer's `.buffer` would expose unrelated memory.
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
