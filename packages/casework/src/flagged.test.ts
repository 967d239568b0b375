import { describeEachDatabase } from '@mimamori/db/testing';
import { expect, it } from 'vitest';
import { listFlaggedChildren } from './flagged';
import { seedRuleSet, seedRun, seedVillage } from './village.fixture';

describeEachDatabase('the flagged work list', (getDb) => {
  it('puts the highest score first, ties in child id order', async () => {
    const { db } = getDb();
    const ids = await seedVillage(db, { prefix: 'wl', children: 6 });
    const versionId = await seedRuleSet(db, 'worklist');
    const flag = (i: number, points: number, type = 'poverty') => ({
      childId: ids[i]!,
      type,
      level: 'watch',
      points,
    });
    const runId = await seedRun(db, {
      id: 'wl-run',
      versionId,
      judged: 6,
      flags: [flag(0, 6), flag(1, 9), flag(2, 6), flag(3, 4), flag(3, 12, 'abuse'), flag(5, 9)],
    });
    const list = await listFlaggedChildren(db, runId);
    expect(list.map((c) => c.childId)).toEqual([ids[3], ids[1], ids[5], ids[0], ids[2]]);
  });
});
