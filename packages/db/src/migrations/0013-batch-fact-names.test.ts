import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { insertBatch } from '../repositories/ingest';
import { getChildFacts, replaceSourceFacts } from '../repositories/facts';
import { listSourceRecords } from '../repositories/source-records';
import { makeBatch } from '../test-batch';
import { describeEachDatabase } from '../testing';
import { down, up } from './0013-batch-fact-names';

describeEachDatabase('migration 0013-batch-fact-names', (getDb) => {
  it('stores a batch’s records as values and writes them back as objects on the way down', async () => {
    const { db } = getDb();
    const batch = makeBatch({ id: 'b00000001', children: 3, recordsPerChild: 1 });
    const factNames = Object.keys(batch.records[0]?.facts ?? {});
    // The last record's facts differ from the names: it keeps its object.
    const odd = batch.records[2];
    if (odd === undefined) throw new Error('no third record');
    odd.facts = { 'school.lateCount': 4 };
    const { recordIds } = await insertBatch(db, { ...batch, batch: { ...batch.batch, factNames } });
    const texts = async (): Promise<string[]> =>
      (await db.selectFrom('source_records').select('facts_json').orderBy('id').execute()).map(
        (r) => r.facts_json,
      );
    const stored = await texts();
    expect(stored.filter((t) => t.startsWith('['))).toHaveLength(2);
    expect(stored).toContain('{"school.lateCount":4}');
    const [c1, c2] = batch.children.slice(1).map((c) => c.id);
    await replaceSourceFacts(
      db,
      'school',
      [c1, c2].map((id) => ({ childId: id as string, facts: {}, copied: true })),
      1,
      recordIds,
    );
    const records = await listSourceRecords(db, { batchId: 'b00000001' });
    expect(records.map((r) => r.facts)).toEqual(
      [...batch.records].sort((a, b) => a.line - b.line).map((r) => r.facts),
    );
    const before = await Promise.all([c1, c2].map((id) => getChildFacts(db, id as string)));
    expect(before.map((c) => c?.facts)).toEqual([batch.records[1]?.facts, odd.facts]);

    const raw = db as unknown as Kysely<unknown>;
    await down(raw);
    expect((await texts()).every((t) => t.startsWith('{'))).toBe(true);
    await up(raw);
    const after = await Promise.all([c1, c2].map((id) => getChildFacts(db, id as string)));
    expect(after.map((c) => c?.facts)).toEqual(before.map((c) => c?.facts));
    const names = await sql<{ n: number }>`
      select count(*) as n from import_batches where fact_names_json is not null`.execute(raw);
    expect(Number(names.rows[0]?.n)).toBe(0);
  });
});
