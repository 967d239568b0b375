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
      // Files after the roster were linked against it before it committed (and, on SQLite,
      // staged on the writer thread by the thread that linked them): the same records, ids,
      // links, facts, context and identities.
      const records = async (db: Db) =>
        db
          .selectFrom('source_records as s')
          .leftJoin('record_identities as i', 'i.record_id', 's.id')
          .select([
            's.id',
            's.batch_id',
            's.seq',
            's.line',
            's.kind',
            's.child_id',
            's.link_status',
            's.link_method',
            's.link_confidence',
            's.facts_json',
            's.context_json',
            'i.identity_json',
            'i.identity_key',
          ])
          .orderBy('s.id')
          .execute();
      expect(await records(database.db)).toEqual(await records(sequential.db));
      const batches = async (db: Db) =>
        db
          .selectFrom('import_batches')
          .select([
            'id',
            'record_count',
            'linked_count',
            'ambiguous_count',
            'unmatched_count',
            'fact_names_json',
          ])
          .orderBy('id')
          .execute();
      expect(await batches(database.db)).toEqual(await batches(sequential.db));
      // Every record carries its connector's declared facts: each stores its values only.
      const texts = await database.db.selectFrom('source_records').select('facts_json').execute();
      expect(texts.length).toBeGreaterThan(0);
      expect(texts.filter((r) => !r.facts_json.startsWith('['))).toEqual([]);
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
    // On SQLite through the writer: the school file's records, staged there, are dropped and
    // the file is read and linked again on the importing thread.
    const writer = getDb().file ? openSqliteWriter(getDb().file!) : null;
    const outcomes = await importFiles(
      { ...testContext(db), ...(writer ? { writer: writer.db } : {}) },
      [options(roster), options(school, schoolAgain)],
    ).finally(() => writer?.close());
    expect(outcomes[0]).toMatchObject({ ok: false, issues: [{ code: 'duplicate_file' }] });
    expect(outcomes[1]?.ok).toBe(true);
    if (!outcomes[1]?.ok) return;
    expect(outcomes[1].summary.linkage?.unmatched).toBe(0);
    const after = await tableCounts(db);
    expect(after.import_batches).toBe(before.import_batches + 1);
    expect(after.source_records).toBe(before.source_records + outcomes[1].summary.records);
    expect(after.record_identities).toBe(before.record_identities + outcomes[1].summary.records);
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
