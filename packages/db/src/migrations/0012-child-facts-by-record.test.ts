import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { insertBatch } from '../repositories/ingest';
import { getChildFacts, replaceSourceFacts } from '../repositories/facts';
import { makeBatch } from '../test-batch';
import { describeEachDatabase } from '../testing';
import { down, up } from './0012-child-facts-by-record';

describeEachDatabase('migration 0012-child-facts-by-record', (getDb) => {
  it('keeps every child’s facts through down and up, whether stored as text or by record', async () => {
    const { db } = getDb();
    // Child 0's one record is unlinked (see makeBatch): children 1 and 2 are stored by their
    // record, child 3 with merged text.
    const batch = makeBatch({ id: 'b00000001', children: 4, recordsPerChild: 1 });
    const { recordIds } = await insertBatch(db, batch);
    const [c0, c1, c2] = batch.children.slice(1).map((c) => c.id);
    await replaceSourceFacts(
      db,
      'school',
      [
        { childId: c0 as string, facts: {}, copied: true },
        { childId: c1 as string, facts: {}, copied: true },
        { childId: c2 as string, facts: { 'school.absenceDays': 99 }, copied: false },
      ],
      1,
      recordIds,
    );
    const before = await Promise.all([c0, c1, c2].map((id) => getChildFacts(db, id as string)));
    expect(before[2]?.facts).toEqual({ 'school.absenceDays': 99 });
    expect(before[0]?.facts).toEqual(batch.records[1]?.facts);
    expect(before[1]?.facts).toEqual(batch.records[2]?.facts);
    const byRecord = await db
      .selectFrom('child_facts')
      .select('child_id')
      .where('record_id', 'is not', null)
      .where('facts_json', 'is', null)
      .execute();
    expect(byRecord.length).toBeGreaterThan(0);

    const raw = db as unknown as Kysely<unknown>;
    await down(raw);
    const texts = await sql<{
      n: number;
    }>`select count(*) as n from child_facts where facts_json is null`.execute(raw);
    expect(Number(texts.rows[0]?.n)).toBe(0);
    await up(raw);
    const after = await Promise.all([c0, c1, c2].map((id) => getChildFacts(db, id as string)));
    expect(after.map((c) => c?.facts)).toEqual(before.map((c) => c?.facts));
  });

  it('refuses a row with neither facts nor a record', async () => {
    const { db } = getDb();
    const batch = makeBatch({ id: 'b00000002', children: 1, recordsPerChild: 1 });
    await insertBatch(db, batch);
    await expect(
      db
        .insertInto('child_facts')
        .values({
          child_id: batch.children[0]?.id as string,
          source: 'school',
          facts_json: null,
          record_id: null,
          data_version: 1,
          updated_at: '2026-01-01T00:00:00Z',
        })
        .execute(),
    ).rejects.toThrow();
  });
});
