import { identitySchema, type Identity } from '@mimamori/records';
import type { Db } from '../database';
import { fromJson } from '../json-column';
import { selectRecords, toRecord, type StoredRecord } from './source-records';

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
  let after: number | null = null;
  for (;;) {
    let query = selectRecords(db)
      .leftJoin('record_identities as i', 'i.record_id', 'r.id')
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

/** What re-linkage needs of a non-roster record: its current link and the identity it carried. */
export interface LinkInput {
  id: string;
  childId: string | null;
  linkStatus: string;
  linkMethod: string | null;
  identity: Identity;
}

/**
 * Iterates non-roster records with their identities (no facts), one page at a time by id:
 * the lean read behind `mimamori link`.
 * @example for await (const page of readLinkInputs(db)) relink(page);
 */
export async function* readLinkInputs(
  db: Db,
  options: { pageSize?: number } = {},
): AsyncGenerator<LinkInput[]> {
  const pageSize = options.pageSize ?? 20_000;
  let after: number | null = null;
  for (;;) {
    let query = db
      .selectFrom('source_records as r')
      .innerJoin('record_identities as i', 'i.record_id', 'r.id')
      .select(['r.id', 'r.child_id', 'r.link_status', 'r.link_method', 'i.identity_json'])
      .where('r.kind', '=', 'observation');
    if (after !== null) query = query.where('r.id', '>', after);
    const rows = await query.orderBy('r.id').limit(pageSize).execute();
    if (rows.length === 0) return;
    yield rows.map((row) => ({
      id: String(row.id),
      childId: row.child_id,
      linkStatus: row.link_status,
      linkMethod: row.link_method,
      identity: fromJson(identitySchema, row.identity_json, 'record_identities.identity_json'),
    }));
    const last = rows[rows.length - 1];
    if (rows.length < pageSize || last === undefined) return;
    after = last.id;
  }
}
