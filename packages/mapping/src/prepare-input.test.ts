import { encodeCp932, parseCsv, readTable } from '@mimamori/connector-kit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toKitCsv } from './prepare-input';

const cell = fc.string({
  unit: fc.constantFrom('a', 'あ', '髙', ',', ';', '"', ' ', '\n', '1', 'ｶ'),
  maxLength: 6,
});

function joined(rows: string[][], delimiter: string): string {
  const quote = (c: string) => (/[",;\t\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
  return rows.map((r) => r.map(quote).join(delimiter)).join('\r\n') + '\r\n';
}

describe('toKitCsv', () => {
  it('turns tab and semicolon files into comma CSV with the same cells and lines', () => {
    const grid = fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(grid, fc.constantFrom('\t', ';'), (rows, delimiter) => {
        const bytes = new TextEncoder().encode(joined(rows, delimiter));
        const out = new TextDecoder().decode(toKitCsv(bytes, delimiter.charCodeAt(0), 1));
        const want = parseCsv(joined(rows, ',')).rows;
        expect(parseCsv(out).rows).toEqual(want);
      }),
    );
  });

  it('keeps a quote inside an unquoted field as a character, as the kit reader does', async () => {
    const lines = ['番号\t備考'];
    for (let line = 2; line <= 31; line++)
      lines.push(`${line}\t${line === 6 ? '5"の画面' : 'なし'}`);
    lines.push('32\t"a""b\tc"', '33\tx"y,z');
    const bytes = encodeCp932(lines.join('\r\n') + '\r\n');
    const table = await readTable({ file: 'memo.tsv', bytes: toKitCsv(bytes, 0x09, 1) });
    expect(table.issues).toEqual([]);
    expect(table.rows.map((r) => r.line)).toEqual(Array.from({ length: 32 }, (_, i) => i + 2));
    expect(table.rows[4]).toEqual({ line: 6, cells: ['6', '5"の画面'] });
    expect(table.rows.slice(-2).map((r) => r.cells)).toEqual([
      ['32', 'a"b\tc'],
      ['33', 'x"y,z'],
    ]);
  });

  it('gives the cells the kit reads from a comma file, unquoted quotes included', () => {
    const bare = fc.string({ unit: fc.constantFrom('a', '髙', '"', ' ', '1'), maxLength: 5 });
    const grid = fc.array(fc.array(bare, { minLength: 2, maxLength: 2 }), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(grid, (rows) => {
        // Cells starting with a quote open a quoted field: the kit's rule, tested above.
        const cells = rows.map((r) => r.map((c) => (c.startsWith('"') ? `x${c}` : c)));
        const tsv = new TextEncoder().encode(cells.map((r) => r.join('\t')).join('\r\n'));
        const out = new TextDecoder().decode(toKitCsv(tsv, 0x09, 1));
        expect(parseCsv(out).rows).toEqual(
          parseCsv(cells.map((r) => r.join(',')).join('\r\n')).rows,
        );
      }),
    );
  });

  it('keeps the line breaks of a quoted preamble field, so rows keep their line numbers', async () => {
    const bytes = new TextEncoder().encode('"複数行\nのタイトル"\r\n氏名,数\r\n髙橋,x\r\n');
    const out = toKitCsv(bytes, 0x2c, 3);
    expect(new TextDecoder().decode(out)).toBe('\n\r\n氏名,数\r\n髙橋,x\r\n');
    const table = await readTable({ file: 'p.csv', bytes: out });
    expect(table.headerLine).toBe(3);
    expect(table.rows).toEqual([{ line: 4, cells: ['髙橋', 'x'] }]);
  });

  it('quotes unquoted fields holding a comma and empties lines above the header (CP932 bytes kept)', () => {
    const bytes = encodeCp932('表題\r\n氏名\t備考\r\n髙橋\ta,b\r\n');
    const text = new TextDecoder('shift_jis').decode(toKitCsv(bytes, 0x09, 2));
    expect(text).toBe('\r\n氏名,備考\r\n髙橋,"a,b"\r\n');
  });
});
