import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing';
import {
  createDraft,
  createRuleSet,
  getCurrentVersion,
  getVersion,
  listRuleSets,
  listVersions,
  publishVersion,
  republishVersion,
  updateDraft,
} from './rule-sets';

describeEachDatabase('rule sets', (getDb) => {
  it('drafts, publishes immutable versions and rolls back', async () => {
    const { db } = getDb();
    await createRuleSet(db, { id: 'demo', title: { ja: 'デモ', en: 'Demo' } });
    const v1 = await createDraft(db, {
      ruleSetId: 'demo',
      document: { rules: [1] },
      createdBy: 'u1',
      note: null,
    });
    expect(v1).toMatchObject({ version: 1, status: 'draft' });
    await updateDraft(db, { versionId: v1.id, document: { rules: [1, 2] }, note: 'more' });
    const published = await publishVersion(db, {
      versionId: v1.id,
      publishedBy: 'u1',
      approvedBy: 'u2',
    });
    expect(published).toMatchObject({
      status: 'published',
      document: { rules: [1, 2] },
      note: 'more',
      approvedBy: 'u2',
    });
    await expect(updateDraft(db, { versionId: v1.id, document: {} })).rejects.toMatchObject({
      code: 'not_draft',
    });
    await expect(publishVersion(db, { versionId: v1.id, publishedBy: 'u1' })).rejects.toMatchObject(
      { code: 'not_draft' },
    );
    await expect(updateDraft(db, { versionId: 'nope', document: {} })).rejects.toMatchObject({
      code: 'not_found',
    });

    const v2 = await createDraft(db, {
      ruleSetId: 'demo',
      document: { rules: [3] },
      createdBy: 'u1',
      note: null,
    });
    expect((await getCurrentVersion(db, 'demo'))?.id).toBe(v1.id);
    await publishVersion(db, { versionId: v2.id, publishedBy: 'u1' });
    expect((await getCurrentVersion(db, 'demo'))?.id).toBe(v2.id);
    expect((await getVersion(db, v1.id))?.status).toBe('archived');

    const v3 = await republishVersion(db, { versionId: v1.id, publishedBy: 'u3', note: null });
    expect(v3).toMatchObject({ version: 3, status: 'published', document: { rules: [1, 2] } });
    expect((await listVersions(db, 'demo')).map((v) => [v.version, v.status])).toEqual([
      [3, 'published'],
      [2, 'archived'],
      [1, 'archived'],
    ]);
    expect(await listRuleSets(db)).toEqual([
      expect.objectContaining({
        id: 'demo',
        title: { ja: 'デモ', en: 'Demo' },
        currentVersionId: v3.id,
      }),
    ]);
  });
});
