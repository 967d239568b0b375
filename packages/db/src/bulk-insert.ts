import { CompiledQuery } from 'kysely';
import { chunkSize, chunks } from './chunks';
import { dialectOf, type Db, type Dialect } from './database';
export { inKeyOrder, keyOrder } from './key-order';
import type { DatabaseSchema } from './schema';
import { StagedRows, type StagedColumn } from './staged-rows';

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

/** Statements sent between two turns of the event loop (each up to a chunk of rows). */
const statementsPerTurn = 4;

/**
 * Lets the event loop turn after every {@link statementsPerTurn}th statement of a bulk insert:
 * on the embedded SQLite connection every statement completes at once, and an import of
 * hundreds of thousands of rows would hold a server's every other request until it commits.
 * Promises alone never let the loop turn.
 */
async function turnAfter(statement: number): Promise<void> {
  if (statement % statementsPerTurn === statementsPerTurn - 1) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

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
  let sent = 0;
  for (const part of chunks(rows, dialect)) {
    const parameters: unknown[] = [];
    for (const row of part) {
      for (const column of columns) parameters.push(row[column] ?? null);
    }
    await send(db, statement(dialect, table, columns, part.length, onConflict), parameters);
    await turnAfter(sent++);
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
  onConflict?: OnConflict<T>,
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
    await send(db, statement(dialect, table, columns, end - start, onConflict), parameters);
    await turnAfter(start / size);
  }
}

/**
 * {@link bulkInsertWith} from rows another thread staged on the writer thread (see
 * staged-rows.ts): `count` rows of the stage, each inserted as `columns` say. Only a transaction
 * on a writer from openSqliteWriter holds staged rows.
 * @example await insertStaged(trx, 'record_identities', ['record_id', 'identity_key'], 'file-3', n, [{ seq: 1 }, { column: 10 }]);
 */
export async function insertStaged<T extends keyof DatabaseSchema>(
  db: Db,
  table: T,
  columns: readonly Column<T>[],
  stage: string,
  count: number,
  values: readonly StagedColumn[],
): Promise<void> {
  if (values.length !== columns.length) {
    throw new Error(`insertStaged(${table}): one value per column expected`);
  }
  const dialect = dialectOf(db);
  const size = chunkSize(dialect, columns.length);
  for (let start = 0; start < count; start += size) {
    const end = Math.min(count, start + size);
    const text = statement(dialect, table, columns, end - start, undefined);
    await send(db, text, [new StagedRows(stage, start, end, values)]);
    await turnAfter(start / size);
  }
}
