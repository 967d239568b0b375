import type { Connector, RawRow } from '@mimamori/connector-kit';
import { readRowsEach } from '@mimamori/connector-kit';
import type { RecordInput } from '@mimamori/db';
import type { RowIssue, SourceRecord } from '@mimamori/records';
import { gaijiMapper } from './gaiji-rows';
import { validateRosterRecords } from './roster-records';

/** Records in `order`, each keeping its file position in `seq`. */
export function inOrder(records: readonly RecordInput[], order: readonly number[]): RecordInput[] {
  return order.map((i) => Object.assign(records[i] as RecordInput, { seq: i }));
}

export function byPosition(a: RowIssue, b: RowIssue): number {
  return a.line - b.line || a.column - b.column;
}

export function countFields(records: readonly SourceRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of records) {
    // for…in, not Object.entries: no pair arrays for every fact of every record.
    for (const k in r.facts) if (r.facts[k] !== null) counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

/**
 * Reads, maps 外字 and normalises every row; returns the records and every issue. Each row is
 * made into its records as soon as it is read: only the records are kept (a file's rows would
 * otherwise all live until the last is read, and be copied by every young collection meanwhile).
 */
export async function readRecords(
  connector: Connector,
  input: { file: string; bytes: Uint8Array },
  gaijiTable: ReadonlyMap<string, string>,
  validating: () => void | Promise<void>,
): Promise<{
  issues: RowIssue[];
  records: SourceRecord[];
  rowCount: number;
  encoding: string;
  gaijiMapped: number;
}> {
  const gaiji = gaijiMapper(connector, gaijiTable);
  const rowIssues: RowIssue[] = [];
  const records: SourceRecord[] = [];
  // Where a roster's records are, for its own checks (every row of a file shares them).
  let where: Pick<RawRow, 'file' | 'columns'> | undefined;
  const read = await readRowsEach(connector, input, (raw) => {
    const row = gaiji.map(raw);
    where ??= row;
    const result = connector.normalize(row);
    for (const issue of result.issues) rowIssues.push(issue);
    if (result.issues.length === 0) for (const record of result.records) records.push(record);
  });
  await validating();
  // Loops, not push(...list): a file can hold more problems than a call has room for arguments.
  const issues: RowIssue[] = read.issues.concat(gaiji.issues);
  for (const issue of rowIssues) issues.push(issue);
  if (connector.roster) {
    for (const issue of validateRosterRecords(connector, where, records)) issues.push(issue);
  }
  return {
    issues,
    records,
    rowCount: read.rowCount,
    encoding: read.encoding,
    gaijiMapped: gaiji.mapped(),
  };
}
