import { encodeCp932, parseCsv } from '@mimamori/connector-kit';
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

  it('quotes unquoted fields holding a comma and empties lines above the header (CP932 bytes kept)', () => {
    const bytes = encodeCp932('表題\r\n氏名\t備考\r\n髙橋\ta,b\r\n');
    const text = new TextDecoder('shift_jis').decode(toKitCsv(bytes, 0x09, 2));
    expect(text).toBe('\r\n氏名,備考\r\n髙橋,"a,b"\r\n');
  });
});
