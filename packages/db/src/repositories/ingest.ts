import type { FactValue, Identity, RecordContext } from '@mimamori/records';
import { z } from 'zod';
import { bulkInsertWith, insertStaged, keyOrder, queueWrite } from '../bulk-insert';
import {
  recordTextsPart,
  stagedRecordFields,
  stagedRecordTexts,
  stagedSourceRecordFields,
  type StagedColumn,
} from '../staged-rows';
import type { Db } from '../database';
import { inTransaction } from '../transaction';
import { DbError, isUniqueViolation } from '../db-error';
import { fromJson, toJson } from '../json-column';
import { nowIso } from '../now-iso';
import { factNamesText, recordFactsText } from '../record-facts';
import type { ImportBatchesTable } from '../schema';
import { incrementCounter, readCounter } from './meta';

/** How a source record ended up after linkage. */
export const linkStatuses = ['linked', 'ambiguous', 'unmatched', 'rejected'] as const;
/** One of {@link linkStatuses}. */
export type LinkStatus = (typeof linkStatuses)[number];

/** A roster child as stored: pseudonymous id and non-identifying context. */
export interface ChildInput {
  id: string;
  sex: number;
  age: number;
  school: string | null;
  grade: number | null;
  nursery: string | null;
}

/** Personal data of a roster child (already normalised by the identity package). */
export interface PersonInput {
  childId: string;
  residentNumber: string;
  householdNumber: string | null;
  name: string;
  nameKey: string;
  kana: string | null;
  kanaKey: string | null;
  birthDate: string;
  sex: number;
  relation: string | null;
  address: string | null;
  dvSupport: boolean;
}

/** The batch header. Counts of records per link status are computed from the records. */
export interface BatchInput {
  id: string;
  connector: string;
  connectorVersion: string;
  fileName: string;
  fileHash: string;
  encoding: string;
  rowCount: number;
  summary: Record<string, unknown>;
  createdBy: string | null;
  createdAt?: string;
  /**
   * The names a record's facts are stored against when they are exactly these, in this order
   * (values only: see record-facts.ts); the connector's declared facts. None: stored as objects.
   */
  factNames?: readonly string[] | null;
}

/** One validated, linked source record. `identity` is stored apart (personal data). */
export interface RecordInput {
  /** Position in file order; defaults to the index in the batch's `records`. */
  seq?: number;
  line: number;
  kind: 'person' | 'observation';
  childId: string | null;
  linkStatus: LinkStatus;
  linkMethod: string | null;
  linkConfidence: number | null;
  facts: Record<string, FactValue>;
  /**
   * `facts` as stored, when the caller already has it: `recordFactsText` against the batch's
   * `factNames` (an object's text, as child_facts stores it, only when they differ).
   */
  factsJson?: string;
  context: RecordContext;
  /** `context` as JSON text, when the caller already has it. */
  contextJson?: string;
  /** `json`: `value` as JSON text, when the caller already has it. */
  identity?: { value: Identity; key: string; json?: string };
}

/**
 * A batch's records staged on the SQLite writer thread by the thread that linked them (see
 * staged-rows.ts): {@link stagedRecordFields} per record, in child order, each with its identity.
 */
export interface StagedRecords {
  stage: string;
  count: number;
  /** Records per link status. */
  counts: Record<LinkStatus, number>;
}

/** Everything one import stores, written in one transaction. */
export interface InsertBatchInput {
  batch: BatchInput;
  children?: readonly ChildInput[];
  persons?: readonly PersonInput[];
  /** The records, or (on a writer from openSqliteWriter) where another thread staged them. */
  records: readonly RecordInput[] | StagedRecords;
}

function isStaged(records: InsertBatchInput['records']): records is StagedRecords {
  return !Array.isArray(records);
}

/**
 * Where stored columns of a record come from (by name): its staged row, or the row of its texts
 * part at the record's `seq`.
 */
function fromStage(columns: readonly string[]): StagedColumn[] {
  const seq = stagedRecordFields.indexOf('seq');
  return columns.map((name): StagedColumn => {
    const column = (stagedRecordFields as readonly string[]).indexOf(name);
    if (column >= 0) return { column };
    const text = (stagedRecordTexts as readonly string[]).indexOf(name);
    if (text >= 0) return { column: text, part: recordTextsPart, at: seq };
    throw new Error(`no staged record field '${name}'`);
  });
}

/** A batch just stored, with the id range its records were given (every id in it is theirs). */
export interface InsertedBatch extends ImportBatch {
  recordIds: { first: number; last: number };
}

/** A stored batch. */
export interface ImportBatch {
  id: string;
  connector: string;
  connectorVersion: string;
  fileName: string;
  fileHash: string;
  encoding: string;
  status: 'committed';
  rowCount: number;
  recordCount: number;
  linkedCount: number;
  ambiguousCount: number;
  unmatchedCount: number;
  summary: Record<string, unknown>;
  createdBy: string | null;
  createdAt: string;
}

/**
 * Stores a validated import all-or-nothing: children and persons (upserted), the batch, its
 * records and their identities. Throws `DbError('duplicate')` when the file was imported before.
 * @example await insertBatch(db, { batch, children, persons, records });
 */
export async function insertBatch(db: Db, input: InsertBatchInput): Promise<InsertedBatch> {
  const { batch } = input;
  const staged = isStaged(input.records) ? input.records : null;
  const records = isStaged(input.records) ? [] : input.records;
  const recordCount = staged ? staged.count : records.length;
  const createdAt = batch.createdAt ?? nowIso();
  const count = (status: LinkStatus): number =>
    staged ? staged.counts[status] : records.filter((r) => r.linkStatus === status).length;
  const header: ImportBatchesTable = {
    id: batch.id,
    connector: batch.connector,
    connector_version: batch.connectorVersion,
    file_name: batch.fileName,
    file_hash: batch.fileHash,
    encoding: batch.encoding,
    status: 'committed',
    row_count: batch.rowCount,
    record_count: recordCount,
    linked_count: count('linked'),
    ambiguous_count: count('ambiguous'),
    unmatched_count: count('unmatched'),
    summary_json: toJson(batch.summary),
    created_by: batch.createdBy,
    created_at: createdAt,
    fact_names_json: factNamesText(batch.factNames),
  };
  const factNames = batch.factNames ?? null;
  const recordIds = { first: 0, last: 0 };
  try {
    await inTransaction(db, async function writeBatch(trx) {
      if (await findBatchByHash(trx, batch.connector, batch.fileHash)) {
        throw new DbError('duplicate', 'this file was already imported');
      }
      await trx.insertInto('import_batches').values(header).execute();
      const persons = input.persons ?? [];
      // Counters first: the writes below are then all sent before any answer is needed (see
      // writeBehind). This batch's record ids are reserved in one step (the counter row
      // serialises concurrent imports).
      if (persons.length > 0) await incrementCounter(trx, rosterCounter);
      const last = await incrementCounter(trx, 'source_record', recordCount);
      const first = last - recordCount + 1;
      recordIds.first = first;
      recordIds.last = last;
      // Rows pushed straight from the inputs (no object per row), in key order: B-tree appends.
      const children = input.children ?? [];
      const rosterBatch = persons.length > 0 ? batch.id : null;
      const childOrder = keyOrder(children.map((c) => c.id));
      await bulkInsertWith(
        trx,
        'children',
        childColumns,
        children.length,
        (out, k) => {
          const c = children[childOrder === null ? k : (childOrder[k] as number)] as ChildInput;
          out.push(c.id, c.sex, c.age, c.school ?? null, c.grade ?? null, c.nursery ?? null);
          out.push(1, rosterBatch, createdAt, createdAt);
        },
        { key: ['id'], update: childColumns.filter((c) => c !== 'id' && c !== 'created_at') },
      );
      // A roster is a full snapshot: children it no longer lists leave the judged population.
      if (persons.length > 0) {
        await queueWrite(
          trx,
          trx
            .updateTable('children')
            .set({ on_roster: 0, updated_at: createdAt })
            .where('on_roster', '=', 1)
            .where((eb) =>
              eb.or([eb('roster_batch', 'is', null), eb('roster_batch', '<>', batch.id)]),
            ),
        );
      }
      const personOrder = keyOrder(persons.map((p) => p.childId));
      await bulkInsertWith(
        trx,
        'persons',
        ['child_id', ...personColumns],
        persons.length,
        (out, k) => {
          const p = persons[personOrder === null ? k : (personOrder[k] as number)] as PersonInput;
          out.push(p.childId, p.residentNumber, p.householdNumber ?? null, p.name, p.nameKey);
          out.push(p.kana ?? null, p.kanaKey ?? null, p.birthDate, p.sex, p.relation ?? null);
          out.push(p.address ?? null, p.dvSupport ? 1 : 0);
        },
        { key: ['child_id'], update: personColumns },
      );
      if (staged) {
        await insertStaged(trx, 'source_records', recordColumns, staged.stage, staged.count, [
          { seq: first },
          { value: batch.id },
          ...fromStage(recordColumns.slice(2)),
        ]);
        await insertStaged(trx, 'record_identities', identityColumns, staged.stage, staged.count, [
          { seq: first },
          ...fromStage(identityColumns.slice(1)),
        ]);
        return;
      }
      // Ids follow child order (unlinked records first): the rows and the child index are then
      // appended to instead of split all over, about 40% cheaper per record on SQLite. Callers
      // that pass records in that order already (the import pipeline) skip the sort.
      const order = keyOrder(records.map((r) => r.childId));
      const at = (k: number): number => (order === null ? k : (order[k] as number));
      await bulkInsertWith(trx, 'source_records', recordColumns, records.length, (out, k) => {
        const index = at(k);
        const r = records[index] as RecordInput;
        out.push(
          first + k,
          batch.id,
          r.seq ?? index,
          r.line,
          r.kind,
          r.childId,
          r.linkStatus,
          r.linkMethod,
          r.linkConfidence,
          r.factsJson ?? recordFactsText(factNames, r.facts),
          r.contextJson ?? toJson(r.context),
        );
      });
      // Identities in id order too (records without one are skipped).
      const withIdentity: number[] = [];
      for (let k = 0; k < records.length; k++) {
        if ((records[at(k)] as RecordInput).identity !== undefined) withIdentity.push(k);
      }
      await bulkInsertWith(
        trx,
        'record_identities',
        identityColumns,
        withIdentity.length,
        (out, j) => {
          const k = withIdentity[j] as number;
          const identity = (records[at(k)] as RecordInput).identity as NonNullable<
            RecordInput['identity']
          >;
          out.push(first + k, identity.json ?? toJson(identity.value), identity.key);
        },
      );
    });
  } catch (error) {
    // A concurrent import of the same file loses on the unique (connector, file_hash) key.
    if (isUniqueViolation(error) && /file_hash|import_batches_file_uq/.test(describe(error))) {
      throw new DbError('duplicate', 'this file was already imported', { cause: error });
    }
    throw error;
  }
  return { ...toBatch(header), recordIds };
}

const recordColumns = [
  'id',
  'batch_id',
  ...stagedSourceRecordFields,
  'facts_json',
  'context_json',
] as const;

const identityColumns = ['record_id', 'identity_json', 'identity_key'] as const;

/** Bumped by every import that writes persons. */
const rosterCounter = 'roster_version';

/**
 * Identifies the stored roster's state: it changes when an import writes persons or a person is
 * deleted. Callers key in-memory roster indexes (the linker's) by it.
 * @example if ((await readRosterVersion(db)) !== cached.version) rebuild();
 */
export async function readRosterVersion(db: Db): Promise<string> {
  const version = await readCounter(db, rosterCounter);
  const { n } = await db
    .selectFrom('persons')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return `${version}:${String(n)}`;
}

function describe(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const { message, constraint } = error as { message?: unknown; constraint?: unknown };
  return `${String(message)} ${String(constraint)}`;
}

const childColumns = [
  'id',
  'sex',
  'age',
  'school',
  'grade',
  'nursery',
  'on_roster',
  'roster_batch',
  'created_at',
  'updated_at',
] as const;

const personColumns = [
  'resident_number',
  'household_number',
  'name',
  'name_key',
  'kana',
  'kana_key',
  'birth_date',
  'sex',
  'relation',
  'address',
  'dv_support',
] as const;

const summarySchema = z.record(z.string(), z.unknown());

function toBatch(row: ImportBatchesTable): ImportBatch {
  return {
    id: row.id,
    connector: row.connector,
    connectorVersion: row.connector_version,
    fileName: row.file_name,
    fileHash: row.file_hash,
    encoding: row.encoding,
    status: 'committed',
    rowCount: row.row_count,
    recordCount: row.record_count,
    linkedCount: row.linked_count,
    ambiguousCount: row.ambiguous_count,
    unmatchedCount: row.unmatched_count,
    summary: fromJson(summarySchema, row.summary_json, 'import_batches.summary_json'),
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/** The batch that imported this file through this connector, if any (re-import detection). */
export async function findBatchByHash(
  db: Db,
  connector: string,
  fileHash: string,
): Promise<ImportBatch | undefined> {
  const row = await db
    .selectFrom('import_batches')
    .selectAll()
    .where('connector', '=', connector)
    .where('file_hash', '=', fileHash)
    .executeTakeFirst();
  return row && toBatch(row);
}

/** One batch by id. */
export async function getBatch(db: Db, id: string): Promise<ImportBatch | undefined> {
  const row = await db
    .selectFrom('import_batches')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toBatch(row);
}

/** Batches, newest first. */
export async function listBatches(
  db: Db,
  options: { connector?: string; limit?: number; offset?: number } = {},
): Promise<ImportBatch[]> {
  let query = db.selectFrom('import_batches').selectAll();
  if (options.connector !== undefined) query = query.where('connector', '=', options.connector);
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit ?? 100)
    .offset(options.offset ?? 0)
    .execute();
  return rows.map(toBatch);
}
