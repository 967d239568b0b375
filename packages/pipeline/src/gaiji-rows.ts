import type { Connector, RawRow } from '@mimamori/connector-kit';
import { applyGaijiTable } from '@mimamori/identity';
import type { RowIssue } from '@mimamori/records';

/**
 * Replaces mapped 外字 in every identity/personal cell and reports each unmapped one with its
 * line and column (the character's position is not revealed, only its code).
 */
export function applyGaijiToRows(
  connector: Connector,
  rows: readonly RawRow[],
  table: ReadonlyMap<string, string>,
): { rows: RawRow[]; issues: RowIssue[]; mapped: number } {
  const mapper = gaijiMapper(connector, table);
  const out = rows.map((row) => mapper.map(row));
  return { rows: out, issues: mapper.issues, mapped: mapper.mapped() };
}

/**
 * {@link applyGaijiToRows} one row at a time: `map` returns the row with its 外字 mapped (the
 * same row when it holds none) and collects the issues.
 * @example const gaiji = gaijiMapper(connector, table); const row2 = gaiji.map(row);
 */
export function gaijiMapper(
  connector: Connector,
  table: ReadonlyMap<string, string>,
): { map: (row: RawRow) => RawRow; issues: RowIssue[]; mapped: () => number } {
  const keys = connector.columns
    .filter((c) => c.role === 'identity' || c.role === 'personal')
    .map((c) => c.key);
  // A mapped connector's columns are keyed c1…cN: it says which hold names and kana.
  const names = new Set(connector.nameColumns ?? ['name', 'kana']);
  const issues: RowIssue[] = [];
  let mapped = 0;
  function mapRow(row: RawRow): RawRow {
    let values: Record<string, string | undefined> | undefined;
    for (const key of keys) {
      const text = row.values[key];
      if (text === undefined || text === '') continue;
      // In names a `?`/`？` stands for a lost character too (an export that could not encode it).
      const result = applyGaijiTable(text, table, { name: names.has(key) });
      if (result.text === text && result.unmapped.length === 0) continue;
      for (const u of result.unmapped) {
        issues.push({
          file: row.file,
          line: row.line,
          column: row.columns[key] ?? 0,
          code: 'gaiji_unmapped',
          field: key,
          message: `外字 ${u.code} has no entry in the 外字 table: map it to a standard character`,
        });
      }
      mapped += result.unmapped.length === 0 ? 1 : 0;
      values ??= { ...row.values };
      values[key] = result.text;
    }
    return values ? { ...row, values } : row;
  }
  return { map: mapRow, issues, mapped: () => mapped };
}
