import type { Db } from './database';

/**
 * Runs `work` in a transaction, or inside the caller's when `db` already is one, so that
 * repository calls compose (e.g. an import and its audit entry commit together).
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
