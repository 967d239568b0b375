import { describeEachDatabase } from '@mimamori/db/testing';
import { expect, it } from 'vitest';
import { decide, getCaseHistory, listCasesByStatus, recordCaseMeeting } from './decisions';
import { createSheet } from './sheets';
import { seedRuleSet, seedRun, seedVillage } from './village.fixture';

const fc = { id: 'fc1', role: 'family_center' };

describeEachDatabase('decisions and their history', (getDb) => {
  it('records every decision with date, author and reason, and keeps the whole history', async () => {
    const { db } = getDb();
    const ids = await seedVillage(db, { prefix: 'de', children: 3 });
    const runId = await seedRun(db, {
      id: 'de-run',
      versionId: await seedRuleSet(db),
      judged: 3,
      flags: [
        { childId: ids[0]!, type: 'poverty', level: 'watch', points: 6 },
        { childId: ids[1]!, type: 'abuse', level: 'watch', points: 5 },
      ],
    });
    await createSheet(db, { runId, childId: ids[0]!, actor: fc });
    await createSheet(db, { runId, childId: ids[1]!, actor: fc });
    const [opened] = await listCasesByStatus(db, { childId: ids[0]! });
    const caseId = opened!.id;

    await expect(
      decide(db, { caseId, decision: { status: 'referred', reason: '要支援' }, actor: fc }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      decide(db, {
        caseId,
        decision: { status: 'referred', reason: 'x', agency: 'other' },
        actor: fc,
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      decide(db, { caseId: 'nope', decision: { status: 'watch', reason: 'x' }, actor: fc }),
    ).rejects.toMatchObject({ code: 'not_found' });

    await decide(db, {
      caseId,
      decision: { status: 'case_meeting', reason: '複数機関で協議', decidedOn: '2026-05-01' },
      actor: fc,
    });
    await recordCaseMeeting(db, {
      caseId,
      meeting: {
        heldOn: '2026-05-10',
        attendees: ['教育委員会', '校長', 'スクールソーシャルワーカー'],
        summary: '家庭訪問を行う',
      },
      actor: fc,
    });
    const referred = await decide(db, {
      caseId,
      decision: { status: 'referred', reason: '保健師による訪問', agency: 'public_health_nurse' },
      actor: { id: 'fc2' },
    });
    expect(referred.case.status).toBe('referred');
    expect(referred.event.data).toMatchObject({
      status: 'referred',
      from: 'case_meeting',
      agency: 'public_health_nurse',
    });
    await decide(db, {
      caseId,
      decision: { status: 'closed', reason: '支援につながった' },
      actor: fc,
    });

    const history = await getCaseHistory(db, caseId);
    expect(history?.status).toBe('closed');
    expect(history?.closedAt).not.toBeNull();
    expect(history?.events.map((e) => [e.kind, e.data.status ?? null, e.actorId])).toEqual([
      ['decision', 'watch', 'fc1'],
      ['decision', 'case_meeting', 'fc1'],
      ['meeting', null, 'fc1'],
      ['decision', 'referred', 'fc2'],
      ['decision', 'closed', 'fc1'],
    ]);
    expect(history?.events[1]?.data).toMatchObject({
      reason: '複数機関で協議',
      decidedOn: '2026-05-01',
    });
    expect(history?.events[2]?.data).toMatchObject({
      heldOn: '2026-05-10',
      actions: '',
      nextReviewOn: null,
    });
    await expect(
      recordCaseMeeting(db, {
        caseId,
        meeting: { heldOn: '2026-06-01', attendees: ['校長'], summary: 'x' },
        actor: fc,
      }),
    ).rejects.toMatchObject({ code: 'invalid_state' });

    expect((await listCasesByStatus(db, { statuses: ['closed'] })).map((c) => c.childId)).toEqual([
      ids[0],
    ]);
    expect(
      (await listCasesByStatus(db, { statuses: ['watch', 'referred'] })).map((c) => c.childId),
    ).toEqual([ids[1]]);
    expect(await listCasesByStatus(db, { runId })).toHaveLength(2);
  });
});
