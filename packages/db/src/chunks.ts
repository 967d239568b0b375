import type { Dialect } from './database';

/** Bound parameters one statement may carry (SQLite's default 32766, PostgreSQL's 65535). */
const maxParameters: Record<Dialect, number> = { sqlite: 32_766, postgres: 65_535 };

/** Rows per statement beyond which bigger statements stop paying off. */
const maxRowsPerStatement = 1_000;

/** Rows per multi-row INSERT of `columns` columns on the dialect. */
export function chunkSize(dialect: Dialect, columns: number): number {
  return Math.max(
    1,
    Math.min(maxRowsPerStatement, Math.floor(maxParameters[dialect] / Math.max(1, columns))),
  );
}

/**
 * Splits rows into slices that fit one multi-row INSERT on the given dialect.
 * @example for (const part of chunks(rows, dialect)) await trx.insertInto('t').values(part).execute();
 */
export function* chunks<T extends object>(rows: readonly T[], dialect: Dialect): Generator<T[]> {
  const first = rows[0];
  if (first === undefined) return;
  const size = chunkSize(dialect, Object.keys(first).length);
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}
