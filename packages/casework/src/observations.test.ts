import { describeEachDatabase } from '@mimamori/db/testing';
import { expect, it } from 'vitest';
import { decide, getCaseHistory, listCasesByStatus } from './decisions';
import { listNotifications, markNotificationRead, recordObservation } from './observations';
import { createSheet, shareSheet } from './sheets';
import { seedRuleSet, seedRun, seedVillage } from './village.fixture';

const fc = { id: 'fc1', role: 'family_center' };
const teacher = { id: 't1', role: 'teacher' };

describeEachDatabase('teacher observations and notifications', (getDb) => {
  it('lets a teacher report only on sheets shared with their school and notifies the center', async () => {
    const { db } = getDb();
    const ids = await seedVillage(db, { prefix: 'ob', children: 3 });
    const runId = await seedRun(db, {
      id: 'ob-run',
      versionId: await seedRuleSet(db),
      judged: 3,
      flags: [{ childId: ids[0]!, type: 'poverty', level: 'watch', points: 6 }],
    });
    const sheet = await createSheet(db, { runId, childId: ids[0]!, actor: fc });
    const observation = {
      text: '声掛けをした。元気がない',
      supportNeeded: true,
      observedOn: '2026-04-15',
    };
    // Not shared yet: the teacher cannot see it.
    await expect(
      recordObservation(db, { sheetId: sheet.id, school: 'S01', observation, actor: teacher }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await shareSheet(db, { sheetId: sheet.id, actor: fc });
    await expect(
      recordObservation(db, { sheetId: sheet.id, school: 'S02', observation, actor: teacher }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      recordObservation(db, {
        sheetId: sheet.id,
        school: 'S01',
        observation: { text: '', supportNeeded: true },
        actor: teacher,
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' });

    const event = await recordObservation(db, {
      sheetId: sheet.id,
      school: 'S01',
      observation,
      actor: teacher,
    });
    expect(event.data).toMatchObject({ school: 'S01', supportNeeded: true, sheetId: sheet.id });
    await recordObservation(db, {
      sheetId: sheet.id,
      school: 'S01',
      observation: { text: '落ち着いている', supportNeeded: false },
      actor: teacher,
    });

    const unread = await listNotifications(db, { unreadOnly: true });
    expect(unread).toEqual([
      expect.objectContaining({
        eventId: event.id,
        childId: ids[0],
        school: 'S01',
        read: false,
        observedOn: '2026-04-15',
      }),
    ]);
    await markNotificationRead(db, { eventId: event.id, actor: fc });
    await markNotificationRead(db, { eventId: event.id, actor: fc });
    expect(await listNotifications(db, { unreadOnly: true })).toEqual([]);
    expect(await listNotifications(db)).toEqual([
      expect.objectContaining({ read: true, readBy: 'fc1' }),
    ]);
    await expect(markNotificationRead(db, { eventId: 'nope', actor: fc })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describeEachDatabase('observations on closed cases and unshared sheets', (getDb) => {
  it('adds observations on a closed case to it and opens no case, even when they race', async () => {
    const { db } = getDb();
    const ids = await seedVillage(db, { prefix: 'oc', children: 3 });
    const runId = await seedRun(db, {
      id: 'oc-run',
      versionId: await seedRuleSet(db),
      judged: 3,
      flags: [{ childId: ids[1]!, type: 'poverty', level: 'watch', points: 6 }],
    });
    const sheet = await createSheet(db, { runId, childId: ids[1]!, actor: fc });
    await shareSheet(db, { sheetId: sheet.id, actor: fc });
    const [opened] = await listCasesByStatus(db, { childId: ids[1]! });
    await decide(db, {
      caseId: opened!.id,
      decision: { status: 'closed', reason: '終結' },
      actor: fc,
    });

    const [worried] = await Promise.all([
      recordObservation(db, {
        sheetId: sheet.id,
        school: 'S02',
        observation: { text: '元気がない', supportNeeded: true },
        actor: teacher,
      }),
      recordObservation(db, {
        sheetId: sheet.id,
        school: 'S02',
        observation: { text: '欠席続く', supportNeeded: false },
        actor: teacher,
      }),
    ]);
    const cases = await listCasesByStatus(db, { childId: ids[1]! });
    expect(cases.map((c) => [c.id, c.status])).toEqual([[opened!.id, 'closed']]);
    const history = await getCaseHistory(db, opened!.id);
    expect(history?.events.filter((e) => e.kind === 'observation')).toHaveLength(2);
    // No decision in the teacher's name.
    expect(history?.events.filter((e) => e.actorId === teacher.id).map((e) => e.kind)).toEqual([
      'observation',
      'observation',
    ]);
    // The center is still told.
    expect((await listNotifications(db, { unreadOnly: true })).map((n) => n.eventId)).toContain(
      worried.id,
    );
  });

  it('tells the center a sheet is not shared yet; a teacher does not see it at all', async () => {
    const { db } = getDb();
    const ids = await seedVillage(db, { prefix: 'on', children: 1 });
    const runId = await seedRun(db, {
      id: 'on-run',
      versionId: await seedRuleSet(db, 'on'),
      judged: 1,
      flags: [{ childId: ids[0]!, type: 'poverty', level: 'watch', points: 6 }],
    });
    const sheet = await createSheet(db, { runId, childId: ids[0]!, actor: fc });
    const observation = { text: '電話で様子を聞いた', supportNeeded: false };
    await expect(
      recordObservation(db, { sheetId: sheet.id, observation, actor: fc }),
    ).rejects.toMatchObject({ code: 'sheet_not_shared' });
    await expect(
      recordObservation(db, { sheetId: sheet.id, school: 'S01', observation, actor: teacher }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await shareSheet(db, { sheetId: sheet.id, actor: fc });
    const event = await recordObservation(db, { sheetId: sheet.id, observation, actor: fc });
    expect(event.data).toMatchObject({ school: 'S01', sheetId: sheet.id });
  });
});
