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

  it('numbers drafts created at the same moment 1, 2, 3 … (no unique violation)', async () => {
    const { db, dialect, reopen } = getDb();
    await createRuleSet(db, { id: 'busy', title: { ja: '同時', en: 'Concurrent' } });
    // Two handles on PostgreSQL: each draft runs on its own connection, as two API requests do.
    // better-sqlite3 is synchronous, so SQLite's one writer takes them one after the other.
    const other = dialect === 'postgres' ? reopen().db : db;
    const drafts = await Promise.all(
      [db, other, db, other, db, other].map((on, i) =>
        createDraft(on, {
          ruleSetId: 'busy',
          document: { rules: [i] },
          createdBy: 'u',
          note: null,
        }),
      ),
    );
    expect(drafts.map((d) => d.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await listVersions(db, 'busy')).map((v) => v.version)).toEqual([6, 5, 4, 3, 2, 1]);
  });
});
