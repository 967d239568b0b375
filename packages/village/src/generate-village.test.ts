import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateVillage, streamVillage, writeVillage } from './index';

const decodeCp932 = (bytes: Uint8Array): string => new TextDecoder('shift_jis').decode(bytes);
const file = (village: ReturnType<typeof generateVillage>, name: string) =>
  village.files.find((f) => f.name === name)!;

describe('generateVillage', () => {
  const village = generateVillage({ children: 600, seed: 7 });

  it('is byte-identical for the same seed (CSV and XLSX) and differs for another seed', () => {
    const again = generateVillage({ children: 600, seed: 7 });
    expect(again.files.map((f) => f.name)).toEqual(village.files.map((f) => f.name));
    for (const f of village.files)
      expect(Buffer.from(file(again, f.name).bytes).equals(f.bytes), f.name).toBe(true);
    const other = generateVillage({ children: 600, seed: 8 });
    expect(
      Buffer.from(file(other, 'kenshin.xlsx').bytes).equals(file(village, 'kenshin.xlsx').bytes),
    ).toBe(false);
  });

  it('writes the roster as CP932 without BOM that is not valid UTF-8, with 外字 in the user area', () => {
    const roster = file(village, 'juki.csv').bytes;
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(roster)).toThrow();
    expect([...roster.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('shift_jis', { fatal: true }).decode(roster);
    expect(text.startsWith('宛名番号,世帯番号,氏名')).toBe(true);
    expect(text).toMatch(/[\uE000-\uE757]/);
    expect(text).toMatch(/[ｱ-ﾝ]/);
    expect(text).toMatch(/令和元年|R1\.|R01\//);
  });

  it('uses the declared encodings for the other files and keeps 外字 out of them', () => {
    const welfare = file(village, 'fukushi.csv').bytes;
    expect([...welfare.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const texts = [
      new TextDecoder('utf-8', { fatal: true }).decode(welfare),
      decodeCp932(file(village, 'hoiku.csv').bytes),
      decodeCp932(file(village, 'gakko.csv').bytes),
    ];
    for (const text of texts) expect(text).not.toMatch(/[\uE000-\uF8FF]/);
    const xlsx = file(village, 'kenshin.xlsx').bytes;
    expect([...xlsx.subarray(0, 2)]).toEqual([0x50, 0x4b]);
  });

  it('makes exactly the children asked for, aged 3–15, with siblings sharing households', () => {
    const { children } = village.truth;
    expect(children).toHaveLength(600);
    expect(children.every((c) => c.age >= 3 && c.age <= 15)).toBe(true);
    expect(new Set(children.map((c) => c.residentNumber)).size).toBe(600);
    expect(new Set(children.map((c) => c.householdNumber)).size).toBeLessThan(500);
    expect(children.some((c) => c.severe)).toBe(true);
  });

  it('records the child of every non-roster line, and only children 3–15', () => {
    const known = new Set(village.truth.children.map((c) => c.residentNumber));
    for (const f of village.files.filter((x) => x.connector !== 'roster')) {
      const lines = village.truth.lines.filter((l) => l.file === f.name);
      expect(lines.map((l) => l.line)).toEqual(lines.map((_, i) => i + 2));
      expect(lines.every((l) => known.has(l.residentNumber))).toBe(true);
    }
    const csvLines = decodeCp932(file(village, 'gakko.csv').bytes).trimEnd().split('\r\n');
    expect(village.truth.lines.filter((l) => l.file === 'gakko.csv')).toHaveLength(
      csvLines.length - 1,
    );
  });

  it('generates 100 children fast and rejects bad options', () => {
    const start = performance.now();
    generateVillage({ children: 100, seed: 1 });
    expect(performance.now() - start).toBeLessThan(1000);
    expect(() => generateVillage({ children: -1, seed: 1 })).toThrow(/children/);
    expect(() => generateVillage({ children: 1, seed: 1, asOf: '2026-13-01' })).toThrow(/asOf/);
    expect(() =>
      generateVillage({ children: 1, seed: 1, calibration: { nope: 0.1 } as never }),
    ).toThrow(/nope/);
  });
});

describe('writeVillage and streamVillage', () => {
  it('write the same bytes, plus the 外字 table as UTF-8 CSV', async () => {
    const options = { children: 300, seed: 3 };
    const village = generateVillage(options);
    const a = mkdtempSync(join(tmpdir(), 'village-a-'));
    const b = mkdtempSync(join(tmpdir(), 'village-b-'));
    await writeVillage(a, village);
    const summary = streamVillage(b, options);
    expect(summary.children).toBe(300);
    expect(readdirSync(a).sort()).toEqual(readdirSync(b).sort());
    for (const name of readdirSync(a))
      expect(readFileSync(join(a, name)).equals(readFileSync(join(b, name))), name).toBe(true);
    const table = readFileSync(join(a, 'gaiji-table.csv'), 'utf8').split('\r\n');
    expect(table[0]).toBe('code,standard');
    expect(table[1]).toBe('U+E000,吉');
  });
});

describe('scale', () => {
  it('generates and writes 100,000 children in under a minute', async () => {
    const start = performance.now();
    const village = generateVillage({ children: 100_000, seed: 1 });
    await writeVillage(mkdtempSync(join(tmpdir(), 'village-100k-')), village);
    expect(village.truth.children).toHaveLength(100_000);
    expect(performance.now() - start).toBeLessThan(60_000);
  });
});
