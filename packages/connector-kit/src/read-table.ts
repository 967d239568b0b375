import type { RowIssue } from '@mimamori/records';
import type { FileFormat, TextEncoding } from './connector';
import { REPLACEMENT, decodeText, type DetectedEncoding } from './decode-text';
import { countLineBreaks, parseCsv } from './parse-csv';
import { readXlsx } from './read-xlsx';

/** A file as received: its name (for issues) and its bytes. */
export interface FileInput {
  readonly file: string;
  readonly bytes: Uint8Array;
}

/** Overrides for `readTable`; detection is used for anything absent. */
export interface ReadTableOptions {
  readonly format?: FileFormat;
  readonly encoding?: TextEncoding;
  readonly sheet?: string;
}

/** One data row of a table: its first physical line (or sheet row) and its cell texts. */
export interface TableRow {
  readonly line: number;
  readonly cells: string[];
}

/** A file read as a table: header, data rows, and the problems met while reading. */
export interface TableReadResult {
  readonly header: string[];
  readonly headerLine: number;
  readonly rows: TableRow[];
  readonly issues: RowIssue[];
  readonly encoding: DetectedEncoding | 'xlsx';
}

/** True when the bytes start with the ZIP local-file magic `PK\x03\x04` (XLSX). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function isBlank(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell !== '') return false;
  return true;
}

/** Undecodable-byte issues: one per cell holding U+FFFD, at the physical line of the first one. */
function undecodableIssues(
  file: string,
  rows: readonly TableRow[],
  encoding: DetectedEncoding,
): RowIssue[] {
  const issues: RowIssue[] = [];
  for (const row of rows) {
    let line = row.line;
    for (let c = 0; c < row.cells.length; c++) {
      const cell = row.cells[c] ?? '';
      const at = cell.indexOf(REPLACEMENT);
      if (at !== -1) {
        issues.push({
          file,
          line: line + countLineBreaks(cell, 0, at),
          column: c + 1,
          code: 'undecodable',
          message: `expected text encoded as ${encoding}; a byte sequence could not be decoded`,
        });
      }
      line += countLineBreaks(cell, 0, cell.length);
    }
  }
  return issues;
}

function toTable(
  file: string,
  allRows: TableRow[],
  issues: RowIssue[],
  encoding: TableReadResult['encoding'],
): TableReadResult {
  let end = allRows.length;
  while (end > 0 && isBlank(allRows[end - 1]?.cells ?? [])) end--;
  let start = 0;
  while (start < end && isBlank(allRows[start]?.cells ?? [])) start++;
  const headerRow = allRows[start];
  if (start >= end || !headerRow) {
    issues.push({
      file,
      line: 0,
      column: 0,
      code: 'empty_file',
      message: 'expected a header row followed by data rows; the file is empty',
    });
    return { header: [], headerLine: 0, rows: [], issues, encoding };
  }
  const rows = allRows.slice(start + 1, end);
  return { header: headerRow.cells, headerLine: headerRow.line, rows, issues, encoding };
}

function readXlsxTable(input: FileInput, sheet?: string): TableReadResult {
  const read = readXlsx(input.bytes, sheet);
  if (!read.ok) {
    const issue: RowIssue = {
      file: input.file,
      line: 0,
      column: 0,
      code: 'bad_file',
      message: read.expected,
    };
    return { header: [], headerLine: 0, rows: [], issues: [issue], encoding: 'xlsx' };
  }
  const table = toTable(input.file, read.rows, [], 'xlsx');
  // Sheets drop trailing empty cells: pad rows to the header's width so counts compare.
  const width = table.header.length;
  for (const row of table.rows) while (row.cells.length < width) row.cells.push('');
  return table;
}

/**
 * Reads a CSV (CP932, UTF-8, UTF-8 with BOM) or XLSX file into a header and rows with their
 * physical line numbers. Never throws on bad data: problems come back as `issues`.
 *
 * @example
 * const table = await readTable({ file: 'roster.csv', bytes });
 * for (const issue of table.issues) console.error(formatRowIssue(issue));
 */
export function readTable(
  input: FileInput,
  options: ReadTableOptions = {},
): Promise<TableReadResult> {
  // The reading is synchronous; the promise keeps the API open to streaming readers.
  return new Promise((resolve) => resolve(readTableNow(input, options)));
}

function readTableNow(input: FileInput, options: ReadTableOptions): TableReadResult {
  const format = options.format ?? (isZip(input.bytes) ? 'xlsx' : 'csv');
  if (format === 'xlsx') return readXlsxTable(input, options.sheet);
  const decoded = decodeText(input.bytes, options.encoding ?? 'auto');
  const parsed = parseCsv(decoded.text);
  const issues: RowIssue[] = [];
  if (decoded.lossy) issues.push(...undecodableIssues(input.file, parsed.rows, decoded.encoding));
  if (parsed.unterminatedLine > 0) {
    issues.push({
      file: input.file,
      line: parsed.unterminatedLine,
      column: parsed.unterminatedColumn,
      code: 'bad_format',
      message: 'expected a closing double quote for the quoted field opened here',
    });
  }
  return toTable(input.file, parsed.rows, issues, decoded.encoding);
}
