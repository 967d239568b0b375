import { describe, expect, it } from 'vitest';
import { ConnectorKitError } from './connector-kit-error';
import { readXlsx } from './read-xlsx';
import { writeXlsx } from './write-xlsx';

describe('writeXlsx', () => {
  it('keeps any text as written: XML specials, CR, control characters, literal _xHHHH_', async () => {
    const texts = [
      '<a & "b">',
      'line\r\nbreak\rcr',
      'bell\u0007tab\t',
      '_x0041_ and _x005F_',
      ' padded ',
    ];
    const bytes = await writeXlsx([{ name: 'テキスト', rows: [texts, [1, -0.5, 1e21, null, '']] }]);
    const read = readXlsx(bytes);
    expect(read).toEqual({
      ok: true,
      rows: [
        { line: 1, cells: texts },
        { line: 2, cells: ['1', '-0.5', '1000000000000000000000'] },
      ],
    });
  });

  it('shares repeated strings and writes sheets in order', async () => {
    const bytes = await writeXlsx([
      { name: 'a', rows: [['x', 'x'], ['x']] },
      { name: 'b', rows: [['y']] },
    ]);
    expect(readXlsx(bytes, 'a')).toEqual({
      ok: true,
      rows: [
        { line: 1, cells: ['x', 'x'] },
        { line: 2, cells: ['x'] },
      ],
    });
    expect(readXlsx(bytes, 'b')).toEqual({ ok: true, rows: [{ line: 1, cells: ['y'] }] });
  });

  it('rejects bad sheet names, no sheets and numbers XLSX cannot hold', async () => {
    const invalid = (sheets: Parameters<typeof writeXlsx>[0]) =>
      expect(writeXlsx(sheets)).rejects.toMatchObject({ code: 'invalid_argument' });
    await invalid([]);
    await invalid([{ name: '', rows: [] }]);
    await invalid([{ name: 'a/b', rows: [] }]);
    await invalid([{ name: 'x'.repeat(32), rows: [] }]);
    await invalid([
      { name: 'Same', rows: [] },
      { name: 'same', rows: [] },
    ]);
    await invalid([{ name: 'n', rows: [[Number.NaN]] }]);
    await expect(writeXlsx([{ name: 'n', rows: [[Infinity]] }])).rejects.toBeInstanceOf(
      ConnectorKitError,
    );
  });
});
