import { expect, it } from 'vitest';
import { makeBatch } from '../test-batch';
import { describeEachDatabase } from '../testing';
import { addCaseEvent, decideCase, openCase } from './cases';
import {
  clearOverrideNotes,
  deletePersonalData,
  findChildSheetKey,
  latestRunOfSchedule,
  listCaseEventsWithCase,
  listChildResults,
  listChildrenClosedBefore,
  listRunLevels,
  listSettingsWithPrefix,
  replaceCaseEventData,
} from './casework-queries';
import { insertBatch } from './ingest';
import { setSetting } from './meta';
import { getPerson } from './personal';
import { createDraft, createRuleSet } from './rule-sets';
import { completeRun, createRun, insertResults } from './runs';
import { createSchedule } from './schedules';
import { createOverride, listOverrides, saveChildSheet } from './sheets';

describeEachDatabase('casework queries', (getDb) => {
  it('reads run levels, sheets by id, events with their case, results per child', async () => {
    const { db } = getDb();
    await insertBatch(db, makeBatch({ id: 'q', children: 4, recordsPerChild: 1 }));
    await createRuleSet(db, { id: 'rs', title: { ja: 'r', en: 'r' } });
    const draft = await createDraft(db, {
      ruleSetId: 'rs',
      document: {},
      createdBy: 'u',
      note: null,
    });
    await createSchedule(db, { id: 'spring', cron: '0 6 8 4 *', nextDueAt: null });
    expect(await latestRunOfSchedule(db, 'spring')).toBeUndefined();
    const run = await createRun(db, {
      id: 'run-q',
      ruleSetVersionId: draft.id,
      dataVersion: 1,
      asOf: '2026-04-08',
      startedBy: null,
      scheduleId: 'spring',
    });
    await insertResults(db, run.id, [
      {
        childId: 'q-c0000000',
        type: 'poverty',
        points: 5,
        level: 'watch',
        outsideSchoolPoints: 3,
        rankSchool: 1,
        rankGrade: 1,
        explanation: { reasons: [] },
      },
      {
        childId: 'q-c0000001',
        type: 'poverty',
        points: 0,
        level: null,
        outsideSchoolPoints: 0,
        rankSchool: 2,
        rankGrade: 1,
        explanation: null,
      },
    ]);
    await completeRun(db, run.id, {});
    expect(await latestRunOfSchedule(db, 'spring')).toMatchObject({
      id: 'run-q',
      status: 'completed',
    });
    expect(await listRunLevels(db, run.id)).toEqual([
      {
        childId: 'q-c0000000',
        type: 'poverty',
        level: 'watch',
        school: 'S0',
        nursery: null,
        grade: 1,
      },
      {
        childId: 'q-c0000001',
        type: 'poverty',
        level: null,
        school: 'S1',
        nursery: null,
        grade: 2,
      },
    ]);
    const results = await listChildResults(db, 'q-c0000000');
    expect(results).toEqual([
      expect.objectContaining({
        runId: 'run-q',
        asOf: '2026-04-08',
        points: 5,
        explanation: { reasons: [] },
      }),
    ]);

    const sheet = await saveChildSheet(db, {
      runId: run.id,
      childId: 'q-c0000000',
      content: {},
      sharedSchool: null,
      createdBy: 'fc',
    });
    expect(await findChildSheetKey(db, sheet.id)).toEqual({ runId: run.id, childId: 'q-c0000000' });
    expect(await findChildSheetKey(db, 'nope')).toBeUndefined();

    const opened = await openCase(db, { childId: 'q-c0000000', runId: run.id, actorId: 'fc' });
    const observed = await addCaseEvent(db, {
      caseId: opened.id,
      kind: 'observation',
      data: { text: '様子を見た' },
      actorId: 't',
    });
    const observations = await listCaseEventsWithCase(db, {
      kinds: ['observation'],
      runId: run.id,
    });
    expect(observations).toEqual([{ ...observed, childId: 'q-c0000000', runId: run.id }]);
    expect(await listCaseEventsWithCase(db, { childId: 'q-c0000000' })).toHaveLength(2);
    await replaceCaseEventData(db, observed.id, { redacted: true });
    const [redacted] = await listCaseEventsWithCase(db, { kinds: ['observation'] });
    expect(redacted?.data).toEqual({ redacted: true });
  });

  it('finds children whose cases all closed before a date and deletes their personal data', async () => {
    const { db } = getDb();
    const a = await openCase(db, { childId: 'q-c0000001', runId: null, actorId: 'fc' });
    await decideCase(db, { caseId: a.id, status: 'closed', actorId: 'fc' });
    const b = await openCase(db, { childId: 'q-c0000002', runId: null, actorId: 'fc' });
    await decideCase(db, { caseId: b.id, status: 'closed', actorId: 'fc' });
    await openCase(db, { childId: 'q-c0000002', runId: null, actorId: 'fc' });
    const future = new Date(Date.now() + 60_000).toISOString();
    // q-c0000000 has an open case, q-c0000002 a second, open case: only q-c0000001 qualifies.
    expect(await listChildrenClosedBefore(db, future)).toEqual(['q-c0000001']);
    expect(await listChildrenClosedBefore(db, '2000-01-01T00:00:00.000Z')).toEqual([]);

    await createOverride(db, {
      runId: 'run-q',
      childId: 'q-c0000001',
      type: 'poverty',
      fromLevel: null,
      toLevel: 'watch',
      reasonCode: 'family_context',
      note: '家庭の事情',
      createdBy: 'fc',
    });
    expect(await clearOverrideNotes(db, 'q-c0000001')).toBe(1);
    expect((await listOverrides(db, { childId: 'q-c0000001' }))[0]?.note).toBeNull();

    expect(await getPerson(db, 'q-c0000001')).toBeDefined();
    expect(await deletePersonalData(db, 'q-c0000001')).toEqual({ persons: 1, identities: 0 });
    expect(await getPerson(db, 'q-c0000001')).toBeUndefined();
    expect(await deletePersonalData(db, 'q-c0000001')).toEqual({ persons: 0, identities: 0 });
  });

  it('deletes the identities of unmatched records once they are linked to the child', async () => {
    const { db } = getDb();
    // makeBatch leaves every 50th record unmatched with an identity: link one to a child.
    const [row] = await db.selectFrom('record_identities').select('record_id').execute();
    expect(row).toBeDefined();
    await db
      .updateTable('source_records')
      .set({ child_id: 'q-c0000003' })
      .where('id', '=', row!.record_id)
      .execute();
    expect(await deletePersonalData(db, 'q-c0000003')).toEqual({ persons: 1, identities: 1 });
  });

  it('lists settings by key prefix', async () => {
    const { db } = getDb();
    await setSetting(db, 'tombstone.child.a', { at: 1 });
    await setSetting(db, 'tombstone.child.b', { at: 2 });
    await setSetting(db, 'other', {});
    const found = await listSettingsWithPrefix(db, 'tombstone.child.');
    expect(found.map((f) => [f.key, f.value])).toEqual([
      ['tombstone.child.a', { at: 1 }],
      ['tombstone.child.b', { at: 2 }],
    ]);
  });
});
