import { describeEachDatabase } from '@mimamori/db/testing';
import { expect, it } from 'vitest';
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
