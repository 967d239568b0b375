import type { FactValue } from '@mimamori/records';
import { bulkInsert, inKeyOrder, queueWrite } from '../bulk-insert';
import type { Db } from '../database';
import { inTransaction } from '../transaction';
import { toJson } from '../json-column';
import { nowIso } from '../now-iso';
import { parseFactNames, parseRecordFacts } from '../record-facts';

/** Merged facts of one child. */
export type ChildFacts = Record<string, FactValue>;

/** What the scoring side sees of a child: no names, no birth dates, no addresses. */
export interface ChildProfile {
  id: string;
  sex: number;
  age: number;
  school: string | null;
  grade: number | null;
  nursery: string | null;
}

/** A child with its merged facts (empty when none were derived yet). */
export interface ChildWithFacts extends ChildProfile {
  facts: ChildFacts;
  dataVersion: number | null;
}

/** The source name of facts written directly (tests, manual corrections). */
export const manualFactSource = 'manual';

/**
 * Writes facts for many children under one source (default `manual`), insert or replace.
 * @example await upsertChildFacts(db, [{ childId, facts }], await bumpDataVersion(db));
 */
export async function upsertChildFacts(
  db: Db,
  rows: readonly { childId: string; facts: ChildFacts; source?: string }[],
  dataVersion: number,
): Promise<void> {
  const updatedAt = nowIso();
  const values = rows.map((r) => ({
    child_id: r.childId,
    source: r.source ?? manualFactSource,
    facts_json: toJson(r.facts),
    record_id: null,
    data_version: dataVersion,
    updated_at: updatedAt,
  }));
  await inTransaction(db, async function writeFacts(trx) {
    await bulkInsert(trx, 'child_facts', values, {
      key: ['child_id', 'source'],
      update: ['facts_json', 'record_id', 'data_version', 'updated_at'],
    });
  });
}

/**
 * Replaces every child's facts from one source with a new snapshot (a source's latest batch
 * replaces its previous one; children it no longer lists lose that source's facts). `factsJson`,
 * when given, is `facts` as the child's only record in the batch stores them: kept when it is an
 * object's text (values stored against a batch's names are written out from `facts`).
 * `copyFrom`: the source records (an id range) the rows were merged from; a row marked `copied`
 * (by default: one with `factsJson`) is then that child's only linked record there, and its facts
 * are that record's: the row names the record (`record_id`) instead of holding the text again
 * (imports: most children have one record per file).
 * @example await replaceSourceFacts(trx, 'school', rows, version);
 */
export async function replaceSourceFacts(
  db: Db,
  source: string,
  rows: readonly {
    childId: string;
    facts: ChildFacts;
    factsJson?: string | undefined;
    /** With `copyFrom`: the row is the child's one record's facts (default: has `factsJson`). */
    copied?: boolean;
  }[],
  dataVersion: number,
  copyFrom?: { first: number; last: number },
): Promise<void> {
  const updatedAt = nowIso();
  await inTransaction(db, async function replaceFacts(trx) {
    await queueWrite(trx, trx.deleteFrom('child_facts').where('source', '=', source));
    let written = rows;
    if (copyFrom !== undefined) {
      // Every linked record, in id (= child) order; a child with several records gets its
      // merged facts from the upsert below.
      await queueWrite(
        trx,
        trx
          .insertInto('child_facts')
          .columns(['child_id', 'source', 'record_id', 'data_version', 'updated_at'])
          .expression((eb) =>
            eb
              .selectFrom('source_records')
              .select((s) => [
                s.ref('child_id').$notNull().as('child_id'),
                s.val(source).as('source'),
                s.ref('id').as('record_id'),
                s.val(dataVersion).as('data_version'),
                s.val(updatedAt).as('updated_at'),
              ])
              .where('id', '>=', copyFrom.first)
              .where('id', '<=', copyFrom.last)
              .where('link_status', '=', 'linked')
              .where('child_id', 'is not', null)
              .orderBy('id'),
          )
          .onConflict((oc) => oc.columns(['child_id', 'source']).doNothing()),
      );
      written = rows.filter((r) => !(r.copied ?? r.factsJson !== undefined));
    }
    const values = written.map((r) => ({
      child_id: r.childId,
      source,
      // A record's text here only in its object form (values alone need their batch's names).
      facts_json: r.factsJson?.startsWith('{') === true ? r.factsJson : toJson(r.facts),
      record_id: null,
      data_version: dataVersion,
      updated_at: updatedAt,
    }));
    await bulkInsert(
      trx,
      'child_facts',
      inKeyOrder(values, (r) => r.child_id),
      copyFrom === undefined
        ? undefined
        : {
            key: ['child_id', 'source'],
            update: ['facts_json', 'record_id', 'data_version', 'updated_at'],
          },
    );
  });
}

type ProfileRow = ChildProfile;

async function attachFacts(db: Db, children: readonly ProfileRow[]): Promise<ChildWithFacts[]> {
  const first = children[0];
  const last = children[children.length - 1];
  if (first === undefined || last === undefined) return [];
  // A row naming a record has that record's facts (see replaceSourceFacts), stored against its
  // batch's fact names (looked up once per batch below, not joined per row).
  let query = db
    .selectFrom('child_facts as f')
    .leftJoin('source_records as r', 'r.id', 'f.record_id')
    .select(['f.child_id', 'f.facts_json', 'r.facts_json as record_facts_json', 'r.batch_id'])
    .select('f.data_version')
    .where('f.child_id', '>=', first.id)
    .where('f.child_id', '<=', last.id);
  if (children.length === 1) query = query.where('f.child_id', '=', first.id);
  const rows = await query.orderBy('f.child_id').orderBy('f.source').execute();
  const names = await batchFactNames(db, rows);
  const byChild = new Map<string, { facts: ChildFacts; dataVersion: number }>();
  for (const row of rows) {
    const current = byChild.get(row.child_id);
    // Merged text is always an object (no names); a record's may be values against its batch's.
    const facts =
      row.facts_json !== null
        ? parseRecordFacts(row.facts_json, null, 'child_facts.facts_json')
        : parseRecordFacts(
            row.record_facts_json ?? '',
            names.get(row.batch_id ?? '') ?? null,
            'source_records.facts_json',
          );
    if (current === undefined) byChild.set(row.child_id, { facts, dataVersion: row.data_version });
    else {
      Object.assign(current.facts, facts);
      current.dataVersion = Math.max(current.dataVersion, row.data_version);
    }
  }
  return children.map((c) => {
    const merged = byChild.get(c.id);
    return { ...c, facts: merged?.facts ?? {}, dataVersion: merged?.dataVersion ?? null };
  });
}

/** The fact names of the batches the rows' records came from (a page's few batches). */
async function batchFactNames(
  db: Db,
  rows: readonly { batch_id: string | null }[],
): Promise<Map<string, readonly string[] | null>> {
  const ids = new Set<string>();
  for (const r of rows) if (r.batch_id !== null) ids.add(r.batch_id);
  const names = new Map<string, readonly string[] | null>();
  if (ids.size === 0) return names;
  const batches = await db
    .selectFrom('import_batches')
    .select(['id', 'fact_names_json'])
    .where('id', 'in', [...ids])
    .execute();
  for (const b of batches) names.set(b.id, parseFactNames(b.fact_names_json));
  return names;
}

/**
 * Iterates every child the latest roster lists with its merged facts (all sources), ordered by
 * id, one page at a time (keyset paging, so memory stays flat for a million children).
 * @example for await (const page of readAllChildFacts(db)) score(page);
 */
export async function* readAllChildFacts(
  db: Db,
  options: { pageSize?: number } = {},
): AsyncGenerator<ChildWithFacts[]> {
  const pageSize = options.pageSize ?? 5_000;
  let after: string | null = null;
  for (;;) {
    let query = db
      .selectFrom('children')
      .select(['id', 'sex', 'age', 'school', 'grade', 'nursery'])
      .where('on_roster', '=', 1);
    if (after !== null) query = query.where('id', '>', after);
    const rows = await query.orderBy('id').limit(pageSize).execute();
    if (rows.length === 0) return;
    yield await attachFacts(db, rows);
    const last = rows[rows.length - 1];
    if (rows.length < pageSize || last === undefined) return;
    after = last.id;
  }
}

/** One child with its merged facts. */
export async function getChildFacts(db: Db, childId: string): Promise<ChildWithFacts | undefined> {
  const row = await db
    .selectFrom('children')
    .select(['id', 'sex', 'age', 'school', 'grade', 'nursery'])
    .where('id', '=', childId)
    .executeTakeFirst();
  return row && (await attachFacts(db, [row]))[0];
}

/**
 * Sets the context keys a source owns (school and grade, or nursery) from its latest snapshot:
 * cleared for every child, then set for the children the snapshot lists.
 */
export async function setChildrenContext(
  db: Db,
  keys: readonly ('school' | 'grade' | 'nursery')[],
  rows: readonly {
    id: string;
    school?: string | null;
    grade?: number | null;
    nursery?: string | null;
  }[],
): Promise<void> {
  if (keys.length === 0) return;
  const updatedAt = nowIso();
  await inTransaction(db, async function writeContext(trx) {
    const cleared: Partial<Record<'school' | 'grade' | 'nursery', null>> = {};
    for (const k of keys) cleared[k] = null;
    // Only rows that hold a value: rewriting every child (and its index entries) costs more.
    await queueWrite(
      trx,
      trx
        .updateTable('children')
        .set(cleared)
        .where((eb) => eb.or(keys.map((k) => eb(k, 'is not', null)))),
    );
    // Upsert on existing ids: the insert values for sex/age are never used (rows always exist).
    const values = rows.map((r) => ({
      id: r.id,
      sex: 0,
      age: 0,
      on_roster: 1,
      roster_batch: null,
      school: r.school ?? null,
      grade: r.grade ?? null,
      nursery: r.nursery ?? null,
      created_at: updatedAt,
      updated_at: updatedAt,
    }));
    await bulkInsert(
      trx,
      'children',
      inKeyOrder(values, (r) => r.id),
      {
        key: ['id'],
        update: [...keys, 'updated_at'],
      },
    );
  });
}

/** Children profiles (no facts) by id, for merging roster updates with their context. */
export async function readChildProfiles(db: Db): Promise<Map<string, ChildProfile>> {
  const rows = await db
    .selectFrom('children')
    .select(['id', 'sex', 'age', 'school', 'grade', 'nursery'])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Children the latest roster lists (no facts), filtered by school/grade, ordered by id. */
export async function listChildren(
  db: Db,
  options: { school?: string; grade?: number; limit?: number; offset?: number } = {},
): Promise<ChildProfile[]> {
  let query = db
    .selectFrom('children')
    .select(['id', 'sex', 'age', 'school', 'grade', 'nursery'])
    .where('on_roster', '=', 1);
  if (options.school !== undefined) query = query.where('school', '=', options.school);
  if (options.grade !== undefined) query = query.where('grade', '=', options.grade);
  return query
    .orderBy('id')
    .limit(options.limit ?? 100)
    .offset(options.offset ?? 0)
    .execute();
}
