import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readZip } from './read-zip';
import { writeZip } from './write-zip';

const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** A one-entry ZIP written by hand, to reach layouts our writer does not produce. */
function handmade(options: { method: number; data: Uint8Array; zip64?: boolean; crc: number }) {
  const name = Buffer.from('A.txt');
  const stored = options.method === 0 ? options.data : deflateRawSync(options.data);
  const size = options.data.length;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(options.method, 8);
  local.writeUInt32LE(options.crc, 14);
  local.writeUInt16LE(name.length, 26);
  const extra = Buffer.alloc(options.zip64 ? 28 : 0);
  if (options.zip64) {
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(24, 2);
    extra.writeBigUInt64LE(BigInt(size), 4);
    extra.writeBigUInt64LE(BigInt(stored.length), 12);
    extra.writeBigUInt64LE(0n, 20);
  }
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(options.method, 10);
  central.writeUInt32LE(options.crc, 16);
  central.writeUInt32LE(options.zip64 ? 0xffffffff : stored.length, 20);
  central.writeUInt32LE(options.zip64 ? 0xffffffff : size, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt16LE(extra.length, 30);
  central.writeUInt32LE(options.zip64 ? 0xffffffff : 0, 42);
  const directoryAt = local.length + name.length + stored.length;
  const directory = Buffer.concat([central, name, extra]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(directoryAt, 16);
  return new Uint8Array(Buffer.concat([local, name, stored, directory, end]));
}

describe('readZip', () => {
  it('reads what writeZip writes, names compared case-insensitively', () => {
    const zip = readZip(
      writeZip([
        { name: 'xl/Workbook.xml', data: utf8('<w/>') },
        { name: 'e', data: new Uint8Array() },
      ]),
    );
    expect(zip.ok).toBe(true);
    if (!zip.ok) return;
    expect(zip.archive.has('XL/workbook.XML')).toBe(true);
    const part = zip.archive.read('xl/workbook.xml');
    expect(part.ok && text(part.bytes)).toBe('<w/>');
    const empty = zip.archive.read('e');
    expect(empty.ok && empty.bytes.length).toBe(0);
    expect(zip.archive.read('missing')).toEqual({
      ok: false,
      expected: 'expected a part named missing',
    });
  });

  it('reads stored entries and ZIP64 sizes, and checks the CRC-32', () => {
    const data = utf8('stored 髙');
    const crc = crc32(data);
    const read = (bytes: Uint8Array) => {
      const zip = readZip(bytes);
      if (!zip.ok) return zip;
      const part = zip.archive.read('a.txt');
      return part.ok ? { ok: true, text: text(part.bytes) } : part;
    };
    expect(read(handmade({ method: 0, data, crc }))).toEqual({ ok: true, text: 'stored 髙' });
    expect(read(handmade({ method: 8, data, crc, zip64: true }))).toEqual({
      ok: true,
      text: 'stored 髙',
    });
    expect(read(handmade({ method: 0, data, crc: (crc ^ 1) >>> 0 }))).toMatchObject({ ok: false });
    expect(read(handmade({ method: 12, data, crc }))).toEqual({
      ok: false,
      expected: 'expected ZIP entries stored or deflated',
    });
  });

  it('refuses an entry that would inflate past its limits, before inflating it', () => {
    // 64 MiB of zeros deflate to about 64 KiB: a thousand times, where worksheets do 5–20.
    const data = new Uint8Array(64 << 20);
    const bomb = readZip(handmade({ method: 8, data, crc: crc32(data) }));
    if (!bomb.ok) throw new Error('the archive itself is well formed');
    expect(bomb.archive.read('a.txt')).toEqual({
      ok: false,
      expected: 'expected a workbook part that inflates at most 100 times (and to at most 1 GiB)',
    });
    // Small parts are read whatever their ratio (16 MiB floor).
    const small = new Uint8Array(1 << 20);
    const fine = readZip(handmade({ method: 8, data: small, crc: crc32(small) }));
    const part = fine.ok ? fine.archive.read('a.txt') : fine;
    expect(part.ok && part.bytes.length).toBe(1 << 20);
  });
});
