import { sql } from 'kysely';
import { identitySchema, type Identity } from '@mimamori/records';
import type { Db } from '../database';
import { fromJson } from '../json-column';
import type { PersonsTable } from '../schema';
import type { PersonInput } from './ingest';
import { recordKey } from './source-records';

// Personal data. No permission checks here: callers (API, pipeline) check the role and audit.

/** A roster child's personal data. */
export type Person = PersonInput;

/** The fields the linker matches on (no address, no name as written). */
export interface PersonKeys {
  childId: string;
  residentNumber: string;
  householdNumber: string | null;
  nameKey: string;
  kanaKey: string | null;
  birthDate: string;
  sex: number;
}

/** A record awaiting review, with the identity it carried. */
export interface ReviewItem {
  recordId: string;
  connector: string;
  file: string;
  line: number;
  linkStatus: string;
  childId: string | null;
  identity: Identity;
  identityKey: string;
}

function toPerson(row: PersonsTable): Person {
  return {
    childId: row.child_id,
    residentNumber: row.resident_number,
    householdNumber: row.household_number,
    name: row.name,
    nameKey: row.name_key,
    kana: row.kana,
    kanaKey: row.kana_key,
    birthDate: row.birth_date,
    sex: row.sex,
    relation: row.relation,
    address: row.address,
    dvSupport: row.dv_support === 1,
  };
}

/** One child's personal data. */
export async function getPerson(db: Db, childId: string): Promise<Person | undefined> {
  const row = await db
    .selectFrom('persons')
    .selectAll()
    .where('child_id', '=', childId)
    .executeTakeFirst();
  return row && toPerson(row);
}

/** Personal data of several children (missing ids are left out). */
export async function getPersons(db: Db, childIds: readonly string[]): Promise<Person[]> {
  if (childIds.length === 0) return [];
  const rows = await db
    .selectFrom('persons')
    .selectAll()
    .where('child_id', 'in', childIds)
    .execute();
  return rows.map(toPerson);
}

/** The matching keys of every child the latest roster lists, for the linker. */
export async function listPersonKeys(db: Db): Promise<PersonKeys[]> {
  const rows = await db
    .selectFrom('persons')
    // Children who left the roster are no link target: a record about them stays unmatched.
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('children')
          .select('children.id')
          .whereRef('children.id', '=', 'persons.child_id')
          .where('children.on_roster', '=', 1),
      ),
    )
    .select([
      'child_id',
      'resident_number',
      'household_number',
      'name_key',
      'kana_key',
      'birth_date',
      'sex',
    ])
    .orderBy('child_id')
    .execute();
  return rows.map((r) => ({
    childId: r.child_id,
    residentNumber: r.resident_number,
    householdNumber: r.household_number,
    nameKey: r.name_key,
    kanaKey: r.kana_key,
    birthDate: r.birth_date,
    sex: r.sex,
  }));
}

/**
 * Ambiguous and unmatched records of each connector's latest batch: every source sends full
 * snapshots, so a superseded batch's records wait for no decision (its identities recur in the
 * latest one, and a decision on one covers every record carrying it).
 */
function reviewRecords(db: Db) {
  return (
    db
      .selectFrom('source_records as r')
      .innerJoin('record_identities as i', 'i.record_id', 'r.id')
      .innerJoin('import_batches as b', 'b.id', 'r.batch_id')
      .where('r.link_status', 'in', ['ambiguous', 'unmatched'])
      // Repeats the partial index's predicate literally so SQLite uses source_records_review_idx.
      .where(sql.ref('r.link_status'), '<>', sql.lit('linked'))
      .where('b.id', '=', (eb) =>
        eb
          .selectFrom('import_batches as l')
          .select((l) => l.fn.max('l.id').as('latest'))
          .whereRef('l.connector', '=', 'b.connector'),
      )
  );
}

/**
 * The linkage review queue: ambiguous and unmatched records of each connector's latest batch with
 * their identities, newest batch first, in file order within a batch.
 * @example const page = await listReviewQueue(db, { limit: 50, offset: 0 });
 */
export async function listReviewQueue(
  db: Db,
  options: { limit?: number; offset?: number } = {},
): Promise<ReviewItem[]> {
  const rows = await reviewRecords(db)
    .select([
      'r.id',
      'b.connector',
      'b.file_name',
      'r.line',
      'r.link_status',
      'r.child_id',
      'i.identity_json',
      'i.identity_key',
    ])
    .orderBy('r.batch_id', 'desc')
    .orderBy('r.seq')
    .limit(options.limit ?? 100)
    .offset(options.offset ?? 0)
    .execute();
  return rows.map((r) => ({
    recordId: String(r.id),
    connector: r.connector,
    file: r.file_name,
    line: r.line,
    linkStatus: r.link_status,
    childId: r.child_id,
    identity: fromJson(identitySchema, r.identity_json, 'record_identities.identity_json'),
    identityKey: r.identity_key,
  }));
}

/** How many records {@link listReviewQueue} lists in all (for paging). */
export async function countReviewQueue(db: Db): Promise<number> {
  const row = await reviewRecords(db)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The identity a record carried. */
export async function getRecordIdentity(db: Db, recordId: string): Promise<Identity | undefined> {
  const id = recordKey(recordId);
  if (id === null) return undefined;
  const row = await db
    .selectFrom('record_identities')
    .select('identity_json')
    .where('record_id', '=', id)
    .executeTakeFirst();
  return row && fromJson(identitySchema, row.identity_json, 'record_identities.identity_json');
}
