import ExcelJS from 'exceljs';
import { xlsxCellText } from './xlsx-cell-text';

/** One non-empty sheet row: its 1-based row number and cell texts (column 1 at index 0). */
export interface XlsxRow {
  readonly line: number;
  readonly cells: string[];
}

/** Rows of one sheet, or why the workbook could not be read (no cell values in `expected`). */
export type XlsxReadResult =
  | { readonly ok: true; readonly rows: XlsxRow[] }
  | { readonly ok: false; readonly expected: string };

/**
 * Reads the named sheet (or the first) of an XLSX workbook into rows of cell texts.
 * Empty rows are skipped; a corrupt workbook is a value, not a throw.
 */
export async function readXlsx(bytes: Uint8Array, sheet?: string): Promise<XlsxReadResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.slice().buffer);
  } catch {
    return { ok: false, expected: 'expected a readable XLSX workbook (the file is damaged)' };
  }
  const worksheet = sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheet);
  if (!worksheet) {
    return {
      ok: false,
      expected:
        sheet === undefined ? 'expected at least one sheet' : `expected a sheet named ${sheet}`,
    };
  }
  const rows: XlsxRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, function collectRow(row, rowNumber) {
    const cells: string[] = [];
    let last = 0;
    for (let c = 1; c <= row.cellCount; c++) {
      const text = xlsxCellText(row.getCell(c).value);
      cells.push(text);
      if (text !== '') last = c;
    }
    if (last > 0) rows.push({ line: rowNumber, cells: cells.slice(0, last) });
  });
  return { ok: true, rows };
}
