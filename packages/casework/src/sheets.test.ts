import { decideCase, listCaseEvents, listCases } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { beforeAll, expect, it } from 'vitest';
import {
  createSheet,
  ensureCase,
  getSheet,
  listSheetsForSchool,
  shareSheet,
  updateSheetNotes,
} from './sheets';
import { seedRuleSet, seedRun, seedVillage } from './village.fixture';

const fc = { id: 'fc1', role: 'family_center' };

describeEachDatabase('child info sheets', (getDb) => {
  let runId = '';

  it('fills a sheet from results, explanations and the rule set, and opens a watch case', async () => {
    const { db } = getDb();
    const ids = await seedVillage(db, { prefix: 'sh', children: 6 });
    const versionId = await seedRuleSet(db);
    runId = await seedRun(db, {
      id: 'sh-run',
      versionId,
      judged: 6,
      flags: [
        { childId: ids[0]!, type: 'poverty', level: 'watch', points: 7 },
        { childId: ids[0]!, type: 'abuse', level: null, points: 3 },
        { childId: ids[1]!, type: 'poverty', level: null, points: 2 },
      ],
    });
    const sheet = await createSheet(db, { runId, childId: ids[0]!, actor: fc });
    expect(sheet.content.school).toBe('S01');
    expect(sheet.content.scores).toEqual([
      {
        type: 'poverty',
        typeLabel: '貧困',
        points: 7,
        level: 'watch',
        outsideSchoolPoints: 3,
        rankSchool: 1,
        rankGrade: 1,
      },
      {
        type: 'abuse',
        typeLabel: '虐待',
        points: 3,
        level: null,
        outsideSchoolPoints: 0,
        rankSchool: 2,
        rankGrade: 1,
      },
    ]);
    expect(sheet.content.items.map((i) => [i.ruleId, i.points])).toEqual([
      ['checkup', 5],
      ['absence', 4],
      ['child-support', 3],
    ]);
    const support = sheet.content.items.find((i) => i.ruleId === 'child-support');
    expect(support?.sources).toEqual([
      {
        fact: 'welfare.childSupport',
        label: '児童扶養手当',
        source: 'welfare',
        outsideSchool: true,
      },
      { fact: 'school.absenceDays', label: '欠席日数', source: 'school', outsideSchool: false },
    ]);
    expect(sheet.sharedSchool).toBeNull();
    const cases = await listCases(db, { childId: ids[0]! });
    expect(cases.map((c) => [c.status, c.runId])).toEqual([['watch', runId]]);
    // Filling again returns the same sheet and opens no second case.
    expect((await createSheet(db, { runId, childId: ids[0]!, actor: fc })).id).toBe(sheet.id);
    expect(await listCases(db, { childId: ids[0]! })).toHaveLength(1);
  });

  it('refuses unflagged children and unknown runs', async () => {
    const { db } = getDb();
    await expect(createSheet(db, { runId, childId: 'sh-01', actor: fc })).rejects.toMatchObject({
      code: 'not_flagged',
    });
    await expect(
      createSheet(db, { runId: 'nope', childId: 'sh-01', actor: fc }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('keeps review-meeting notes and their history', async () => {
    const { db } = getDb();
    const [sheet] = await listSheetsForSchoolOrAll(db);
    const updated = await updateSheetNotes(db, {
      sheetId: sheet!.id,
      notes: { principal: '登校時の様子を見守る', meetingDate: '2026-04-20' },
      actor: fc,
    });
    expect(updated.content.notes).toMatchObject({
      principal: '登校時の様子を見守る',
      meetingDate: '2026-04-20',
      schoolNurse: '',
    });
    const again = await updateSheetNotes(db, {
      sheetId: sheet!.id,
      notes: { schoolNurse: '保健室来室が多い' },
      actor: fc,
    });
    expect(again.content.notes).toMatchObject({
      principal: '登校時の様子を見守る',
      schoolNurse: '保健室来室が多い',
    });
    await expect(
      updateSheetNotes(db, { sheetId: sheet!.id, notes: { meetingDate: '20th April' }, actor: fc }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    const [c] = await listCases(db, { childId: 'sh-00' });
    const notes = (await listCaseEvents(db, c!.id)).filter((e) => e.kind === 'note');
    expect(notes.map((e) => e.data.notes)).toEqual([
      { principal: '登校時の様子を見守る', meetingDate: '2026-04-20' },
      { schoolNurse: '保健室来室が多い' },
    ]);
  });

  it("shares with the child's school; a teacher sees only their school's sheets", async () => {
    const { db } = getDb();
    const [sheet] = await listSheetsForSchoolOrAll(db);
    expect(await listSheetsForSchool(db, 'S01')).toEqual([]);
    const shared = await shareSheet(db, { sheetId: sheet!.id, actor: fc });
    expect(shared.sharedSchool).toBe('S01');
    expect(shared.content.sharedBy).toBe('fc1');
    expect((await listSheetsForSchool(db, 'S01')).map((s) => s.id)).toEqual([sheet!.id]);
    expect(await listSheetsForSchool(db, 'S02')).toEqual([]);
    expect(await getSheet(db, sheet!.id, { school: 'S02' })).toBeUndefined();
    expect(await getSheet(db, sheet!.id, { school: null })).toBeUndefined();
    expect((await getSheet(db, sheet!.id, { school: 'S01' }))?.id).toBe(sheet!.id);
    await expect(shareSheet(db, { sheetId: 'nope', actor: fc })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  async function listSheetsForSchoolOrAll(db: Parameters<typeof getSheet>[0]) {
    const { listSheets } = await import('./sheets');
    return listSheets(db, { runId });
  }
});

describeEachDatabase('sheet changes that race', (getDb) => {
  let sheetId = '';
  let childId = '';

  beforeAll(async () => {
    const { db } = getDb();
    const ids = await seedVillage(db, { prefix: 'sr', children: 5 });
    childId = ids[0]!;
    const runId = await seedRun(db, {
      id: 'sr-run',
      versionId: await seedRuleSet(db),
      judged: 5,
      flags: [{ childId, type: 'poverty', level: 'watch', points: 7 }],
    });
    sheetId = (await createSheet(db, { runId, childId, actor: fc })).id;
  });

  it('keeps both of two concurrent note changes, and each in the history', async () => {
    const { db } = getDb();
    const [a, b] = await Promise.all([
      updateSheetNotes(db, { sheetId, notes: { principal: '校長の所見' }, actor: fc }),
      updateSheetNotes(db, { sheetId, notes: { schoolNurse: '養護教諭の所見' }, actor: fc }),
    ]);
    expect(a.updatedAt).not.toBe(b.updatedAt);
    expect((await getSheet(db, sheetId))?.content.notes).toMatchObject({
      principal: '校長の所見',
      schoolNurse: '養護教諭の所見',
    });
    const [c] = await listCases(db, { childId });
    const notes = (await listCaseEvents(db, c!.id)).filter((e) => e.kind === 'note');
    expect(notes.map((e) => e.data.notes)).toEqual(
      expect.arrayContaining([{ principal: '校長の所見' }, { schoolNurse: '養護教諭の所見' }]),
    );
  });

  it('shares without resetting notes saved at the same time', async () => {
    const { db } = getDb();
    await Promise.all([
      updateSheetNotes(db, { sheetId, notes: { summary: '会議のまとめ' }, actor: fc }),
      shareSheet(db, { sheetId, actor: fc }),
    ]);
    const stored = await getSheet(db, sheetId);
    expect(stored?.content.notes.summary).toBe('会議のまとめ');
    expect(stored?.sharedSchool).toBe('S01');
  });

  it('refuses notes written against an older version (stale_sheet) and saves nothing', async () => {
    const { db } = getDb();
    const seen = (await getSheet(db, sheetId))!;
    const first = await updateSheetNotes(db, {
      sheetId,
      notes: { summary: '一人目' },
      expectedUpdatedAt: seen.updatedAt,
      actor: fc,
    });
    expect(first.updatedAt > seen.updatedAt).toBe(true);
    await expect(
      updateSheetNotes(db, {
        sheetId,
        notes: { summary: '二人目' },
        expectedUpdatedAt: seen.updatedAt,
        actor: { id: 'fc2' },
      }),
    ).rejects.toMatchObject({ code: 'stale_sheet' });
    expect((await getSheet(db, sheetId))?.content.notes.summary).toBe('一人目');
    const [c] = await listCases(db, { childId });
    const events = await listCaseEvents(db, c!.id);
    expect(events.filter((e) => e.actorId === 'fc2')).toEqual([]);
    // The version the first writer got back is current: saving against it works.
    const next = await updateSheetNotes(db, {
      sheetId,
      notes: { summary: '一人目（追記）' },
      expectedUpdatedAt: first.updatedAt,
      actor: fc,
    });
    expect(next.content.notes.summary).toBe('一人目（追記）');
  });

  it('shares only with a school or nursery some child attends', async () => {
    const { db } = getDb();
    await expect(shareSheet(db, { sheetId, school: 'NOPE99', actor: fc })).rejects.toMatchObject({
      code: 'unknown_school',
    });
    expect((await getSheet(db, sheetId))?.sharedSchool).toBe('S01');
    expect((await shareSheet(db, { sheetId, school: 'N01', actor: fc })).sharedSchool).toBe('N01');
    expect((await shareSheet(db, { sheetId, school: 'S01', actor: fc })).sharedSchool).toBe('S01');
  });

  it("opens one new case when the center's actions on a closed case's sheet race", async () => {
    const { db } = getDb();
    const [opened] = await listCases(db, { childId });
    await decideCase(db, { caseId: opened!.id, status: 'closed', actorId: 'fc1' });
    const ensure = () => ensureCase(db, { childId, runId: null, actorId: 'fc1' });
    await Promise.all([
      ensure(),
      updateSheetNotes(db, { sheetId, notes: { principal: '再検討' }, actor: fc }),
      ensure(),
      shareSheet(db, { sheetId, actor: fc }),
      ensure(),
    ]);
    const cases = await listCases(db, { childId });
    expect(cases.map((c) => c.status).sort()).toEqual(['closed', 'watch']);
  });

  it("never reopens a closed case for the center's notes or share: they join the latest case", async () => {
    const { db } = getDb();
    for (const open of (await listCases(db, { childId })).filter((c) => c.status !== 'closed'))
      await decideCase(db, { caseId: open.id, status: 'closed', actorId: 'fc1' });
    const before = await listCases(db, { childId });
    await updateSheetNotes(db, { sheetId, notes: { summary: '誤字の訂正' }, actor: fc });
    await shareSheet(db, { sheetId, actor: fc });
    const after = await listCases(db, { childId });
    expect(after.map((c) => [c.id, c.status])).toEqual(before.map((c) => [c.id, c.status]));
    const kinds = (await listCaseEvents(db, after[0]!.id)).map((e) => e.kind);
    expect(kinds.slice(-2)).toEqual(['note', 'share']);
  });
});
