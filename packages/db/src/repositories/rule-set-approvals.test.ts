import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing';
import {
  approveRequest,
  documentHash,
  getPendingApproval,
  listOpenApprovals,
  rejectRequest,
  requestApproval,
  requestRollback,
  setApprovalRequired,
} from './rule-set-approvals';
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

describeEachDatabase('rule-set approvals', (getDb) => {
  /** A rule set, with approval required when `approval`. */
  async function ruleSet(id: string, approval = false): Promise<void> {
    await createRuleSet(getDb().db, { id, title: { ja: id, en: id } });
    if (approval) await setApprovalRequired(getDb().db, { ruleSetId: id, required: true });
  }
  /** A draft by user `a` whose document is `{ rules }`. */
  const draftOf = (ruleSetId: string, rules: number[]) =>
    createDraft(getDb().db, { ruleSetId, document: { rules }, createdBy: 'a', note: null });

  it('is off by default, and when on publishes only with another person’s approval', async () => {
    const { db } = getDb();
    await ruleSet('appr');
    expect((await listRuleSets(db)).find((r) => r.id === 'appr')?.approvalRequired).toBe(false);
    const v1 = await draftOf('appr', [1]);
    await publishVersion(db, { versionId: v1.id, publishedBy: 'a' });

    const set = await setApprovalRequired(db, { ruleSetId: 'appr', required: true });
    expect(set).toMatchObject({ previous: false, ruleSet: { approvalRequired: true } });
    await expect(
      setApprovalRequired(db, { ruleSetId: 'nope', required: true }),
    ).rejects.toMatchObject({ code: 'not_found' });

    const v2 = await draftOf('appr', [2]);
    await expect(publishVersion(db, { versionId: v2.id, publishedBy: 'a' })).rejects.toMatchObject({
      code: 'approval_required',
    });
    await expect(
      publishVersion(db, { versionId: v2.id, publishedBy: 'a', approvedBy: 'a' }),
    ).rejects.toMatchObject({ code: 'approval_same_person' });
    await expect(
      republishVersion(db, { versionId: v1.id, publishedBy: 'a', note: null }),
    ).rejects.toMatchObject({ code: 'approval_required' });
    // The refused rollback left no draft behind.
    expect((await listVersions(db, 'appr')).map((v) => v.version)).toEqual([2, 1]);

    const request = await requestApproval(db, { versionId: v2.id, requestedBy: 'a', note: 'n2' });
    expect(request).toMatchObject({
      kind: 'publish',
      status: 'pending',
      requestedBy: 'a',
      note: 'n2',
      documentHash: documentHash({ rules: [2] }),
    });
    await expect(
      requestApproval(db, { versionId: v2.id, requestedBy: 'b', note: 'again' }),
    ).rejects.toMatchObject({ code: 'approval_pending' });
    await expect(approveRequest(db, { versionId: v2.id, approvedBy: 'a' })).rejects.toMatchObject({
      code: 'approval_same_person',
    });
    expect(await listOpenApprovals(db, 'appr')).toEqual([request]);

    const { version } = await approveRequest(db, { versionId: v2.id, approvedBy: 'b' });
    expect(version).toMatchObject({
      status: 'published',
      note: 'n2',
      publishedBy: 'a',
      approvedBy: 'b',
    });
    expect((await getCurrentVersion(db, 'appr'))?.id).toBe(v2.id);
    expect(await listOpenApprovals(db, 'appr')).toEqual([]);
    await expect(approveRequest(db, { versionId: v2.id, approvedBy: 'b' })).rejects.toMatchObject({
      code: 'approval_not_pending',
    });
  });

  it('cancels a pending request when the draft is saved, and refuses a stale document', async () => {
    const { db } = getDb();
    await ruleSet('edit', true);
    const draft = await draftOf('edit', [1]);
    await requestApproval(db, { versionId: draft.id, requestedBy: 'a', note: 'n' });
    await updateDraft(db, { versionId: draft.id, document: { rules: [1, 2] }, updatedBy: 'c' });
    expect(await getPendingApproval(db, draft.id)).toBeUndefined();
    await expect(
      approveRequest(db, { versionId: draft.id, approvedBy: 'b' }),
    ).rejects.toMatchObject({ code: 'approval_not_pending' });

    // A document changed behind the request's back (not through updateDraft) is not published.
    await requestApproval(db, { versionId: draft.id, requestedBy: 'a', note: 'n' });
    await db
      .updateTable('rule_set_versions')
      .set({ document_json: JSON.stringify({ rules: [9] }) })
      .where('id', '=', draft.id)
      .execute();
    await expect(
      approveRequest(db, { versionId: draft.id, approvedBy: 'b' }),
    ).rejects.toMatchObject({ code: 'approval_stale' });
    expect((await getVersion(db, draft.id))?.status).toBe('draft');
  });

  it('rejects with a reason: the draft stays a draft and the reason stays readable', async () => {
    const { db } = getDb();
    await ruleSet('rej', true);
    const draft = await draftOf('rej', [1]);
    await requestApproval(db, { versionId: draft.id, requestedBy: 'a', note: 'n' });
    await expect(
      rejectRequest(db, { versionId: draft.id, rejectedBy: 'a', reason: 'x' }),
    ).rejects.toMatchObject({ code: 'approval_same_person' });
    const rejected = await rejectRequest(db, {
      versionId: draft.id,
      rejectedBy: 'b',
      reason: '根拠が未記入',
    });
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: 'b', reason: '根拠が未記入' });
    expect((await getVersion(db, draft.id))?.status).toBe('draft');
    expect(await listOpenApprovals(db, 'rej')).toEqual([rejected]);
    // Asking again replaces the rejection as the draft's open state.
    const again = await requestApproval(db, { versionId: draft.id, requestedBy: 'a', note: 'n' });
    expect(await listOpenApprovals(db, 'rej')).toEqual([again]);
  });

  it('requests a rollback as a new draft copying the old version', async () => {
    const { db } = getDb();
    await ruleSet('back');
    const v1 = await draftOf('back', [1]);
    await publishVersion(db, { versionId: v1.id, publishedBy: 'a' });
    const v2 = await draftOf('back', [2]);
    await publishVersion(db, { versionId: v2.id, publishedBy: 'a' });
    await setApprovalRequired(db, { ruleSetId: 'back', required: true });

    const request = await requestRollback(db, { versionId: v1.id, requestedBy: 'a', note: 'back' });
    expect(request).toMatchObject({ kind: 'rollback', fromVersion: 1, status: 'pending' });
    const { version } = await approveRequest(db, { versionId: request.versionId, approvedBy: 'b' });
    expect(version).toMatchObject({ version: 3, document: { rules: [1] }, approvedBy: 'b' });
  });

  it('lets a direct publish close a pending request once approval is no longer required', async () => {
    const { db } = getDb();
    await ruleSet('off', true);
    const draft = await draftOf('off', [1]);
    await requestApproval(db, { versionId: draft.id, requestedBy: 'a', note: 'n' });
    await setApprovalRequired(db, { ruleSetId: 'off', required: false });
    await publishVersion(db, { versionId: draft.id, publishedBy: 'a' });
    expect(await getPendingApproval(db, draft.id)).toBeUndefined();
    const rows = await db
      .selectFrom('rule_set_approvals')
      .select(['status', 'decided_by'])
      .where('version_id', '=', draft.id)
      .execute();
    expect(rows).toEqual([{ status: 'cancelled', decided_by: 'a' }]);
  });

  it('keeps one pending request per draft when two people ask at once', async () => {
    const { db } = getDb();
    await ruleSet('race');
    const draft = await draftOf('race', [1]);
    const ask = (on: typeof db, requestedBy: string) =>
      requestApproval(on, { versionId: draft.id, requestedBy, note: 'n' });
    // better-sqlite3 is synchronous: two connections of one process cannot interleave
    // transactions (the second would block the first), so SQLite asks one after the other.
    const results =
      getDb().dialect === 'postgres'
        ? await Promise.allSettled([ask(db, 'a'), ask(getDb().reopen().db, 'b')])
        : [
            await Promise.allSettled([ask(db, 'a')]),
            await Promise.allSettled([ask(db, 'b')]),
          ].flat();
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { code: 'approval_pending' },
    });
  });
});
