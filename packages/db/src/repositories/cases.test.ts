import { expect, it } from 'vitest';
import { makeBatch } from '../test-batch';
import { describeEachDatabase } from '../testing';
import {
  addCaseEvent,
  countCasesByStatus,
  decideCase,
  ensureOpenCase,
  getCase,
  listCaseEvents,
  listCases,
  openCase,
  transitionCase,
} from './cases';
import { insertBatch } from './ingest';
import { createDraft, createRuleSet } from './rule-sets';
import { createRun } from './runs';
import {
  createOverride,
  getChildSheet,
  getChildSheetById,
  listChildSheets,
  listOverrides,
  reviewOverride,
  saveChildSheet,
  updateChildSheetIfUnchanged,
} from './sheets';

describeEachDatabase('cases, sheets and overrides', (getDb) => {
  it('opens a case, records decisions and events', async () => {
    const { db } = getDb();
    await insertBatch(db, makeBatch({ id: 'k', children: 3, recordsPerChild: 0 }));
    await createRuleSet(db, { id: 'rs', title: { ja: 'r', en: 'r' } });
    const draft = await createDraft(db, {
      ruleSetId: 'rs',
      document: {},
      createdBy: 'u',
      note: null,
    });
    const run = await createRun(db, {
      id: 'run1',
      ruleSetVersionId: draft.id,
      dataVersion: 1,
      asOf: '2026-04-01',
      startedBy: 'u',
    });
    const opened = await openCase(db, { childId: 'k-c0000000', runId: run.id, actorId: 'fc1' });
    expect(opened.status).toBe('watch');
    await addCaseEvent(db, {
      caseId: opened.id,
      kind: 'observation',
      data: { text: '元気' },
      actorId: 't1',
    });
    const decided = await decideCase(db, {
      caseId: opened.id,
      status: 'preventive_support',
      actorId: 'fc1',
      data: { reason: '面談' },
    });
    expect(decided).toMatchObject({ status: 'preventive_support', closedAt: null });
    const closed = await decideCase(db, { caseId: opened.id, status: 'closed', actorId: 'fc1' });
    expect(closed.closedAt).not.toBeNull();
    const events = await listCaseEvents(db, opened.id);
    expect(events.map((e) => e.kind)).toEqual(['decision', 'observation', 'decision', 'decision']);
    expect(events[2]?.data).toEqual({ reason: '面談', status: 'preventive_support' });
    expect(await getCase(db, opened.id)).toEqual(closed);
    expect((await listCases(db, { childId: 'k-c0000000' })).length).toBe(1);
    expect((await countCasesByStatus(db)).closed).toBe(1);
    await expect(
      decideCase(db, { caseId: 'nope', status: 'watch', actorId: null }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('saves sheets per run and child, shared with one school', async () => {
    const { db } = getDb();
    await saveChildSheet(db, {
      runId: 'run1',
      childId: 'k-c0000001',
      content: { notes: 'a' },
      sharedSchool: null,
      createdBy: 'fc1',
    });
    const updated = await saveChildSheet(db, {
      runId: 'run1',
      childId: 'k-c0000001',
      content: { notes: 'b' },
      sharedSchool: 'S1',
      createdBy: 'fc1',
    });
    expect(updated).toMatchObject({ content: { notes: 'b' }, sharedSchool: 'S1' });
    expect(await getChildSheet(db, 'run1', 'k-c0000001')).toEqual(updated);
    expect(await listChildSheets(db, { sharedSchool: 'S1' })).toHaveLength(1);
    expect(await listChildSheets(db, { sharedSchool: 'S2' })).toHaveLength(0);
  });

  it('records overrides reviewed by a second person only', async () => {
    const { db } = getDb();
    const o = await createOverride(db, {
      runId: 'run1',
      childId: 'k-c0000002',
      type: 'abuse',
      fromLevel: null,
      toLevel: 'watch',
      reasonCode: 'staff_knowledge',
      note: null,
      createdBy: 'fc1',
    });
    await expect(reviewOverride(db, o.id, 'fc1')).rejects.toMatchObject({ code: 'invalid_state' });
    expect(await reviewOverride(db, o.id, 'fc2')).toMatchObject({ reviewedBy: 'fc2' });
    expect(await listOverrides(db, { runId: 'run1' })).toHaveLength(1);
  });

  it('keeps one case per child open, also when two callers race to open it', async () => {
    const { db, dialect, reopen } = getDb();
    // Two handles on PostgreSQL, as two API requests; better-sqlite3 is synchronous, so
    // SQLite's one writer takes them one after the other.
    const other = dialect === 'postgres' ? reopen().db : db;
    const results = await Promise.all([
      ensureOpenCase(db, { childId: 'k-c0000001', runId: null, actorId: 'fc1' }),
      ensureOpenCase(other, { childId: 'k-c0000001', runId: null, actorId: 'fc2' }),
      ensureOpenCase(db, { childId: 'k-c0000001', runId: null, actorId: 'fc3' }),
    ]);
    expect(new Set(results.map((r) => r.case.id)).size).toBe(1);
    expect(results.filter((r) => r.opened)).toHaveLength(1);
    const [only] = await listCases(db, { childId: 'k-c0000001' });
    expect((await listCaseEvents(db, only!.id)).map((e) => e.kind)).toEqual(['decision']);
    // The database itself refuses a second open case.
    await expect(
      openCase(db, { childId: 'k-c0000001', runId: null, actorId: 'fc1' }),
    ).rejects.toThrow();
    await decideCase(db, { caseId: only!.id, status: 'closed', actorId: 'fc1' });
    const next = await ensureOpenCase(db, { childId: 'k-c0000001', runId: null, actorId: 'fc1' });
    expect(next).toMatchObject({ opened: true, case: { status: 'watch' } });
    expect(next.case.id).not.toBe(only!.id);
  });

  it('moves a case only from the status it was read in, answering its own event', async () => {
    const { db } = getDb();
    const opened = await openCase(db, { childId: 'k-c0000002', runId: null, actorId: 'fc1' });
    const moved = await transitionCase(db, {
      caseId: opened.id,
      from: 'watch',
      status: 'case_meeting',
      actorId: 'fc1',
      data: { reason: '協議' },
    });
    expect(moved?.case.status).toBe('case_meeting');
    expect(moved?.event).toMatchObject({ kind: 'decision', data: { reason: '協議' } });
    expect(
      await transitionCase(db, {
        caseId: opened.id,
        from: 'watch',
        status: 'closed',
        actorId: null,
      }),
    ).toBeUndefined();
    expect((await getCase(db, opened.id))?.status).toBe('case_meeting');
    expect(await listCaseEvents(db, opened.id)).toHaveLength(2);
  });

  it('changes a sheet only if it is the version the caller read, each change a new version', async () => {
    const { db } = getDb();
    const saved = await saveChildSheet(db, {
      runId: 'run1',
      childId: 'k-c0000002',
      content: { n: 0 },
      sharedSchool: null,
      createdBy: 'fc1',
    });
    expect(await getChildSheetById(db, saved.id)).toEqual(saved);
    let current = saved;
    for (let n = 1; n <= 3; n += 1) {
      const next = await updateChildSheetIfUnchanged(db, {
        id: saved.id,
        expectedUpdatedAt: current.updatedAt,
        content: { n },
        sharedSchool: 'S1',
      });
      // Even within one millisecond the version moves on.
      expect(next!.updatedAt > current.updatedAt).toBe(true);
      current = next!;
    }
    expect(
      await updateChildSheetIfUnchanged(db, {
        id: saved.id,
        expectedUpdatedAt: saved.updatedAt,
        content: { n: 99 },
        sharedSchool: null,
      }),
    ).toBeUndefined();
    expect(await getChildSheetById(db, saved.id)).toMatchObject({
      content: { n: 3 },
      sharedSchool: 'S1',
    });
  });
});
