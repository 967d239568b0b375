import { createDraft, createRuleSet, publishVersion } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { expect, it } from 'vitest';
import { createRuleSetStore } from './rule-set-store';

describeEachDatabase('rule-set store', (getDb) => {
  it('lists each rule set with its title in both languages', async () => {
    const { db } = getDb();
    await createRuleSet(db, { id: 'demo', title: { ja: 'デモ判定ルール', en: 'Demo rules' } });
    const draft = await createDraft(db, {
      ruleSetId: 'demo',
      document: { rules: [] },
      createdBy: 'u1',
      note: null,
    });
    await publishVersion(db, { versionId: draft.id, publishedBy: 'u1' });
    const [summary] = await createRuleSetStore(db).list();
    expect(summary).toMatchObject({
      id: 'demo',
      title: { ja: 'デモ判定ルール', en: 'Demo rules' },
      current: { version: 1 },
    });
  });
});
