import {
  getPerson,
  listAudit,
  listCaseEvents,
  listCases,
  listOverrides,
  tableCounts,
} from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { expect, it } from 'vitest';
import { decide } from './decisions';
import { recordObservation } from './observations';
import { overrideLevel } from './overrides';
import {
  defaultRetentionDays,
  getRetentionDays,
  listTombstones,
  purgeExpired,
  setRetentionDays,
} from './retention';
import { createSheet, getSheet, shareSheet, updateSheetNotes } from './sheets';
import { seedRuleSet, seedRun, seedVillage } from './village.fixture';

const fc = { id: 'fc1', role: 'family_center' };
const day = 86_400_000;

describeEachDatabase('retention', (getDb) => {
  it('purges the personal data of cases closed longer than the retention period, leaving a tombstone', async () => {
    const { db } = getDb();
    const ids = await seedVillage(db, { prefix: 're', children: 3 });
    const runId = await seedRun(db, {
      id: 're-run',
      versionId: await seedRuleSet(db),
      judged: 3,
      flags: ids.map((childId) => ({ childId, type: 'poverty', level: 'watch', points: 6 })),
    });
    const sheetIds: string[] = [];
    for (const childId of ids) {
      const sheet = await createSheet(db, { runId, childId, actor: fc });
      await updateSheetNotes(db, {
        sheetId: sheet.id,
        notes: { summary: '家庭訪問で母親と面談' },
        actor: fc,
      });
      await shareSheet(db, { sheetId: sheet.id, actor: fc });
      sheetIds.push(sheet.id);
    }
    await recordObservation(db, {
      sheetId: sheetIds[0]!,
      school: 'S01',
      observation: { text: '兄弟の世話で遅刻', supportNeeded: true },
      actor: { id: 't1' },
    });
    await overrideLevel(db, {
      override: {
        runId,
        childId: ids[0]!,
        type: 'poverty',
        toLevel: 'support',
        reasonCode: 'family_context',
        note: '父親の失職',
      },
      actor: fc,
    });
    const [case0] = await listCases(db, { childId: ids[0]! });
    const [case1] = await listCases(db, { childId: ids[1]! });
    await decide(db, {
      caseId: case0!.id,
      decision: { status: 'closed', reason: '転出のため終結' },
      actor: fc,
    });
    await decide(db, {
      caseId: case1!.id,
      decision: { status: 'closed', reason: '改善' },
      actor: fc,
    });

    expect(await getRetentionDays(db)).toBe(defaultRetentionDays);
    await setRetentionDays(db, 30);
    await expect(setRetentionDays(db, 0)).rejects.toMatchObject({ code: 'invalid_input' });
    // Within the period nothing goes.
    expect((await purgeExpired(db, { now: new Date(Date.now() + 29 * day) })).purged).toEqual([]);

    const before = await tableCounts(db);
    const later = new Date(Date.now() + 31 * day);
    const { purged } = await purgeExpired(db, { now: later, actorId: 'admin1' });
    // ids[2]'s case is still open: kept.
    expect(purged.map((t) => t.childId)).toEqual([ids[0], ids[1]]);
    expect(purged[0]).toMatchObject({
      retentionDays: 30,
      caseIds: [case0!.id],
      removed: { persons: 1, overrideNotes: 1, sheets: 1 },
    });
    expect(await getPerson(db, ids[0]!)).toBeUndefined();
    expect(await getPerson(db, ids[2]!)).toBeDefined();

    const sheet = await getSheet(db, sheetIds[0]!);
    expect(sheet?.content).toMatchObject({ purged: true, notes: { summary: '' } });
    expect(sheet?.content.items.every((i) => i.text === '')).toBe(true);
    expect(sheet?.content.scores[0]?.points).toBe(6);
    const events = await listCaseEvents(db, case0!.id);
    const text = JSON.stringify(events);
    for (const secret of ['兄弟の世話', '家庭訪問', '転出のため'])
      expect(text).not.toContain(secret);
    expect(events.map((e) => e.data.status ?? null)).toContain('closed');
    expect(events.at(-1)?.data).toMatchObject({ tombstone: true });
    expect((await listOverrides(db, { childId: ids[0]! }))[0]).toMatchObject({
      note: null,
      reasonCode: 'family_context',
    });
    expect(JSON.stringify(await getSheet(db, sheetIds[2]!))).toContain('家庭訪問');

    const after = await tableCounts(db);
    expect(after.persons).toBe(before.persons - 2);
    expect(after.children).toBe(before.children);
    expect((await listTombstones(db)).map((t) => t.childId)).toEqual([ids[0], ids[1]]);
    const audit = await listAudit(db, { action: 'retention.purge' });
    expect(audit.map((e) => e.targetId).sort()).toEqual([ids[0], ids[1]]);
    expect(audit[0]?.actorId).toBe('admin1');
    expect(JSON.stringify(audit)).not.toContain('試験');

    // A second purge finds nothing new.
    expect((await purgeExpired(db, { now: later })).purged).toEqual([]);
  });

  it('takes nothing more on a purged sheet, and purges again only data newer than the tombstone', async () => {
    const { db } = getDb();
    const ids = await seedVillage(db, { prefix: 'rp', children: 2 });
    const versionId = await seedRuleSet(db, 'rp');
    const flags = ids.map((childId) => ({ childId, type: 'poverty', level: 'watch', points: 6 }));
    const runId = await seedRun(db, { id: 'rp-run', versionId, judged: 2, flags });
    const sheetIds: string[] = [];
    for (const childId of ids) {
      const sheet = await createSheet(db, { runId, childId, actor: fc });
      await shareSheet(db, { sheetId: sheet.id, actor: fc });
      const [opened] = await listCases(db, { childId });
      await decide(db, {
        caseId: opened!.id,
        decision: { status: 'closed', reason: '改善' },
        actor: fc,
      });
      sheetIds.push(sheet.id);
    }
    const first = await purgeExpired(db, {
      now: new Date(Date.now() + 31 * day),
      retentionDays: 30,
    });
    expect(first.purged.map((t) => t.childId)).toEqual(expect.arrayContaining(ids));

    const sheetId = sheetIds[0]!;
    await expect(
      recordObservation(db, {
        sheetId,
        school: 'S01',
        observation: { text: '父親から叩かれたと話した', supportNeeded: true },
        actor: { id: 't1' },
      }),
    ).rejects.toMatchObject({ code: 'purged' });
    await expect(shareSheet(db, { sheetId, actor: fc })).rejects.toMatchObject({ code: 'purged' });
    await expect(
      updateSheetNotes(db, { sheetId, notes: { summary: '追記' }, actor: fc }),
    ).rejects.toMatchObject({ code: 'purged' });
    expect(JSON.stringify(await listCaseEvents(db, first.purged[0]!.caseIds[0]!))).not.toContain(
      '叩かれた',
    );

    // ids[0] is flagged again in a later run: a new sheet and case, closed in turn.
    const laterRun = await seedRun(db, { id: 'rp-run2', versionId, judged: 2, flags: [flags[0]!] });
    const again = await createSheet(db, { runId: laterRun, childId: ids[0]!, actor: fc });
    await updateSheetNotes(db, {
      sheetId: again.id,
      notes: { summary: '家庭の事情メモ' },
      actor: fc,
    });
    const reopened = (await listCases(db, { childId: ids[0]! })).find((c) => c.status !== 'closed');
    await decide(db, {
      caseId: reopened!.id,
      decision: { status: 'closed', reason: '再終結: 家庭の事情' },
      actor: fc,
    });
    const second = await purgeExpired(db, {
      now: new Date(Date.now() + 62 * day),
      retentionDays: 30,
    });
    // Only the child with data newer than its tombstone; ids[1] has nothing left to erase.
    expect(second.purged.map((t) => t.childId)).toEqual([ids[0]]);
    expect(second.purged[0]).toMatchObject({ removed: { sheets: 1 } });
    const events = await listCaseEvents(db, reopened!.id);
    expect(JSON.stringify(events)).not.toContain('家庭の事情');
    expect((await getSheet(db, again.id))?.content).toMatchObject({ purged: true });
    expect((await listTombstones(db)).find((t) => t.childId === ids[0])?.caseIds).toContain(
      reopened!.id,
    );
    expect(
      (await purgeExpired(db, { now: new Date(Date.now() + 93 * day), retentionDays: 30 })).purged,
    ).toEqual([]);
  });
});
