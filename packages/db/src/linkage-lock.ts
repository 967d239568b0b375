import { sql } from 'kysely';
import { dialectOf, type Db } from './database';
import { DbError } from './db-error';

/** The PostgreSQL advisory lock key of linkage writers (an arbitrary constant: "mima"). */
const linkageLockKey = 0x6d696d61;

/**
 * Serialises every transaction that writes links or the facts derived from them (imports,
 * re-links, review decisions): call it as the transaction's FIRST statement, so everything the
 * transaction reads was committed by the writer before it. Without it, PostgreSQL's READ
 * COMMITTED lets two writers each read the other's pre-commit state and write facts built on it.
 * PostgreSQL: a transaction-scoped advisory lock (reentrant, released at commit or rollback).
 * SQLite: a write that changes nothing but takes the database's write lock before any read, so a
 * second process waits (busy timeout) instead of failing when its read snapshot goes stale.
 * @example await db.transaction().execute(async (trx) => { await lockLinkage(trx); … });
 */
export async function lockLinkage(trx: Db): Promise<void> {
  if (!trx.isTransaction) {
    throw new DbError('invalid_state', 'the linkage lock is held by a transaction: pass one');
  }
  if (dialectOf(trx) === 'postgres') {
    await sql`select pg_advisory_xact_lock(${sql.lit(linkageLockKey)})`.execute(trx);
    return;
  }
  await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb.ref('value') }))
    .where('name', '=', 'linkage_lock')
    .execute();
}
