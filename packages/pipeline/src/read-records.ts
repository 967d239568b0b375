import type { Connector, RawRow } from '@mimamori/connector-kit';
import { readRowsEach } from '@mimamori/connector-kit';
import type { RecordInput } from '@mimamori/db';
import type { RowIssue, SourceRecord } from '@mimamori/records';
import { gaijiMapper } from './gaiji-rows';
import { rosterChecker } from './roster-records';

/** Records in `order`, each keeping its file position in `seq`. */
export function inOrder(records: readonly RecordInput[], order: readonly number[]): RecordInput[] {
  return order.map((i) => Object.assign(records[i] as RecordInput, { seq: i }));
}

export function byPosition(a: RowIssue, b: RowIssue): number {
  return a.line - b.line || a.column - b.column;
}

/**
 * Reads, maps 外字 and normalises every row; returns the records and every issue. Each row is
 * made into its records as soon as it is read: only the records are kept (a file's rows would
 * otherwise all live until the last is read, and be copied by every young collection meanwhile).
 * `keep`: which records to return (default all); counts and checks cover every record.
 */
export async function readRecords(
  connector: Connector,
  input: { file: string; bytes: Uint8Array },
  gaijiTable: ReadonlyMap<string, string>,
  validating: () => void | Promise<void>,
  keep?: (record: SourceRecord) => boolean,
): Promise<{
  issues: RowIssue[];
  records: SourceRecord[];
  /** Every valid row's records, kept or not. */
  recordCount: number;
  fieldCounts: Record<string, number>;
  rowCount: number;
  encoding: string;
  gaijiMapped: number;
}> {
  const gaiji = gaijiMapper(connector, gaijiTable);
  const roster = connector.roster ? rosterChecker(connector) : null;
  const rowIssues: RowIssue[] = [];
  const records: SourceRecord[] = [];
  const fieldCounts: Record<string, number> = {};
  let recordCount = 0;
  // Where a roster's records are, for its own checks (every row of a file shares them).
  let where: Pick<RawRow, 'file' | 'columns'> | undefined;
  const read = await readRowsEach(connector, input, (raw) => {
    const row = gaiji.map(raw);
    where ??= row;
    const result = connector.normalize(row);
    for (const issue of result.issues) rowIssues.push(issue);
    if (result.issues.length > 0) return;
    for (const record of result.records) {
      recordCount++;
      // for…in, not Object.entries: no pair arrays for every fact of every record.
      for (const k in record.facts) {
        if (record.facts[k] !== null) fieldCounts[k] = (fieldCounts[k] ?? 0) + 1;
      }
      roster?.add(record);
      if (keep === undefined || keep(record)) records.push(record);
    }
  });
  await validating();
  // Loops, not push(...list): a file can hold more problems than a call has room for arguments.
  const issues: RowIssue[] = read.issues.concat(gaiji.issues);
  for (const issue of rowIssues) issues.push(issue);
  if (roster) for (const issue of roster.issues(where)) issues.push(issue);
  return {
    issues,
    records,
    recordCount,
    fieldCounts,
    rowCount: read.rowCount,
    encoding: read.encoding,
    gaijiMapped: gaiji.mapped(),
  };
}
