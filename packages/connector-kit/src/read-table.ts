import type { RowIssue } from '@mimamori/records';
import type { FileFormat, TextEncoding } from './connector';
import { REPLACEMENT, decodeText, type DetectedEncoding } from './decode-text';
import { countLineBreaks, csvCursor, parseCsvPart, type CsvRow } from './parse-csv';
import { nextTurn, rowsPerTurn } from './next-turn';
import { MAX_SHEET_CELLS, TOO_MANY_CELLS, readXlsx } from './read-xlsx';

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

/** Whitespace (\s covers U+3000, the ideographic space). */
const WHITESPACE = /^\s$/;

/**
 * True when `cell` holds only whitespace and the DOS end-of-file mark Ctrl-Z: byte 0x1A, which the
 * CP932 decoder (IBM's table, as Node's ICU has it) reads as U+001C, and UTF-8 as U+001A.
 */
function isFiller(cell: string): boolean {
  for (let i = 0; i < cell.length; i++) {
    const code = cell.charCodeAt(i);
    if (code !== 0x1a && code !== 0x1c && !WHITESPACE.test(cell.charAt(i))) return false;
  }
  return true;
}

/** A trailing row that holds no data: empty, whitespace-only or an end-of-file mark. */
function isTrailingFiller(cells: readonly string[]): boolean {
  for (const cell of cells) if (!isFiller(cell)) return false;
  return true;
}

/** The bytes without the Ctrl-Z (0x1A) marks old DOS tools append at the very end of a file. */
function withoutEndOfFileMark(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0x1a) end--;
  return end === bytes.length ? bytes : bytes.subarray(0, end);
}

/**
 * Adds undecodable-byte issues to `issues`: one per cell holding U+FFFD, at the physical line of
 * the first one. Pushed one by one: a file can hold more problems than a call has arguments.
 */
function addUndecodableIssues(
  issues: RowIssue[],
  file: string,
  rows: readonly TableRow[],
  encoding: DetectedEncoding,
): void {
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
}

function toTable(
  file: string,
  allRows: TableRow[],
  issues: RowIssue[],
  encoding: TableReadResult['encoding'],
): TableReadResult {
  let end = allRows.length;
  while (end > 0 && isTrailingFiller(allRows[end - 1]?.cells ?? [])) end--;
  let start = 0;
  while (start < end && isBlank(allRows[start]?.cells ?? [])) start++;
  const headerRow = allRows[start];
  if (start >= end || !headerRow) {
    issues.push(
      emptyFile(file, 0, 'expected a header row followed by data rows; the file is empty'),
    );
    return { header: [], headerLine: 0, rows: [], issues, encoding };
  }
  const rows = allRows.slice(start + 1, end);
  if (rows.length === 0) {
    // Importing no rows would replace the source's stored snapshot with nothing.
    issues.push(
      emptyFile(
        file,
        headerRow.line,
        'expected a header row followed by data rows; found no data rows',
      ),
    );
  }
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
  // Sheets drop trailing empty cells: pad rows to the header's width so counts compare. A wide
  // header over many short rows would pad past the sheet's cell cap: reported instead.
  const width = table.header.length;
  let cells = 0;
  for (const row of table.rows) cells += Math.max(row.cells.length, width);
  if (cells > MAX_SHEET_CELLS) {
    const issue: RowIssue = {
      file: input.file,
      line: 0,
      column: 0,
      code: 'bad_file',
      message: TOO_MANY_CELLS,
    };
    return { header: [], headerLine: 0, rows: [], issues: [issue], encoding: 'xlsx' };
  }
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
export async function readTable(
  input: FileInput,
  options: ReadTableOptions = {},
): Promise<TableReadResult> {
  const rows: TableRow[] = [];
  const read = await readTableEach(input, options, {
    header: () => undefined,
    row: (row) => rows.push(row),
  });
  return { ...read, rows };
}

/** What {@link readTableEach} reports once the whole file is read. */
export interface TableEachResult extends Omit<TableReadResult, 'rows'> {
  /** How many data rows were handed on. */
  readonly rowCount: number;
}

/**
 * What {@link readTableEach} hands on: the header (with `lossy`: some bytes could not be decoded,
 * and the cells holding U+FFFD are reported as `undecodable`), then each data row.
 */
export interface TableVisitor {
  header: (cells: string[], line: number, lossy: boolean) => void;
  row: (row: TableRow) => void;
}

/**
 * {@link readTable} one row at a time: `visit.header` gets the header before any data row,
 * `visit.row` each data row as it is read (CSV rows are parsed one by one: a caller that keeps
 * less than the rows lets them be collected young). The rows handed on and the issues are exactly
 * readTable's; a file with no data rows hands on none.
 * @example await readTableEach(input, {}, { header: (cells) => map(cells), row: (row) => use(row) });
 */
export async function readTableEach(
  input: FileInput,
  options: ReadTableOptions,
  visit: TableVisitor,
): Promise<TableEachResult> {
  // Rows are handed on in parts of rowsPerTurn, the event loop turning in between (see nextTurn).
  const format = options.format ?? (isZip(input.bytes) ? 'xlsx' : 'csv');
  if (format === 'xlsx') {
    const { rows, ...table } = readXlsxTable(input, options.sheet);
    if (table.headerLine !== 0 && rows.length > 0) {
      visit.header(table.header, table.headerLine, false);
      for (let i = 0; i < rows.length; i++) {
        if (i % rowsPerTurn === rowsPerTurn - 1) await nextTurn();
        visit.row(rows[i] as TableRow);
      }
    }
    return { ...table, rowCount: rows.length };
  }
  const decoded = decodeText(withoutEndOfFileMark(input.bytes), options.encoding ?? 'auto');
  const issues: RowIssue[] = [];
  // As toTable: leading blank rows are skipped, the first other row is the header, and filler
  // rows at the end are dropped. Filler rows after the header are held until a row with data
  // shows they are not at the end.
  let header: TableRow | undefined;
  let held: TableRow[] = [];
  let rowCount = 0;
  const cursor = csvCursor();
  const onRow = (row: CsvRow): void => {
    if (decoded.lossy) addUndecodableIssues(issues, input.file, [row], decoded.encoding);
    if (header === undefined) {
      if (!isBlank(row.cells)) header = row;
      return;
    }
    if (isTrailingFiller(row.cells)) {
      held.push(row);
      return;
    }
    if (rowCount === 0) visit.header(header.cells, header.line, decoded.lossy);
    for (const h of held) visit.row(h);
    rowCount += held.length + 1;
    held = [];
    visit.row(row);
  };
  while (parseCsvPart(decoded.text, cursor, rowsPerTurn, onRow)) await nextTurn();
  if (cursor.unterminatedLine > 0) {
    issues.push({
      file: input.file,
      line: cursor.unterminatedLine,
      column: cursor.unterminatedColumn,
      code: 'bad_format',
      message: 'expected a closing double quote for the quoted field opened here',
    });
  }
  // A header that is itself filler, with only filler after it: the file holds nothing.
  if (header !== undefined && rowCount === 0 && isTrailingFiller(header.cells)) header = undefined;
  if (header === undefined) {
    issues.push(
      emptyFile(input.file, 0, 'expected a header row followed by data rows; the file is empty'),
    );
    return { header: [], headerLine: 0, issues, encoding: decoded.encoding, rowCount: 0 };
  }
  if (rowCount === 0) {
    // Importing no rows would replace the source's stored snapshot with nothing.
    issues.push(
      emptyFile(
        input.file,
        header.line,
        'expected a header row followed by data rows; found no data rows',
      ),
    );
  }
  return {
    header: header.cells,
    headerLine: header.line,
    issues,
    encoding: decoded.encoding,
    rowCount,
  };
}

function emptyFile(file: string, line: number, message: string): RowIssue {
  return { file, line, column: 0, code: 'empty_file', message };
}
