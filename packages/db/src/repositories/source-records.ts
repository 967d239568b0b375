import { contextSchema, type FactValue, type RecordContext } from '@mimamori/records';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../database';
import { inTransaction } from '../transaction';
import { fromJson } from '../json-column';
import { parseFactNames, parseRecordFacts } from '../record-facts';
import type { SourceRecordsTable } from '../schema';
import type { LinkStatus } from './ingest';

/** A stored source record with its provenance (no identity fields: those are personal). */
export interface StoredRecord {
  id: string;
  batchId: string;
  connector: string;
  connectorVersion: string;
  file: string;
  line: number;
  kind: 'person' | 'observation';
  childId: string | null;
  linkStatus: LinkStatus;
  linkMethod: string | null;
  linkConfidence: number | null;
  facts: Record<string, FactValue>;
  context: RecordContext;
}

/** A new link for a record (review decision or re-linkage). */
export interface RecordLinkUpdate {
  recordId: string;
  childId: string | null;
  linkStatus: LinkStatus;
  linkMethod: string | null;
  linkConfidence: number | null;
}

const kindSchema = z.enum(['person', 'observation']);
const linkStatusSchema = z.enum(['linked', 'ambiguous', 'unmatched', 'rejected']);

/** A source_records row with its batch's connector and file. */
type RecordRow = SourceRecordsTable & {
  connector: string;
  connector_version: string;
  file_name: string;
  fact_names_json: string | null;
};

/** Records joined with their batch (connector and file live on the batch). */
export function selectRecords(db: Db) {
  return db
    .selectFrom('source_records as r')
    .innerJoin('import_batches as b', 'b.id', 'r.batch_id')
    .selectAll('r')
    .select(['b.connector', 'b.connector_version', 'b.file_name', 'b.fact_names_json']);
}

/** The largest record id: the column is a 32-bit `integer` on PostgreSQL. */
const maxRecordKey = 2 ** 31 - 1;

/**
 * A record id as users see it (a decimal string) → the stored integer; `null` when the text is
 * not a record id (or is beyond the column's range, which PostgreSQL would refuse with an error),
 * so lookups by a malformed id simply find nothing.
 * @example recordKey('1024') // 1024
 */
export function recordKey(id: string): number | null {
  if (!/^[1-9][0-9]{0,9}$/.test(id)) return null;
  const key = Number(id);
  return key <= maxRecordKey ? key : null;
}

export function toRecord(row: RecordRow): StoredRecord {
  return {
    id: String(row.id),
    batchId: row.batch_id,
    connector: row.connector,
    connectorVersion: row.connector_version,
    file: row.file_name,
    line: row.line,
    kind: kindSchema.parse(row.kind),
    childId: row.child_id,
    linkStatus: linkStatusSchema.parse(row.link_status),
    linkMethod: row.link_method,
    linkConfidence: row.link_confidence,
    facts: parseRecordFacts(
      row.facts_json,
      parseFactNames(row.fact_names_json),
      'source_records.facts_json',
    ),
    context: fromJson(contextSchema, row.context_json, 'source_records.context_json'),
  };
}

/** Records filtered by child, batch or link status, in import order. */
export async function listSourceRecords(
  db: Db,
  filter: {
    childId?: string;
    batchId?: string;
    linkStatus?: LinkStatus;
    limit?: number;
    offset?: number;
  },
): Promise<StoredRecord[]> {
  let query = selectRecords(db);
  if (filter.childId !== undefined) query = query.where('r.child_id', '=', filter.childId);
  if (filter.batchId !== undefined) query = query.where('r.batch_id', '=', filter.batchId);
  if (filter.linkStatus !== undefined) query = query.where('r.link_status', '=', filter.linkStatus);
  if (filter.linkStatus !== undefined && filter.linkStatus !== 'linked') {
    // Repeats the review index's predicate as a literal so SQLite can use the partial index.
    query = query.where(sql.ref('r.link_status'), '<>', sql.lit('linked'));
  }
  const rows = await query
    .orderBy('r.batch_id')
    .orderBy('r.seq')
    .limit(filter.limit ?? 1_000)
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map(toRecord);
}

/**
 * Iterates every linked record (for deriving child facts), one page at a time by id.
 * @example for await (const page of readLinkedRecords(db)) merge(page);
 */
export async function* readLinkedRecords(
  db: Db,
  options: { pageSize?: number } = {},
): AsyncGenerator<StoredRecord[]> {
  const pageSize = options.pageSize ?? 10_000;
  let after: number | null = null;
  for (;;) {
    let query = selectRecords(db).where('r.link_status', '=', 'linked');
    if (after !== null) query = query.where('r.id', '>', after);
    const rows = await query.orderBy('r.id').limit(pageSize).execute();
    if (rows.length === 0) return;
    yield rows.map(toRecord);
    const last = rows[rows.length - 1];
    if (rows.length < pageSize || last === undefined) return;
    after = last.id;
  }
}

/** Applies new links to records in one transaction. */
export async function updateRecordLinks(
  db: Db,
  updates: readonly RecordLinkUpdate[],
): Promise<void> {
  await inTransaction(db, async function relink(trx) {
    for (const u of updates) {
      const id = recordKey(u.recordId);
      if (id === null) continue;
      await trx
        .updateTable('source_records')
        .set({
          child_id: u.childId,
          link_status: u.linkStatus,
          link_method: u.linkMethod,
          link_confidence: u.linkConfidence,
        })
        .where('id', '=', id)
        .execute();
    }
  });
}

/** Number of records per link status (optionally for one batch). */
export async function countLinkStatuses(
  db: Db,
  batchId?: string,
): Promise<Record<LinkStatus, number>> {
  let query = db
    .selectFrom('source_records')
    .select((eb) => ['link_status', eb.fn.countAll().as('n')])
    .groupBy('link_status');
  if (batchId !== undefined) query = query.where('batch_id', '=', batchId);
  const counts: Record<LinkStatus, number> = { linked: 0, ambiguous: 0, unmatched: 0, rejected: 0 };
  for (const row of await query.execute()) {
    counts[linkStatusSchema.parse(row.link_status)] = Number(row.n);
  }
  return counts;
}
