import type { Db } from '../database';
import { inTransaction } from '../transaction';
import { nowIso } from '../now-iso';
import type { GaijiEntriesTable } from '../schema';

/** One 外字 mapping: the code as it appears in files → standard text. */
export interface GaijiEntry {
  code: string;
  standard: string;
  note: string | null;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

function toEntry(row: GaijiEntriesTable): GaijiEntry {
  return {
    code: row.code,
    standard: row.standard,
    note: row.note,
    version: row.version,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

/** The whole 外字 table, ordered by code. */
export async function listGaiji(db: Db): Promise<GaijiEntry[]> {
  const rows = await db.selectFrom('gaiji_entries').selectAll().orderBy('code').execute();
  return rows.map(toEntry);
}

/**
 * Creates or changes a 外字 mapping; the previous versions stay in the history.
 * @example await upsertGaiji(db, { code: 'U+E001', standard: '髙', note: null, updatedBy: 'u1' });
 */
export async function upsertGaiji(
  db: Db,
  input: { code: string; standard: string; note: string | null; updatedBy: string | null },
): Promise<GaijiEntry> {
  return inTransaction(db, async function writeGaiji(trx) {
    const current = await trx
      .selectFrom('gaiji_entries')
      .select('version')
      .where('code', '=', input.code)
      .executeTakeFirst();
    const row: GaijiEntriesTable = {
      code: input.code,
      standard: input.standard,
      note: input.note,
      version: (current?.version ?? 0) + 1,
      updated_by: input.updatedBy,
      updated_at: nowIso(),
    };
    if (current) {
      await trx.updateTable('gaiji_entries').set(row).where('code', '=', input.code).execute();
    } else {
      await trx.insertInto('gaiji_entries').values(row).execute();
    }
    await trx.insertInto('gaiji_history').values(row).execute();
    return toEntry(row);
  });
}

/** Every version of one code (or of all codes), oldest first. */
export async function listGaijiHistory(db: Db, code?: string): Promise<GaijiEntry[]> {
  let query = db.selectFrom('gaiji_history').selectAll();
  if (code !== undefined) query = query.where('code', '=', code);
  const rows = await query.orderBy('code').orderBy('version').execute();
  return rows.map(toEntry);
}
