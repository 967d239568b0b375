import { sourceRecordSchema, type RowIssue, type SourceRecord } from '@mimamori/records';
import type { Connector } from './connector';
import { ConnectorKitError } from './connector-kit-error';
import { readRows, type ConnectorInput, type ReadRowsResult } from './read-rows';

/** Outcome of running a connector over one file. `records` is empty whenever `issues` is not. */
export interface ConnectorRunResult {
  readonly records: SourceRecord[];
  readonly issues: RowIssue[];
  /** Data rows read (excluding the header and rows rejected while reading). */
  readonly rows: number;
  readonly encoding: ReadRowsResult['encoding'];
  /** Per column key: how many rows had a non-empty cell. */
  readonly fieldCounts: Record<string, number>;
}

function byPosition(a: RowIssue, b: RowIssue): number {
  return a.line - b.line || a.column - b.column;
}

function isBlankCell(value: string | undefined): boolean {
  if (value === undefined) return true;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x3000) return false;
  }
  return true;
}

function checkRecords(connector: Connector, records: readonly SourceRecord[], file: string): void {
  for (const record of records) {
    const parsed = sourceRecordSchema.safeParse(record);
    if (!parsed.success) {
      const paths = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)');
      throw new ConnectorKitError(
        'invalid_record',
        `connector ${connector.name} emitted an invalid record for ${file}:${record.line} at ${paths.join(', ')}`,
        { cause: parsed.error },
      );
    }
  }
}

/**
 * Reads a file, normalises every row and collects every issue (no early stop). All or nothing:
 * records are returned only when there is no issue. Outside production, records are checked
 * against `sourceRecordSchema` and a bad one throws `invalid_record` (a connector bug).
 *
 * @example
 * const run = await runConnector(roster, { file: 'roster.csv', bytes });
 * if (run.issues.length > 0) run.issues.forEach((i) => console.error(formatRowIssue(i)));
 */
export async function runConnector(
  connector: Connector,
  input: ConnectorInput,
): Promise<ConnectorRunResult> {
  const read = await readRows(connector, input);
  const issues = read.issues;
  const records: SourceRecord[] = [];
  const keys = connector.columns.map((column) => column.key);
  const counts = new Array<number>(keys.length).fill(0);
  for (const row of read.rows) {
    for (let k = 0; k < keys.length; k++) {
      if (!isBlankCell(row.values[keys[k] ?? ''])) counts[k] = (counts[k] ?? 0) + 1;
    }
    let result;
    try {
      result = connector.normalize(row);
    } catch (error) {
      throw new ConnectorKitError(
        'connector_failed',
        `connector ${connector.name} threw on ${row.file}:${row.line}`,
        { cause: error },
      );
    }
    for (const issue of result.issues) issues.push(issue);
    for (const record of result.records) records.push(record);
  }
  if (process.env['NODE_ENV'] !== 'production') checkRecords(connector, records, input.file);
  const fieldCounts: Record<string, number> = {};
  keys.forEach((key, k) => (fieldCounts[key] = counts[k] ?? 0));
  issues.sort(byPosition);
  return {
    records: issues.length > 0 ? [] : records,
    issues,
    rows: read.rows.length,
    encoding: read.encoding,
    fieldCounts,
  };
}
