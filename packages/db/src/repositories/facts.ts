import { factValueSchema, type FactValue } from '@mimamori/records';
import { z } from 'zod';
import { bulkInsert } from '../bulk-insert';
import type { Db } from '../database';
import { inTransaction } from '../transaction';
import { fromJson, toJson } from '../json-column';
import { nowIso } from '../now-iso';

/** Merged facts of one child. */
export type ChildFacts = Record<string, FactValue>;

const childFactsSchema = z.record(z.string(), factValueSchema);

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

/**
 * Writes merged facts for many children (insert or replace), in chunks.
 * @example await upsertChildFacts(db, [{ childId, facts }], await bumpDataVersion(db));
 */
export async function upsertChildFacts(
  db: Db,
  rows: readonly { childId: string; facts: ChildFacts }[],
  dataVersion: number,
): Promise<void> {
  const updatedAt = nowIso();
  const values = rows.map((r) => ({
    child_id: r.childId,
    facts_json: toJson(r.facts),
    data_version: dataVersion,
    updated_at: updatedAt,
  }));
  await inTransaction(db, async function writeFacts(trx) {
    await bulkInsert(trx, 'child_facts', values, {
      key: ['child_id'],
      update: ['facts_json', 'data_version', 'updated_at'],
    });
  });
}

/**
 * Iterates every child with its facts, ordered by id, one page at a time (keyset paging, so
 * memory stays flat for a million children).
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
      .selectFrom('children as c')
      .leftJoin('child_facts as f', 'f.child_id', 'c.id')
      .select([
        'c.id',
        'c.sex',
        'c.age',
        'c.school',
        'c.grade',
        'c.nursery',
        'f.facts_json',
        'f.data_version',
      ]);
    if (after !== null) query = query.where('c.id', '>', after);
    const rows = await query.orderBy('c.id').limit(pageSize).execute();
    if (rows.length === 0) return;
    yield rows.map(toChildWithFacts);
    const last = rows[rows.length - 1];
    if (rows.length < pageSize || last === undefined) return;
    after = last.id;
  }
}

/** One child with its facts. */
export async function getChildFacts(db: Db, childId: string): Promise<ChildWithFacts | undefined> {
  const row = await db
    .selectFrom('children as c')
    .leftJoin('child_facts as f', 'f.child_id', 'c.id')
    .select([
      'c.id',
      'c.sex',
      'c.age',
      'c.school',
      'c.grade',
      'c.nursery',
      'f.facts_json',
      'f.data_version',
    ])
    .where('c.id', '=', childId)
    .executeTakeFirst();
  return row && toChildWithFacts(row);
}

/** Children (no facts), filtered by school/grade, ordered by id. */
export async function listChildren(
  db: Db,
  options: { school?: string; grade?: number; limit?: number; offset?: number } = {},
): Promise<ChildProfile[]> {
  let query = db.selectFrom('children').select(['id', 'sex', 'age', 'school', 'grade', 'nursery']);
  if (options.school !== undefined) query = query.where('school', '=', options.school);
  if (options.grade !== undefined) query = query.where('grade', '=', options.grade);
  return query
    .orderBy('id')
    .limit(options.limit ?? 100)
    .offset(options.offset ?? 0)
    .execute();
}

function toChildWithFacts(row: {
  id: string;
  sex: number;
  age: number;
  school: string | null;
  grade: number | null;
  nursery: string | null;
  facts_json: string | null;
  data_version: number | null;
}): ChildWithFacts {
  return {
    id: row.id,
    sex: row.sex,
    age: row.age,
    school: row.school,
    grade: row.grade,
    nursery: row.nursery,
    facts:
      row.facts_json === null
        ? {}
        : fromJson(childFactsSchema, row.facts_json, 'child_facts.facts_json'),
    dataVersion: row.data_version,
  };
}
