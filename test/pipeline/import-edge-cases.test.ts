import { encodeCsv, readTable } from '@mimamori/connector-kit';
import { tableCounts } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { generateVillage, type VillageFile } from '@mimamori/village';
import { expect, it } from 'vitest';
import { importVillage, importVillageFile, testContext, villageFile } from '../support/village';

const village = generateVillage({ children: 120, seed: 5 });

/** The file's header and rows, edited, re-encoded as CP932 CSV. */
async function edited(file: VillageFile, edit: (rows: string[][]) => string[][]) {
  const table = await readTable({ file: file.name, bytes: file.bytes });
  return encodeCsv(edit([table.header, ...table.rows.map((r) => r.cells)]), {
    encoding: 'cp932',
    newline: '\r\n',
  });
}

describeEachDatabase('import edge cases', (getDb) => {
  it('rejects a ? standing for a lost character in a name, at its line and column', async () => {
    const { db } = getDb();
    const ctx = testContext(db);
    await importVillage(ctx, village, ['roster']);
    const school = villageFile(village, 'school');
    const header = (await readTable({ file: school.name, bytes: school.bytes })).header;
    const nameColumn = header.indexOf('氏名');
    const before = await tableCounts(db);
    const outcome = await importVillageFile(
      ctx,
      school,
      await edited(school, (rows) => {
        rows[3]![nameColumn] = `${rows[3]![nameColumn]!.slice(0, 1)}?`;
        return rows;
      }),
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues.map((i) => [i.line, i.column, i.code])).toEqual([
      [4, nameColumn + 1, 'gaiji_unmapped'],
    ]);
    const { audit_log: _a, audit_head: _h, ...after } = await tableCounts(db);
    const { audit_log: _b, audit_head: _i, ...expected } = before;
    expect(after).toEqual(expected);
  });

  it('reports every problem of a file with more problems than a call has arguments', async () => {
    const { db } = getDb();
    const ctx = testContext(db);
    await importVillage(ctx, village, []);
    const roster = villageFile(village, 'roster');
    const copies = 150_000;
    const outcome = await importVillageFile(
      ctx,
      roster,
      await edited(roster, (rows) => [rows[0]!, ...Array.from({ length: copies }, () => rows[1]!)]),
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const repeats = outcome.issues.filter((i) => /repeats the one on line 2/.test(i.message));
    expect(repeats).toHaveLength(copies - 1);
    expect(repeats[0]?.line).toBe(3);
    expect(repeats.at(-1)?.line).toBe(copies + 1);
  });
});

describeEachDatabase('import edge cases: reference date', (getDb) => {
  it('counts residents born after the reference date as outside the age range', async () => {
    const { db } = getDb();
    // Judging as of 2014: everyone born later is not a child of 3–15 on that day.
    const ctx = testContext(db, '2014-04-01');
    await importVillage(ctx, village, []);
    const outcome = await importVillageFile(ctx, villageFile(village, 'roster'));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const later = village.truth.children.filter((c) => c.birthDate > '2014-04-01').length;
    expect(later).toBeGreaterThan(0);
    expect(outcome.summary.outsideAgeRange).toBeGreaterThanOrEqual(later);
    // Residents outside the range are not kept, but counted and checked like every record.
    const { summary } = outcome;
    expect(summary.records).toBe(summary.rows);
    expect(summary.fieldCounts['roster.householdSize']).toBe(summary.records);
    const children = await db
      .selectFrom('children')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('on_roster', '=', 1)
      .executeTakeFirstOrThrow();
    expect(Number(children.n) + summary.outsideAgeRange).toBe(summary.records);
  });
});
