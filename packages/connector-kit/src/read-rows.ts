import type { RowIssue } from '@mimamori/records';
import type { Connector, FileFormat, RawRow, RowField, TextEncoding } from './connector';
import { REPLACEMENT } from './decode-text';
import { normalizeHeader } from './define-connector';
import { isZip, readTableEach, type FileInput, type TableReadResult } from './read-table';

/** A file to run through a connector, with optional overrides of its format, encoding and sheet. */
export interface ConnectorInput extends FileInput {
  readonly format?: FileFormat;
  readonly encoding?: TextEncoding;
  readonly sheet?: string;
}

/** Rows keyed by the connector's column keys, plus the problems met while reading. */
export interface ReadRowsResult {
  readonly rows: RawRow[];
  readonly issues: RowIssue[];
  readonly encoding: TableReadResult['encoding'];
}

function fieldsOf(connector: Connector): Record<string, RowField> {
  const fields: Record<string, RowField> = {};
  for (const column of connector.columns) {
    fields[column.key] = { header: column.header, required: column.required };
  }
  return Object.freeze(fields);
}

function hasReplacement(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell.includes(REPLACEMENT)) return true;
  return false;
}

/**
 * Reads a file and maps its header to the connector's columns (NFKC + trim); extra columns are
 * ignored. A missing required header is `missing_column`; a row with the wrong number of cells
 * is `bad_format`. Rows with undecodable bytes are reported by `readTable` and not returned.
 *
 * @example
 * const { rows, issues } = await readRows(roster, { file: 'roster.csv', bytes });
 */
export async function readRows(
  connector: Connector,
  input: ConnectorInput,
): Promise<ReadRowsResult> {
  const rows: RawRow[] = [];
  const read = await readRowsEach(connector, input, (row) => rows.push(row));
  return { rows, issues: read.issues, encoding: read.encoding };
}

/**
 * {@link readRows} one row at a time: `onRow` gets each row as it is read, so a caller that keeps
 * only what it makes of a row (records) lets the rows be collected young. The rows handed on and
 * the issues are exactly readRows'.
 * @example const { issues, rowCount } = await readRowsEach(roster, input, (row) => use(row));
 */
export async function readRowsEach(
  connector: Connector,
  input: ConnectorInput,
  onRow: (row: RawRow) => void,
): Promise<{ issues: RowIssue[]; encoding: ReadRowsResult['encoding']; rowCount: number }> {
  const format = input.format ?? (isZip(input.bytes) ? 'xlsx' : 'csv');
  const file = input.file;
  if (!connector.file.formats.includes(format)) {
    const expected = connector.file.formats.join(' or ');
    const issue: RowIssue = {
      file,
      line: 0,
      column: 0,
      code: 'bad_file',
      message: `expected a ${expected} file for connector ${connector.name}`,
    };
    return { issues: [issue], encoding: format === 'xlsx' ? 'xlsx' : 'utf-8', rowCount: 0 };
  }
  const sheet = input.sheet ?? connector.file.sheet;
  const fields = fieldsOf(connector);
  // Set from the header (it comes before any data row).
  const mapped: { key: string; index: number }[] = [];
  const columns: Record<string, number> = {};
  const missing: RowIssue[] = [];
  let width = 0;
  let lossy = false;
  const rowIssues: RowIssue[] = [];
  let rowCount = 0;
  const table = await readTableEach(
    input,
    {
      format,
      encoding: input.encoding ?? connector.file.encoding,
      ...(sheet === undefined ? {} : { sheet }),
    },
    {
      header: (header, line, undecodable) => {
        width = header.length;
        lossy = undecodable;
        const positions = new Map<string, number>();
        header.forEach((text, index) => {
          const normalized = normalizeHeader(text);
          if (!positions.has(normalized)) positions.set(normalized, index);
        });
        for (const spec of connector.columns) {
          const index = positions.get(normalizeHeader(spec.header));
          if (index !== undefined) {
            mapped.push({ key: spec.key, index });
            columns[spec.key] = index + 1;
          } else if (spec.required) {
            missing.push({
              file,
              line,
              column: 0,
              code: 'missing_column',
              field: spec.header,
              message: `expected a column headed ${spec.header}`,
            });
          }
        }
        Object.freeze(columns);
      },
      row: (row) => {
        // A missing column: the header is reported, not the rows.
        if (missing.length > 0) return;
        const cells = row.cells;
        if (cells.length !== width) {
          rowIssues.push({
            file,
            line: row.line,
            column: 0,
            code: 'bad_format',
            message: `expected ${width} cells as in the header, found ${cells.length}`,
          });
          return;
        }
        // Its undecodable cells are reported (readTableEach): the row is not handed on.
        if (lossy && hasReplacement(cells)) return;
        const values: Record<string, string> = {};
        for (const { key, index } of mapped) values[key] = cells[index] ?? '';
        rowCount++;
        onRow({ file, line: row.line, values, columns, fields });
      },
    },
  );
  // Loops, not push(...list): a file can hold more problems than a call has room for arguments.
  const issues = table.issues;
  for (const issue of missing) issues.push(issue);
  for (const issue of rowIssues) issues.push(issue);
  return { issues, encoding: table.encoding, rowCount };
}
