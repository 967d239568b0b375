import { identitySchema, type Identity } from '@mimamori/records';
import { bulkInsert } from '../bulk-insert';
import type { Db } from '../database';
import { fromJson } from '../json-column';
import { nowIso } from '../now-iso';
import { inTransaction } from '../transaction';
import type { ChildInput } from './ingest';
import { toRecord, type StoredRecord } from './source-records';

/** A stored record with the identity it carried (personal data: for linkage only). */
export interface RecordWithIdentity extends StoredRecord {
  identity: Identity | null;
}

/**
 * Iterates source records (optionally linked ones only) with their identities, one page at a
 * time by id. Used by re-linkage and fact derivation; never exposed to the scoring side.
 * @example for await (const page of readRecordsWithIdentity(db, { linkedOnly: false })) relink(page);
 */
export async function* readRecordsWithIdentity(
  db: Db,
  options: { linkedOnly: boolean; pageSize?: number },
): AsyncGenerator<RecordWithIdentity[]> {
  const pageSize = options.pageSize ?? 10_000;
  let after: string | null = null;
  for (;;) {
    let query = db
      .selectFrom('source_records as r')
      .leftJoin('record_identities as i', 'i.record_id', 'r.id')
      .selectAll('r')
      .select('i.identity_json');
    if (options.linkedOnly) query = query.where('r.link_status', '=', 'linked');
    if (after !== null) query = query.where('r.id', '>', after);
    const rows = await query.orderBy('r.id').limit(pageSize).execute();
    if (rows.length === 0) return;
    yield rows.map((row) => ({
      ...toRecord(row),
      identity:
        row.identity_json === null
          ? null
          : fromJson(identitySchema, row.identity_json, 'record_identities.identity_json'),
    }));
    const last = rows[rows.length - 1];
    if (rows.length < pageSize || last === undefined) return;
    after = last.id;
  }
}

/** Inserts or updates children's non-identifying profile rows (context after re-derivation). */
export async function upsertChildren(db: Db, children: readonly ChildInput[]): Promise<void> {
  const at = nowIso();
  await inTransaction(db, async function writeChildren(trx) {
    await bulkInsert(
      trx,
      'children',
      children.map((c) => ({ ...c, created_at: at, updated_at: at })),
      { key: ['id'], update: ['sex', 'age', 'school', 'grade', 'nursery', 'updated_at'] },
    );
  });
}
