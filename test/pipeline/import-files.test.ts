import { createTestDatabase, describeEachDatabase } from '@mimamori/db/testing';
import { openSqliteWriter, tableCounts, type Db } from '@mimamori/db';
import { importFiles, loadChildren, type ImportOptions } from '@mimamori/pipeline';
import { generateVillage, type VillageFile } from '@mimamori/village';
import { expect, it } from 'vitest';
import { connectors, importVillage, testContext } from '../support/village';

const village = generateVillage({ children: 150, seed: 11 });
const order = ['roster', 'welfare', 'health', 'nursery', 'school'];
const files = [...village.files].sort(
  (a, b) => order.indexOf(a.connector) - order.indexOf(b.connector),
);

function options(file: VillageFile, bytes = file.bytes): ImportOptions {
  return { connector: connectors.get(file.connector)!, file: file.name, bytes };
}

async function withGaiji(db: Db): Promise<void> {
  const { upsertGaiji } = await import('@mimamori/db');
  for (const e of village.gaijiTable)
    await upsertGaiji(db, { code: e.code, standard: e.standard, note: null, updatedBy: null });
}

/** What the scoring side sees: every child with its facts and context. */
async function scoringSide(db: Db) {
  return [...(await loadChildren(db)).values()].map(({ dataVersion: _, ...child }) => child);
}

describeEachDatabase('importFiles', (getDb) => {
  it('stores what importing the files one after another stores (SQLite: through the writer thread)', async () => {
    const database = getDb();
    await withGaiji(database.db);
    const writer = database.file ? openSqliteWriter(database.file) : null;
    const ctx = { ...testContext(database.db), ...(writer ? { writer: writer.db } : {}) };
    const outcomes = await importFiles(
      ctx,
      files.map((f) => options(f)),
    ).finally(() => writer?.close());
    expect(outcomes.map((o) => o.ok)).toEqual(files.map(() => true));

    const sequential = await createTestDatabase(database.dialect);
    try {
      await importVillage(testContext(sequential.db), village);
      expect(await tableCounts(database.db)).toEqual(await tableCounts(sequential.db));
      expect(await scoringSide(database.db)).toEqual(await scoringSide(sequential.db));
      // Files after the roster were linked against it before it committed: same links.
      const links = async (db: Db) =>
        db
          .selectFrom('source_records')
          .select(['child_id', 'link_status', 'link_method', 'line', 'batch_id'])
          .orderBy('batch_id')
          .orderBy('line')
          .execute();
      expect(await links(database.db)).toEqual(await links(sequential.db));
    } finally {
      await sequential.dispose();
    }
  });

  it('links the files after a roster that failed to store against the stored roster', async () => {
    const { db } = getDb();
    const school = files.find((f) => f.connector === 'school')!;
    const roster = files.find((f) => f.connector === 'roster')!;
    const before = await tableCounts(db);
    // The roster is already stored (above): importing it again is refused when it is stored,
    // after the school file was linked against it; the school file is linked again.
    const schoolAgain = new Uint8Array([...school.bytes, 0x0d, 0x0a]);
    const outcomes = await importFiles(testContext(db), [
      options(roster),
      options(school, schoolAgain),
    ]);
    expect(outcomes[0]).toMatchObject({ ok: false, issues: [{ code: 'duplicate_file' }] });
    expect(outcomes[1]?.ok).toBe(true);
    if (!outcomes[1]?.ok) return;
    expect(outcomes[1].summary.linkage?.unmatched).toBe(0);
    const after = await tableCounts(db);
    expect(after.import_batches).toBe(before.import_batches + 1);
  });
});

describeEachDatabase('importFiles without a roster', (getDb) => {
  it('refuses the files after a rejected roster: nothing to link them to', async () => {
    const { db } = getDb();
    await withGaiji(db);
    const roster = files.find((f) => f.connector === 'roster')!;
    const school = files.find((f) => f.connector === 'school')!;
    const broken = new Uint8Array(roster.bytes.subarray(0, roster.bytes.length - 40));
    const before = await tableCounts(db);
    const outcomes = await importFiles(testContext(db), [options(roster, broken), options(school)]);
    expect(outcomes[0]?.ok).toBe(false);
    expect(outcomes[1]).toMatchObject({ ok: false, issues: [{ code: 'no_roster' }] });
    expect(await tableCounts(db)).toEqual(before);
  });
});
