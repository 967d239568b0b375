import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleRows } from './example-connector.fixture';
import { formatPlainNumber } from './format-plain-number';
import { readXlsx, type XlsxReadResult } from './read-xlsx';
import { writeXlsx } from './write-xlsx';

// The reference: the kit's previous, exceljs-based reader. Our reader must give the same rows.

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Text of a cell value as exceljs reports it (the previous reader's conversion). */
function xlsxCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatPlainNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  }
  if (!isRecord(value)) return '';
  if (Array.isArray(value.richText)) {
    return value.richText.map((part) => (isRecord(part) ? xlsxCellText(part.text) : '')).join('');
  }
  if ('formula' in value || 'sharedFormula' in value) return xlsxCellText(value.result);
  if ('hyperlink' in value) return xlsxCellText(value.text);
  if (typeof value.error === 'string') return value.error;
  return '';
}

async function readWithExceljs(bytes: Uint8Array, sheet?: string): Promise<XlsxReadResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    // A copy: a Buffer's `.buffer` may be a shared pool holding other data.
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch {
    return { ok: false, expected: 'expected a readable XLSX workbook (the file is damaged)' };
  }
  const worksheet = sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheet);
  if (!worksheet) {
    const expected =
      sheet === undefined ? 'expected at least one sheet' : `expected a sheet named ${sheet}`;
    return { ok: false, expected };
  }
  const rows: { line: number; cells: string[] }[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(xlsxCellText(row.getCell(c).value));
    let last = cells.length;
    while (last > 0 && cells[last - 1] === '') last--;
    if (last > 0) rows.push({ line, cells: cells.slice(0, last) });
  });
  return { ok: true, rows };
}

describe('the reference conversion', () => {
  it.each([
    [null, ''],
    ['text', 'text'],
    [-0.25, '-0.25'],
    [true, 'TRUE'],
    [new Date(Date.UTC(2018, 3, 2)), '2018-04-02'],
    [{ richText: [{ text: '髙' }, { text: '橋' }] }, '髙橋'],
    [{ formula: 'A1+1', result: 3 }, '3'],
    [{ sharedFormula: 'A1', result: new Date(Date.UTC(2025, 3, 1)) }, '2025-04-01'],
    [{ text: 'link', hyperlink: 'https://example.org' }, 'link'],
    [{ error: '#N/A' }, '#N/A'],
  ])('converts %j to %j', (value, text) => {
    expect(xlsxCellText(value)).toBe(text);
  });
});

// No lower-case hex letters: exceljs leaves a lower-case `_x00ab_` escape undecoded.
const text = fc
  .array(
    fc.constantFrom('g', 'x', '_', '0', '4', '1', 'A', 'B', '髙', '橋', 'ﾀ', '😀', ' ', '\n'),
    { maxLength: 8 },
  )
  .map((chars) => chars.join(''));
const markup = fc
  .array(fc.constantFrom('&', '<', '>', '"', "'", '&amp;', '\r\n', '\t', '\u0001', 'z'), {
    maxLength: 4,
  })
  .map((chars) => chars.join(''));
/** Serials that both readers date alike: exceljs ignores Excel's 1900 leap-year bug (< 61). */
const dateSerial = fc.oneof(
  fc.double({ min: 0, max: 0.999, noNaN: true }),
  fc.integer({ min: 61, max: 2_958_465 }),
  fc.double({ min: 61, max: 80_000, noNaN: true }),
);

type Cell = { value: ExcelJS.CellValue; numFmt?: string };
const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant({ value: null }),
  fc.oneof(text, markup).map((value) => ({ value })),
  fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })).map((value) => ({
    value,
  })),
  fc.boolean().map((value) => ({ value })),
  fc.constantFrom('#N/A', '#DIV/0!', '#VALUE!').map((error) => ({ value: { error } })),
  fc.tuple(text, text).map(([a, b]) => ({
    value: { richText: [{ text: a }, { font: { bold: true }, text: b }] },
  })),
  // Only truthy cached results: exceljs drops 0, '' and false (our reader keeps them).
  fc
    .tuple(
      text,
      fc.integer().filter((n) => n !== 0),
    )
    .map(([label, result]) => ({
      value: { formula: `LEN("${label.length}")`, result },
    })),
  text.filter((t) => t !== '').map((result) => ({ value: { formula: 'A1', result } })),
  text.map((label) => ({ value: { text: label, hyperlink: 'https://example.org/' } })),
  fc
    .tuple(
      dateSerial,
      fc.constantFrom('yyyy/mm/dd', 'yyyy"年"m"月"d"日"', '[$-411]ggge"年"m"月"d"日"', 'h:mm'),
    )
    .map(([value, numFmt]) => ({ value, numFmt })),
  fc
    .date({ min: new Date('1900-03-01'), max: new Date('9999-12-31'), noInvalidDate: true })
    .map((value) => ({ value })),
  fc
    .tuple(fc.integer({ min: 0, max: 99999 }), fc.constantFrom('#,##0"日"', '0.00', '@'))
    .map(([value, numFmt]) => ({ value, numFmt })),
);

interface SheetSpec {
  readonly name: string;
  readonly rows: Cell[][];
  readonly skip: number[];
  readonly merge: { top: number; left: number; height: number; width: number } | null;
}

const sheetSpec: fc.Arbitrary<SheetSpec> = fc.record({
  name: fc.constantFrom('Sheet1', '健診', 'A&B', '名簿 2'),
  rows: fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 12 }),
  skip: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 12 }),
  merge: fc.option(
    fc.record({ top: fc.nat(5), left: fc.nat(4), height: fc.nat(2), width: fc.nat(2) }),
  ),
});

async function buildWorkbook(sheets: SheetSpec[], date1904: boolean): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.properties.date1904 = date1904;
  const used = new Set<string>();
  sheets.forEach((spec, s) => {
    const name = used.has(spec.name) ? `${spec.name}${s}` : spec.name;
    used.add(name);
    const worksheet = workbook.addWorksheet(name);
    let line = 0;
    spec.rows.forEach((cells, r) => {
      line += 1 + (spec.skip[r] ?? 0);
      cells.forEach((c, i) => {
        if (c.value === null) return;
        const target = worksheet.getCell(line, i + 1);
        target.value = c.value;
        if (c.numFmt) target.numFmt = c.numFmt;
      });
    });
    // A last row with text, so a merged range never reaches past the rows that hold text.
    worksheet.getCell(line + 4, 1).value = 'end';
    const merge = spec.merge;
    if (merge) {
      const top = merge.top + 1;
      const left = merge.left + 1;
      worksheet.getCell(top, left).value = 'merged';
      worksheet.mergeCells(top, left, top + merge.height, left + merge.width);
    }
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('readXlsx against exceljs (differential)', () => {
  it('reads generated workbooks exactly as exceljs does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(sheetSpec, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.nat(3),
        async (sheets, date1904, pick) => {
          const bytes = await buildWorkbook(sheets, date1904);
          const names = (await readWithExceljs(bytes)).ok ? sheets.map((s) => s.name) : [];
          const sheet = pick < names.length ? names[pick] : undefined;
          expect(readXlsx(bytes, sheet)).toEqual(await readWithExceljs(bytes, sheet));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads writeXlsx output exactly as exceljs does', async () => {
    const ours = await writeXlsx([
      { name: 'other', rows: [['x']] },
      { name: '在籍', rows: exampleRows(30) },
    ]);
    expect(readXlsx(ours, '在籍')).toEqual(await readWithExceljs(ours, '在籍'));
    expect(readXlsx(ours)).toEqual(await readWithExceljs(ours));
  });
});
