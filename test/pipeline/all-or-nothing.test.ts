import { encodeCsv, readTable } from '@mimamori/connector-kit';
import { tableCounts, type Db } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import type { RowIssue } from '@mimamori/records';
import { generateVillage, type VillageFile } from '@mimamori/village';
import { expect, it } from 'vitest';
import { importVillage, importVillageFile, testContext, villageFile } from '../support/village';

const village = generateVillage({ children: 300, seed: 21 });

/** Re-encodes a CSV village file after changing its cells. */
async function editCsv(
  file: VillageFile,
  encoding: 'cp932' | 'utf-8-bom',
  edit: (rows: string[][]) => void,
): Promise<Uint8Array> {
  const table = await readTable({ file: file.name, bytes: file.bytes });
  const rows = [table.header, ...table.rows.map((r) => r.cells)];
  edit(rows);
  return encodeCsv(rows, { encoding, newline: '\r\n' });
}

async function countsWithoutAudit(db: Db): Promise<Record<string, number>> {
  const { audit_log: _a, audit_head: _h, ...counts } = await tableCounts(db);
  return counts;
}

async function expectRejected(
  db: Db,
  file: VillageFile,
  bytes: Uint8Array,
  code: RowIssue['code'],
  line?: number,
) {
  const ctx = testContext(db);
  const before = await countsWithoutAudit(db);
  const outcome = await importVillageFile(ctx, file, bytes);
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect(outcome.issues.map((i) => i.code)).toContain(code);
  if (line !== undefined) expect(outcome.issues.find((i) => i.code === code)?.line).toBe(line);
  for (const issue of outcome.issues) expect(issue.file).toBe(file.name);
  expect(await countsWithoutAudit(db)).toEqual(before);
}

describeEachDatabase('imports are all-or-nothing: corrupted files', (getDb) => {
  it('rejects each kind of corrupted file with line-numbered issues and stores nothing', async () => {
    const { db } = getDb();
    await importVillage(testContext(db), village, ['roster']);
    const school = villageFile(village, 'school');
    const welfare = villageFile(village, 'welfare');
    const health = villageFile(village, 'health');

    // A missing column.
    await expectRejected(
      db,
      school,
      await editCsv(school, 'cp932', (rows) => rows.forEach((r) => r.splice(6, 1))),
      'missing_column',
      1,
    );
    // A bad date on line 5 (the header is line 1).
    const dateColumn = (await readTable({ file: school.name, bytes: school.bytes })).header.indexOf(
      '生年月日',
    );
    await expectRejected(
      db,
      school,
      await editCsv(school, 'cp932', (rows) => (rows[4]![dateColumn] = '平成99年13月40日')),
      'bad_date',
      5,
    );
    // An unknown code in welfare's 児童扶養手当 column on line 3.
    const allowanceColumn = (
      await readTable({ file: welfare.name, bytes: welfare.bytes })
    ).header.indexOf('児童扶養手当');
    await expectRejected(
      db,
      welfare,
      await editCsv(welfare, 'utf-8-bom', (rows) => (rows[2]![allowanceColumn] = '9')),
      'unknown_code',
      3,
    );
    // An undecodable byte (a CP932 lead byte followed by a control character) on line 4.
    const text = Buffer.from(school.bytes);
    const lineStarts = [0];
    for (let i = 0; i < text.length; i += 1) if (text[i] === 0x0a) lineStarts.push(i + 1);
    const broken = Buffer.from(text);
    broken[lineStarts[3]! + 2] = 0x81;
    broken[lineStarts[3]! + 3] = 0x09;
    await expectRejected(db, school, new Uint8Array(broken), 'undecodable', 4);
    // A truncated XLSX.
    await expectRejected(
      db,
      health,
      health.bytes.slice(0, Math.floor(health.bytes.length / 2)),
      'bad_file',
    );
  });
});

describeEachDatabase('imports are all-or-nothing: 外字', (getDb) => {
  it('rejects an unmapped 外字 and accepts the file once the 外字 is mapped', async () => {
    const { db } = getDb();
    const roster = villageFile(village, 'roster');
    const ctx = testContext(db);
    const before = await countsWithoutAudit(db);
    const outcome = await importVillageFile(ctx, roster);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const gaiji = outcome.issues.filter((i) => i.code === 'gaiji_unmapped');
    expect(gaiji.length).toBeGreaterThan(0);
    for (const issue of gaiji) {
      expect(issue.line).toBeGreaterThan(1);
      expect(issue.column).toBeGreaterThan(0);
      expect(issue.message).toMatch(/U\+E[0-9A-F]{3}/);
    }
    expect(await countsWithoutAudit(db)).toEqual(before);
    await importVillage(ctx, village, ['roster']);
    expect((await tableCounts(db)).children).toBeGreaterThan(0);
  });
});

describeEachDatabase('imports are all-or-nothing: check digits and duplicates', (getDb) => {
  it('rejects a resident number with a wrong check digit and a file imported twice', async () => {
    const { db } = getDb();
    const ctx = testContext(db);
    await importVillage(ctx, village, ['roster']);
    const roster = villageFile(village, 'roster');
    const bad = await editCsv(roster, 'cp932', (rows) => {
      const rn = rows[1]![0]!;
      rows[1]![0] = rn.slice(0, 9) + String((Number(rn[9]) + 1) % 10);
    });
    await expectRejected(db, roster, bad, 'bad_check_digit', 2);
    await expectRejected(db, roster, roster.bytes, 'duplicate_file');
  });
});
