import ExcelJS from 'exceljs';
import { ConnectorKitError } from './connector-kit-error';
import { fixZipTimestamps } from './zip-timestamps';

/** One sheet to write: its name and rows; `null` leaves a cell empty. */
export interface XlsxSheet {
  readonly name: string;
  readonly rows: readonly (readonly (string | number | null)[])[];
}

/** Fixed document dates so the same sheets always give the same bytes. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

/**
 * Writes sheets to XLSX bytes, deterministically (fixed document and ZIP entry dates).
 *
 * @example
 * const bytes = await writeXlsx([{ name: '健診', rows: [['宛名番号', '受診'], ['1234567897', 1]] }]);
 */
export async function writeXlsx(sheets: readonly XlsxSheet[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'mimamori';
  workbook.lastModifiedBy = 'mimamori';
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  let buffer: ArrayBuffer;
  try {
    for (const sheet of sheets) {
      const worksheet = workbook.addWorksheet(sheet.name);
      for (const row of sheet.rows) worksheet.addRow([...row]);
    }
    buffer = await workbook.xlsx.writeBuffer();
  } catch (error) {
    throw new ConnectorKitError('xlsx_write_failed', 'could not write the XLSX workbook', {
      cause: error,
    });
  }
  const bytes = new Uint8Array(buffer.byteLength);
  bytes.set(new Uint8Array(buffer));
  if (!fixZipTimestamps(bytes)) {
    throw new ConnectorKitError('xlsx_write_failed', 'unexpected ZIP layout from exceljs');
  }
  return bytes;
}
