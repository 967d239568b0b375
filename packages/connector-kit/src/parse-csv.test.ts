import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCsv } from './encode-csv';
import { csvCursor, parseCsv, parseCsvPart, type CsvRow } from './parse-csv';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes and embedded line breaks with physical lines', () => {
    const text = 'a,b,c\r\n1,"x, ""y""",3\r\n2,"multi\r\nline\nfield",4\n5,,6';
    expect(parseCsv(text).rows).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', 'x, "y"', '3'] },
      { line: 3, cells: ['2', 'multi\r\nline\nfield', '4'] },
      { line: 6, cells: ['5', '', '6'] },
    ]);
  });

  it('treats a lone CR as a line break and keeps empty trailing cells', () => {
    expect(parseCsv('a,b\r1,\r,\n').rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', ''] },
      { line: 3, cells: ['', ''] },
    ]);
  });

  it('keeps text after a closing quote and quotes inside unquoted fields, as Excel does', () => {
    expect(parseCsv('"ab"c,d"e\n').rows).toEqual([{ line: 1, cells: ['abc', 'd"e'] }]);
  });

  it('reports the line and column where an unterminated quote opened', () => {
    const parsed = parseCsv('a,b\n1,"open\nnever closed\n');
    expect(parsed.unterminatedLine).toBe(2);
    expect(parsed.unterminatedColumn).toBe(2);
    expect(parseCsv('a,b\n').unterminatedLine).toBe(0);
  });

  it('reads an empty text as no rows', () => {
    expect(parseCsv('').rows).toEqual([]);
  });

  it('round-trips any table through encodeCsv (UTF-8, CRLF and LF)', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', '髙', ',', '"', '\n', '\r', ' ', 'ｶ', 'x'),
    });
    const table = fc
      .integer({ min: 1, max: 5 })
      .chain((width) =>
        fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
          minLength: 1,
          maxLength: 8,
        }),
      )
      // A single empty cell is written as an empty line: indistinguishable from a blank line.
      .filter((rows) => rows.every((row) => row.length > 1 || row[0] !== ''));
    fc.assert(
      fc.property(table, fc.constantFrom<('\r\n' | '\n')[]>('\r\n', '\n'), (rows, newline) => {
        const bytes = encodeCsv(rows, { encoding: 'utf-8', newline });
        const parsed = parseCsv(new TextDecoder().decode(bytes));
        expect(parsed.rows.map((row) => row.cells)).toEqual(rows);
        expect(parsed.unterminatedLine).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('parses in parts of any size exactly as in one go (rows, lines, unterminated quote)', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', '髙', ',', '"', '\n', '\r', '\r\n', ' ', 'x'),
      maxLength: 60,
    });
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 4 }), (csv, size) => {
        const whole = parseCsv(csv);
        const rows: CsvRow[] = [];
        const cursor = csvCursor();
        let parts = 1;
        while (parseCsvPart(csv, cursor, size, (row) => rows.push(row))) parts++;
        expect(rows).toEqual(whole.rows);
        expect(cursor.unterminatedLine).toBe(whole.unterminatedLine);
        expect(cursor.unterminatedColumn).toBe(whole.unterminatedColumn);
        expect(cursor.at).toBe(csv.length);
        expect(parts).toBe(Math.max(1, Math.ceil(whole.rows.length / size)));
      }),
      { numRuns: 500 },
    );
  });
});
