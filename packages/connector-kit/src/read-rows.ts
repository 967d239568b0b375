import type { RowIssue } from '@mimamori/records';
import type { Connector, FileFormat, RawRow, RowField, TextEncoding } from './connector';
import { REPLACEMENT } from './decode-text';
import { normalizeHeader } from './define-connector';
import { isZip, readTable, type FileInput, type TableReadResult } from './read-table';

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
    return { rows: [], issues: [issue], encoding: format === 'xlsx' ? 'xlsx' : 'utf-8' };
  }
  const sheet = input.sheet ?? connector.file.sheet;
  const table = await readTable(input, {
    format,
    encoding: input.encoding ?? connector.file.encoding,
    ...(sheet === undefined ? {} : { sheet }),
  });
  const issues = table.issues;
  // No header, or a header without data rows (empty_file): nothing to map.
  if (table.headerLine === 0 || table.rows.length === 0) {
    return { rows: [], issues, encoding: table.encoding };
  }

  const positions = new Map<string, number>();
  table.header.forEach((header, index) => {
    const normalized = normalizeHeader(header);
    if (!positions.has(normalized)) positions.set(normalized, index);
  });
  const mapped: { key: string; index: number }[] = [];
  const columns: Record<string, number> = {};
  for (const spec of connector.columns) {
    const index = positions.get(normalizeHeader(spec.header));
    if (index !== undefined) {
      mapped.push({ key: spec.key, index });
      columns[spec.key] = index + 1;
    } else if (spec.required) {
      issues.push({
        file,
        line: table.headerLine,
        column: 0,
        code: 'missing_column',
        field: spec.header,
        message: `expected a column headed ${spec.header}`,
      });
    }
  }
  if (issues.some((issue) => issue.code === 'missing_column')) {
    return { rows: [], issues, encoding: table.encoding };
  }

  Object.freeze(columns);
  const fields = fieldsOf(connector);
  const width = table.header.length;
  const checkUndecodable = issues.some((issue) => issue.code === 'undecodable');
  const rows: RawRow[] = [];
  for (const row of table.rows) {
    const cells = row.cells;
    if (cells.length !== width) {
      issues.push({
        file,
        line: row.line,
        column: 0,
        code: 'bad_format',
        message: `expected ${width} cells as in the header, found ${cells.length}`,
      });
      continue;
    }
    if (checkUndecodable && hasReplacement(cells)) continue;
    const values: Record<string, string> = {};
    for (const { key, index } of mapped) values[key] = cells[index] ?? '';
    rows.push({ file, line: row.line, values, columns, fields });
  }
  return { rows, issues, encoding: table.encoding };
}
