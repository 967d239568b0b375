import { readTable } from '@mimamori/connector-kit';
import { listAudit } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { expect, it } from 'vitest';
import { exportDisclosure, disclosureHeader } from './disclosure';
import { exportFlaggedList, exportSheets, flaggedHeader, sheetHeader } from './exports';
import { recordObservation } from './observations';
import { overrideLevel } from './overrides';
import { createSheet, shareSheet, updateSheetNotes } from './sheets';
import { seedRuleSet, seedRun, seedVillage } from './village.fixture';

const fc = { id: 'fc1', role: 'family_center', ip: '127.0.0.1' };

describeEachDatabase('exports', (getDb) => {
  let ids: string[] = [];
  const runId = 'ex-run';

  it('exports sheets as CP932 CSV, UTF-8 CSV with BOM and XLSX with Japanese headers', async () => {
    const { db } = getDb();
    ids = await seedVillage(db, { prefix: 'ex', children: 4 });
    await seedRun(db, {
      id: runId,
      versionId: await seedRuleSet(db),
      judged: 4,
      flags: [
        { childId: ids[0]!, type: 'poverty', level: 'watch', points: 7 },
        { childId: ids[1]!, type: 'abuse', level: 'watch', points: 5 },
        { childId: ids[2]!, type: 'poverty', level: null, points: 1 },
      ],
    });
    for (const id of [ids[0]!, ids[1]!]) {
      const sheet = await createSheet(db, { runId, childId: id, actor: fc });
      await updateSheetNotes(db, {
        sheetId: sheet.id,
        notes: { principal: '髙橋校長: "見守り", 継続' },
        actor: fc,
      });
      await shareSheet(db, { sheetId: sheet.id, actor: fc });
    }
    const csv = await exportSheets(db, { runId, format: 'csv-cp932', actor: fc });
    expect(csv.fileName).toBe('child-info-sheets-ex-run.csv');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(csv.bytes)).toThrow();
    for (const file of [
      csv,
      await exportSheets(db, { runId, format: 'csv-utf8-bom', actor: fc }),
      await exportSheets(db, { runId, format: 'xlsx', actor: fc }),
    ]) {
      const table = await readTable({ file: file.fileName, bytes: file.bytes });
      expect(table.issues).toEqual([]);
      expect(table.header).toEqual([...sheetHeader]);
      expect(table.rows.map((r) => r.cells[0])).toEqual([ids[0], ids[1]]);
      const first = table.rows[0]!.cells;
      expect(first[sheetHeader.indexOf('学校・園')]).toBe('S01');
      expect(first[sheetHeader.indexOf('困難の種類と点数')]).toBe('貧困 7点（見守り）');
      expect(first[sheetHeader.indexOf('データの出所')]).toBe('保健、学校、福祉');
      expect(first[sheetHeader.indexOf('校長')]).toBe('髙橋校長: "見守り", 継続');
      expect(first[sheetHeader.indexOf('共有先')]).toBe('S01');
    }
    const bom = await exportSheets(db, { runId, school: 'S02', format: 'csv-utf8-bom', actor: fc });
    expect([...bom.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(
      (await readTable({ file: 'x.csv', bytes: bom.bytes })).rows.map((r) => r.cells[0]),
    ).toEqual([ids[1]]);
  });

  it('exports the flagged-children list after overrides, and audits every export', async () => {
    const { db } = getDb();
    await overrideLevel(db, {
      override: {
        runId,
        childId: ids[2]!,
        type: 'poverty',
        toLevel: 'watch',
        reasonCode: 'family_context',
        note: '家庭の状況',
      },
      actor: fc,
    });
    const file = await exportFlaggedList(db, { runId, format: 'xlsx', actor: fc });
    const table = await readTable({ file: file.fileName, bytes: file.bytes });
    expect(table.header).toEqual([...flaggedHeader]);
    expect(
      table.rows.map((r) => [
        r.cells[0],
        r.cells[3],
        r.cells[5],
        r.cells[6],
        r.cells[10],
        r.cells[11],
      ]),
    ).toEqual([
      [ids[0], 'poverty', '見守り', '見守り', 'あり', '見守り継続'],
      [ids[1], 'abuse', '見守り', '見守り', 'あり', '見守り継続'],
      [ids[2], 'poverty', '', '見守り', 'なし', ''],
    ]);
    const csv = await exportFlaggedList(db, {
      runId,
      school: 'S01',
      format: 'csv-cp932',
      actor: fc,
    });
    expect(
      (await readTable({ file: 'f.csv', bytes: csv.bytes })).rows.map((r) => r.cells[0]),
    ).toEqual([ids[0], ids[2]]);
    await expect(
      exportFlaggedList(db, { runId: 'nope', format: 'xlsx', actor: fc }),
    ).rejects.toMatchObject({ code: 'not_found' });

    const audit = (await listAudit(db, { limit: 1_000 })).filter((e) =>
      e.action.startsWith('export.'),
    );
    expect(audit.map((e) => e.action).sort()).toEqual([
      'export.flagged',
      'export.flagged',
      'export.sheets',
      'export.sheets',
      'export.sheets',
      'export.sheets',
    ]);
    expect(audit.every((e) => e.actorId === 'fc1' && e.ip === '127.0.0.1')).toBe(true);
    expect(audit.find((e) => e.action === 'export.flagged')?.details).toMatchObject({
      rows: 2,
      school: 'S01',
      format: 'csv-cp932',
    });
    expect(JSON.stringify(audit)).not.toContain('髙橋');
  });

  it('reports characters CP932 cannot hold instead of writing a broken file', async () => {
    const { db } = getDb();
    const { listSheets } = await import('./sheets');
    const [sheet] = await listSheets(db, { childId: ids[0]! });
    await updateSheetNotes(db, {
      sheetId: sheet!.id,
      notes: { summary: '𠮷田さんと面談' },
      actor: fc,
    });
    await expect(exportSheets(db, { runId, format: 'csv-cp932', actor: fc })).rejects.toMatchObject(
      { code: 'not_encodable' },
    );
    const utf8 = await exportSheets(db, { runId, format: 'csv-utf8-bom', actor: fc });
    expect((await readTable({ file: 'u.csv', bytes: utf8.bytes })).rows[0]?.cells).toContain(
      '𠮷田さんと面談',
    );
  });

  it('exports everything held about one child for a disclosure request', async () => {
    const { db } = getDb();
    const { listSheets } = await import('./sheets');
    const [sheet] = await listSheets(db, { childId: ids[0]! });
    await recordObservation(db, {
      sheetId: sheet!.id,
      school: 'S01',
      observation: { text: '元気', supportNeeded: false },
      actor: { id: 't1' },
    });
    const { json, file } = await exportDisclosure(db, {
      childId: ids[0]!,
      format: 'xlsx',
      actor: fc,
    });
    expect(json.person).toMatchObject({ name: '試験 花子0', residentNumber: 'exR00000000' });
    expect(json.profile).toMatchObject({ id: ids[0], school: 'S01' });
    expect(json.results).toHaveLength(1);
    expect(json.sheets).toHaveLength(1);
    expect(json.cases[0]?.events.map((e) => e.kind)).toContain('observation');
    const table = await readTable({ file: file.fileName, bytes: file.bytes });
    expect(table.header).toEqual([...disclosureHeader]);
    const sections = new Set(table.rows.map((r) => r.cells[0]));
    for (const s of ['基本情報', '個人情報', '判定結果', 'こども情報管理シート', 'ケースと記録'])
      expect(sections).toContain(s);
    expect(table.rows).toContainEqual(
      expect.objectContaining({ cells: ['個人情報', 'name', '試験 花子0'] }),
    );
    const csv = await exportDisclosure(db, { childId: ids[0]!, format: 'csv-utf8-bom', actor: fc });
    expect((await readTable({ file: 'd.csv', bytes: csv.file.bytes })).rows.length).toBe(
      table.rows.length,
    );
    const [entry] = await listAudit(db, { action: 'export.disclosure' });
    expect(entry).toMatchObject({ targetType: 'child', targetId: ids[0], actorId: 'fc1' });
    expect(JSON.stringify(entry)).not.toContain('花子');
    await expect(
      exportDisclosure(db, { childId: 'nope', format: 'xlsx', actor: fc }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
