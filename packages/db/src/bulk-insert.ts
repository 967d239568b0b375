import { CompiledQuery } from 'kysely';
import { chunkSize, chunks } from './chunks';
import { dialectOf, type Db, type Dialect } from './database';
import type { DatabaseSchema } from './schema';

type Row<T extends keyof DatabaseSchema> = DatabaseSchema[T];
type Column<T extends keyof DatabaseSchema> = keyof Row<T> & string;

/** What to do when a row's key exists: replace the listed columns, or skip the row. */
export type OnConflict<T extends keyof DatabaseSchema> =
  | { key: readonly Column<T>[]; update: readonly Column<T>[] }
  | { key: readonly Column<T>[]; update: 'nothing' };

const statements = new Map<string, string>();

/** Writes sent but not yet confirmed, per transaction that asked for write-behind. */
const behind = new WeakMap<Db, Promise<unknown>[]>();

/**
 * Runs `work` with the bulk inserts on `trx` sent without waiting for each to finish: the SQLite
 * connection (the writer thread's: see sqlite-writer.ts) runs them in order while the caller goes
 * on building the next rows. On PostgreSQL every statement is waited for, as without it. Every write is confirmed
 * before this returns; the first failure (in statement order) is thrown, so the transaction
 * rolls back. Statements other than bulk inserts still wait for everything sent before them.
 * @example await writeBehind(trx, () => insertBatch(trx, input));
 */
export async function writeBehind<T>(trx: Db, work: () => Promise<T>): Promise<T> {
  // PostgreSQL's client runs one query at a time (queuing more is deprecated in pg): it waits.
  if (!trx.isTransaction || behind.has(trx) || dialectOf(trx) === 'postgres') return work();
  const sent: Promise<unknown>[] = [];
  behind.set(trx, sent);
  try {
    const result = await work();
    await confirmed(sent);
    return result;
  } catch (error) {
    await Promise.allSettled(sent);
    throw error;
  } finally {
    behind.delete(trx);
  }
}

async function confirmed(sent: readonly Promise<unknown>[]): Promise<void> {
  for (const outcome of await Promise.allSettled(sent)) {
    if (outcome.status === 'rejected') throw outcome.reason;
  }
}

function ignore(): void {}

/**
 * Sends a write whose result nobody reads (an UPDATE or DELETE): queued under
 * {@link writeBehind}, waited for otherwise.
 * @example await queueWrite(trx, trx.deleteFrom('child_facts').where('source', '=', source));
 */
export async function queueWrite(db: Db, query: { compile: () => CompiledQuery }): Promise<void> {
  const { sql, parameters } = query.compile();
  await send(db, sql, [...parameters]);
}

/** Sends one statement: waited for, or queued on the transaction's write-behind list. */
async function send(db: Db, text: string, parameters: unknown[]): Promise<void> {
  const sent = behind.get(db);
  if (sent === undefined) {
    await db.executeQuery(CompiledQuery.raw(text, parameters));
    return;
  }
  // The connection is held only to hand the statement over: the next one may follow at once.
  await db.getExecutor().provideConnection(async (connection) => {
    const result = connection.executeQuery(CompiledQuery.raw(text, parameters));
    result.catch(ignore); // reported by writeBehind, in statement order
    sent.push(result);
  });
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

function statement(
  dialect: Dialect,
  table: string,
  columns: readonly string[],
  rowCount: number,
  conflict: { key: readonly string[]; update: readonly string[] | 'nothing' } | undefined,
): string {
  const cacheKey = `${dialect}|${table}|${columns.join(',')}|${rowCount}|${JSON.stringify(conflict ?? null)}`;
  const cached = statements.get(cacheKey);
  if (cached !== undefined) return cached;
  let n = 0;
  const placeholder = dialect === 'postgres' ? () => `$${++n}` : () => '?';
  const tuples: string[] = [];
  for (let r = 0; r < rowCount; r++) tuples.push(`(${columns.map(placeholder).join(',')})`);
  let text = `insert into ${quote(table)} (${columns.map(quote).join(',')}) values ${tuples.join(',')}`;
  if (conflict !== undefined) {
    const target = conflict.key.map(quote).join(',');
    text +=
      conflict.update === 'nothing'
        ? ` on conflict (${target}) do nothing`
        : ` on conflict (${target}) do update set ${conflict.update.map((c) => `${quote(c)} = excluded.${quote(c)}`).join(', ')}`;
  }
  statements.set(cacheKey, text);
  return text;
}

/**
 * Inserts many rows with multi-row INSERTs sized to the dialect's parameter limit. Builds the
 * SQL text directly (cached per shape) instead of a query tree per chunk: imports of a million
 * rows spend their time in the database, not in query building. Every row must have the same
 * keys. Run it inside a transaction for all-or-nothing.
 * @example await bulkInsert(trx, 'child_facts', rows, { key: ['child_id'], update: ['facts_json'] });
 */
export async function bulkInsert<T extends keyof DatabaseSchema>(
  db: Db,
  table: T,
  rows: readonly Row<T>[],
  onConflict?: OnConflict<T>,
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const dialect = dialectOf(db);
  const columns = Object.keys(first) as Column<T>[];
  for (const part of chunks(rows, dialect)) {
    const parameters: unknown[] = [];
    for (const row of part) {
      for (const column of columns) parameters.push(row[column] ?? null);
    }
    await send(db, statement(dialect, table, columns, part.length, onConflict), parameters);
  }
}

/**
 * {@link bulkInsert} without row objects: `fill(out, i)` pushes row `i`'s values, in `columns`
 * order, onto `out`. For the largest tables of an import, where building an object per row and
 * reading it back by column name costs more than the values themselves.
 * @example await bulkInsertWith(trx, 'source_records', ['id', 'line'], n, (out, i) => out.push(i + 1, lines[i]));
 */
export async function bulkInsertWith<T extends keyof DatabaseSchema>(
  db: Db,
  table: T,
  columns: readonly Column<T>[],
  count: number,
  fill: (out: unknown[], index: number) => void,
): Promise<void> {
  if (count === 0) return;
  const dialect = dialectOf(db);
  const size = chunkSize(dialect, columns.length);
  for (let start = 0; start < count; start += size) {
    const end = Math.min(count, start + size);
    const parameters: unknown[] = [];
    for (let i = start; i < end; i++) fill(parameters, i);
    if (parameters.length !== (end - start) * columns.length) {
      throw new Error(`bulkInsertWith(${table}): fill pushed a wrong number of values`);
    }
    await send(db, statement(dialect, table, columns, end - start, undefined), parameters);
  }
}

/**
 * Sorts freshly built rows by their primary key, in place. B-tree inserts in key order append to
 * the index instead of splitting pages all over it: about a third cheaper per row on SQLite for
 * the random pseudonymous child ids. Sorts the bare keys (no comparator calls back into JS) and
 * skips rows already in order (children and persons arrive in the same order).
 * @example await bulkInsert(trx, 'child_facts', inKeyOrder(rows, (r) => r.child_id));
 */
export function inKeyOrder<T>(rows: T[], key: (row: T) => string): T[] {
  const keys = rows.map(key);
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++)
    sorted = (keys[i - 1] as string) <= (keys[i] as string);
  if (sorted) return rows;
  const byKey = new Map<string, T>();
  for (let i = 0; i < rows.length; i++) byKey.set(keys[i] as string, rows[i] as T);
  if (byKey.size !== rows.length) {
    // Duplicate keys (the insert will fail on them anyway): fall back to a stable object sort.
    return rows.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }
  // The default sort compares UTF-16 code units, as `<` does.
  keys.sort();
  for (let i = 0; i < keys.length; i++) rows[i] = byKey.get(keys[i] as string) as T;
  return rows;
}

/**
 * The stable order that sorts `keys` (null keys first, then in code-unit order), as indexes into
 * `keys`; `null` when they are in that order already (checked first: cheap). Groups equal keys
 * in a map and sorts the distinct keys alone, without a comparator: no calls back into JS.
 * @example const order = keyOrder(records.map((r) => r.childId)); // [2, 0, 1] or null
 */
export function keyOrder(keys: readonly (string | null)[]): number[] | null {
  let ordered = true;
  let previous: string | null = null;
  for (let i = 0; i < keys.length && ordered; i++) {
    const key = keys[i] as string | null;
    if (key === null) ordered = previous === null;
    else if (previous !== null) ordered = previous <= key;
    if (key !== null) previous = key;
  }
  if (ordered) return null;
  const order: number[] = [];
  const groups = new Map<string, number | number[]>();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string | null;
    if (key === null) {
      order.push(i);
      continue;
    }
    const group = groups.get(key);
    if (group === undefined) groups.set(key, i);
    else if (typeof group === 'number') groups.set(key, [group, i]);
    else group.push(i);
  }
  const distinct = [...groups.keys()].sort();
  for (const key of distinct) {
    const group = groups.get(key) as number | number[];
    if (typeof group === 'number') order.push(group);
    else for (const i of group) order.push(i);
  }
  return order;
}
