import { expect, it } from 'vitest';
import { makeBatch } from '../test-batch';
import { describeEachDatabase } from '../testing';
import { listGaiji, listGaijiHistory, upsertGaiji } from './gaiji';
import { insertBatch } from './ingest';
import {
  deleteLinkDecision,
  getLinkDecision,
  loadLinkDecisions,
  saveLinkDecision,
} from './link-decisions';

describeEachDatabase('gaiji and link decisions', (getDb) => {
  it('versions 外字 entries and keeps their history', async () => {
    const { db } = getDb();
    await upsertGaiji(db, { code: 'U+E001', standard: '高', note: null, updatedBy: 'u1' });
    const second = await upsertGaiji(db, {
      code: 'U+E001',
      standard: '髙',
      note: '戸籍',
      updatedBy: 'u2',
    });
    await upsertGaiji(db, { code: 'U+E002', standard: '崎', note: null, updatedBy: null });
    expect(second).toMatchObject({ version: 2, standard: '髙' });
    expect((await listGaiji(db)).map((e) => [e.code, e.standard, e.version])).toEqual([
      ['U+E001', '髙', 2],
      ['U+E002', '崎', 1],
    ]);
    expect((await listGaijiHistory(db, 'U+E001')).map((e) => [e.standard, e.updatedBy])).toEqual([
      ['高', 'u1'],
      ['髙', 'u2'],
    ]);
    expect(await listGaijiHistory(db)).toHaveLength(3);
  });

  it('saves, replaces and reloads link decisions', async () => {
    const { db } = getDb();
    await insertBatch(db, makeBatch({ id: 'g', children: 2, recordsPerChild: 0 }));
    await saveLinkDecision(db, {
      identityKey: 'k1',
      childId: 'g-c0000000',
      rejected: false,
      decidedBy: 'u1',
      note: null,
    });
    await saveLinkDecision(db, {
      identityKey: 'k1',
      childId: 'g-c0000001',
      rejected: false,
      decidedBy: 'u2',
      note: '確認済',
    });
    await saveLinkDecision(db, {
      identityKey: 'k2',
      childId: null,
      rejected: true,
      decidedBy: 'u1',
      note: null,
    });
    expect(await getLinkDecision(db, 'k1')).toMatchObject({
      childId: 'g-c0000001',
      decidedBy: 'u2',
      note: '確認済',
    });
    const all = await loadLinkDecisions(db);
    expect(all.get('k2')).toMatchObject({ rejected: true, childId: null });
    await deleteLinkDecision(db, 'k2');
    expect(await getLinkDecision(db, 'k2')).toBeUndefined();
  });
});
