import { expect, it } from 'vitest';
import { makeBatch } from '../test-batch';
import { describeEachDatabase } from '../testing';
import { getChildFacts, listChildren, readAllChildFacts, upsertChildFacts } from './facts';
import { insertBatch } from './ingest';
import { bumpDataVersion, getDataVersion, getSetting, incrementCounter, setSetting } from './meta';
import { z } from 'zod';

describeEachDatabase('facts and meta', (getDb) => {
  it('upserts facts in bulk and reads every child page by page', async () => {
    const { db } = getDb();
    const batch = makeBatch({ id: 'f', children: 1_203, recordsPerChild: 0 });
    await insertBatch(db, batch);
    expect(await getDataVersion(db)).toBe(0);
    const v1 = await bumpDataVersion(db);
    expect(v1).toBe(1);
    await upsertChildFacts(
      db,
      batch.children
        .slice(0, 1_000)
        .map((c, i) => ({ childId: c.id, facts: { 'school.absenceDays': i, 'x.flag': true } })),
      v1,
    );
    const v2 = await bumpDataVersion(db);
    await upsertChildFacts(
      db,
      [{ childId: 'f-c0000000', facts: { 'school.absenceDays': 99, 'x.code': null } }],
      v2,
    );

    const seen: string[] = [];
    let withFacts = 0;
    for await (const page of readAllChildFacts(db, { pageSize: 500 })) {
      expect(page.length).toBeLessThanOrEqual(500);
      for (const child of page) {
        seen.push(child.id);
        if (child.dataVersion !== null) withFacts++;
      }
    }
    expect(seen).toEqual(batch.children.map((c) => c.id));
    expect(withFacts).toBe(1_000);
    expect(await getChildFacts(db, 'f-c0000000')).toMatchObject({
      facts: { 'school.absenceDays': 99, 'x.code': null },
      dataVersion: 2,
      school: 'S0',
      grade: 1,
      age: 3,
      sex: 1,
    });
    expect((await getChildFacts(db, 'f-c0001202'))?.facts).toEqual({});
    expect(await getChildFacts(db, 'none')).toBeUndefined();
    const listed = await listChildren(db, { school: 'S1', limit: 3 });
    expect(listed.map((c) => c.id)).toEqual(['f-c0000001', 'f-c0000008', 'f-c0000015']);
    expect(Object.keys(listed[0]!).sort()).toEqual([
      'age',
      'grade',
      'id',
      'nursery',
      'school',
      'sex',
    ]);
  });

  it('increments counters atomically and stores settings', async () => {
    const { db } = getDb();
    const values = await Promise.all(Array.from({ length: 10 }, () => incrementCounter(db, 'n')));
    expect(values.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await setSetting(db, 'retention', { days: 365 });
    await setSetting(db, 'retention', { days: 730 });
    expect(await getSetting(db, 'retention', z.object({ days: z.number() }))).toEqual({
      days: 730,
    });
    expect(await getSetting(db, 'missing', z.string())).toBeUndefined();
    await expect(getSetting(db, 'retention', z.string())).rejects.toMatchObject({
      code: 'invalid_json',
    });
  });
});
