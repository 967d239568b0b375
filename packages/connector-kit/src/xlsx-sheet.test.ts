import { describe, expect, it } from 'vitest';
import { inline, utf8, workbook } from './hand-written-workbook.fixture';
import { readTable } from './read-table';
import { MAX_SHEET_CELLS, TOO_MANY_CELLS, readSheet, type SheetContext } from './xlsx-sheet';

const context: SheetContext = { sharedStrings: [], dateStyles: [], date1904: false };
const merged = (...refs: string[]) =>
  `<mergeCells>${refs.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`;
const tooLarge = [
  { file: 'big.xlsx', line: 0, column: 0, code: 'bad_file', message: TOO_MANY_CELLS },
];

/** Rows 2 … last, each with one number cell at `column` (letters). */
function numberRows(column: string, last: number): string {
  const rows: string[] = [];
  for (let line = 2; line <= last; line++) {
    rows.push(`<row r="${line}"><c r="${column}${line}"><v>1</v></c></row>`);
  }
  return rows.join('');
}

describe('readSheet on sheets that would inflate', () => {
  it('clips a merge over whole rows (A2:XFD200000) to the used columns', async () => {
    const bytes = workbook({
      sheetData: [
        `<row r="1">${inline('A1', 'id')}${inline('B1', 'name')}</row>`,
        `<row r="2">${inline('A2', '1')}${inline('B2', 'x')}</row>`,
        `<row r="200000">${inline('A200000', '2')}</row>`,
      ].join(''),
      after: merged('A2:XFD200000'),
    });
    expect(bytes.length).toBeLessThan(2400);
    const table = await readTable({ file: 'merged.xlsx', bytes });
    expect(table.issues).toEqual([]);
    expect(table.header).toEqual(['id', 'name']);
    expect(table.rows).toHaveLength(199_999);
    expect(table.rows[0]).toEqual({ line: 2, cells: ['1', '1'] });
    expect(table.rows.at(-1)).toEqual({ line: 200_000, cells: ['1', '1'] });
  });

  it('clips a whole-row merge to the bounded merges of the sheet too', () => {
    const sheet = utf8(
      `<worksheet><sheetData><row r="1">${inline('A1', 't')}</row><row r="2">${inline('B2', 'b')}</row></sheetData>${merged('A1:XFD1', 'B2:D2')}</worksheet>`,
    );
    expect(readSheet(sheet, context)).toEqual({
      ok: true,
      rows: [
        { line: 1, cells: ['t', 't', 't', 't'] },
        { line: 2, cells: ['', 'b', 'b', 'b'] },
      ],
    });
  });

  it('reports one cell at column XFD on each of 40,000 rows as bad_file', async () => {
    const bytes = workbook({
      sheetData: `<row r="1">${inline('A1', 'id')}</row>${numberRows('XFD', 40_001)}`,
    });
    expect(bytes.length).toBeLessThan(250_000);
    expect((await readTable({ file: 'big.xlsx', bytes })).issues).toEqual(tooLarge);
  });

  it('reports a whole-row merge over a listed XFD cell as bad_file', async () => {
    const bytes = workbook({
      sheetData: `<row r="1">${inline('A1', 'id')}<c r="XFD1"/></row><row r="2">${inline('A2', '1')}</row><row r="200000">${inline('A200000', '2')}</row>`,
      after: merged('A2:XFD200000'),
    });
    expect((await readTable({ file: 'big.xlsx', bytes })).issues).toEqual(tooLarge);
  });

  it('reports a header at column XFD over 40,000 short rows (padding) as bad_file', async () => {
    const bytes = workbook({
      sheetData: `<row r="1">${inline('A1', 'id')}${inline('XFD1', 'far')}</row>${numberRows('A', 40_001)}`,
    });
    expect((await readTable({ file: 'big.xlsx', bytes })).issues).toEqual(tooLarge);
  });

  it('counts row cells up to the last text and merged cells against the cap', () => {
    const sheet = (after: string) =>
      utf8(
        `<worksheet><sheetData><row r="1"><c r="C1"><v>1</v></c></row><row r="3"><c r="A3"><v>2</v></c></row></sheetData>${after}</worksheet>`,
      );
    // Rows hold 3 + 1 cells; the merge A3:B3 covers 2 more.
    expect(readSheet(sheet(''), context, undefined, 4).ok).toBe(true);
    expect(readSheet(sheet(''), context, undefined, 3)).toEqual({
      ok: false,
      expected: TOO_MANY_CELLS,
    });
    expect(readSheet(sheet(merged('A3:B3')), context, undefined, 6).ok).toBe(true);
    expect(readSheet(sheet(merged('A3:B3')), context, undefined, 5)).toEqual({
      ok: false,
      expected: TOO_MANY_CELLS,
    });
    expect(MAX_SHEET_CELLS).toBe(50_000_000);
  });
});
