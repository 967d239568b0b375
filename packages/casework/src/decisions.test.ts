import { describeEachDatabase } from '@mimamori/db/testing';
import { beforeAll, expect, it } from 'vitest';
import {
  decide,
  getCaseHistory,
  listCasesByStatus,
  localDay,
  recordCaseMeeting,
} from './decisions';
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

describeEachDatabase('decision rules', (getDb) => {
  let caseId = '';
  const today = new Date('2026-04-10T00:00:00Z');

  beforeAll(async () => {
    const { db } = getDb();
    const ids = await seedVillage(db, { prefix: 'dr', children: 2 });
    const runId = await seedRun(db, {
      id: 'dr-run',
      versionId: await seedRuleSet(db),
      judged: 2,
      flags: [{ childId: ids[0]!, type: 'poverty', level: 'watch', points: 6 }],
    });
    await createSheet(db, { runId, childId: ids[0]!, actor: fc });
    caseId = (await listCasesByStatus(db, { childId: ids[0]! }))[0]!.id;
  });

  it('answers each of two concurrent decisions with its own event, in one chain', async () => {
    const { db } = getDb();
    const [a, b] = await Promise.all([
      decide(db, { caseId, decision: { status: 'preventive_support', reason: 'A' }, actor: fc }),
      decide(db, { caseId, decision: { status: 'case_meeting', reason: 'B' }, actor: fc }),
    ]);
    expect(a.event.data).toMatchObject({ reason: 'A', status: 'preventive_support' });
    expect(b.event.data).toMatchObject({ reason: 'B', status: 'case_meeting' });
    expect(a.event.id).not.toBe(b.event.id);
    const decisions = (await getCaseHistory(db, caseId))!.events.filter(
      (e) => e.kind === 'decision',
    );
    // Each decision starts from the status the one before it left.
    for (let i = 1; i < decisions.length; i += 1)
      expect(decisions[i]?.data.from).toBe(decisions[i - 1]?.data.status);
    expect((await getCaseHistory(db, caseId))?.status).toBe(decisions.at(-1)?.data.status);
  });

  it('refuses a decision against a status someone changed meanwhile (stale_case)', async () => {
    const { db } = getDb();
    const now = (await getCaseHistory(db, caseId))!.status;
    const other = now === 'case_meeting' ? 'preventive_support' : 'case_meeting';
    await expect(
      decide(db, {
        caseId,
        decision: { status: 'watch', reason: 'x', expectedStatus: other },
        actor: fc,
      }),
    ).rejects.toMatchObject({ code: 'stale_case' });
    const done = await decide(db, {
      caseId,
      decision: { status: 'watch', reason: '見守り継続', expectedStatus: now },
      actor: fc,
    });
    expect(done.event.data).toMatchObject({ from: now, status: 'watch' });
  });

  it('names an agency only for a referral and takes no date after today', async () => {
    const { db } = getDb();
    for (const decision of [
      { status: 'closed', reason: 'x', agency: 'public_health_nurse' },
      { status: 'watch', reason: 'x', agencyNote: 'どこか' },
      { status: 'watch', reason: 'x', decidedOn: '2026-04-11' },
    ] as const) {
      await expect(decide(db, { caseId, decision, actor: fc, now: today })).rejects.toMatchObject({
        code: 'invalid_input',
      });
    }
    const dated = await decide(db, {
      caseId,
      decision: { status: 'watch', reason: 'x', decidedOn: '2026-04-10' },
      actor: fc,
      now: today,
    });
    expect(dated.event.data.decidedOn).toBe('2026-04-10');
    // Without a date it is today where the village is (Asia/Tokyo): 09:00 on 10 April here.
    const undated = await decide(db, {
      caseId,
      decision: { status: 'watch', reason: 'x' },
      actor: fc,
      now: new Date('2026-04-09T15:00:00Z'),
    });
    expect(undated.event.data.decidedOn).toBe('2026-04-10');
    expect(localDay(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04-01');
  });

  it('takes no decision on a closed case: not closing again, not reopening', async () => {
    const { db } = getDb();
    const closed = await decide(db, {
      caseId,
      decision: { status: 'closed', reason: '終結' },
      actor: fc,
    });
    for (const status of ['closed', 'watch', 'preventive_support'] as const) {
      const refused = decide(db, { caseId, decision: { status, reason: '再' }, actor: fc });
      await expect(refused).rejects.toMatchObject({ code: 'invalid_state' });
      await expect(refused).rejects.toThrow(/reopening a closed case is not supported/);
    }
    const history = await getCaseHistory(db, caseId);
    expect(history).toMatchObject({ status: 'closed', closedAt: closed.case.closedAt });
    expect(history?.events.at(-1)?.id).toBe(closed.event.id);
  });
});
