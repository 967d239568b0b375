import { sql, type Kysely } from 'kysely';
import { parseFactNames, parseRecordFacts } from '../record-facts';

/**
 * The fact names a batch's records store their values against (see record-facts.ts): a record
 * whose facts are exactly these, in this order, stores only its values. Null for the batches
 * stored before, whose records all store their facts as objects (still read as they are).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('import_batches').addColumn('fact_names_json', 'text').execute();
}

/** Writes every record stored as values back as an object, then drops the column. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const batches = await sql<{ id: string; fact_names_json: string }>`
    select id, fact_names_json from import_batches where fact_names_json is not null`.execute(db);
  for (const batch of batches.rows) {
    const names = parseFactNames(batch.fact_names_json);
    const records = await sql<{ id: number; facts_json: string }>`
      select id, facts_json from source_records
      where batch_id = ${batch.id} and facts_json like '[%'`.execute(db);
    for (const r of records.rows) {
      const facts = parseRecordFacts(r.facts_json, names, 'source_records.facts_json');
      await sql`update source_records set facts_json = ${JSON.stringify(facts)}
        where id = ${r.id}`.execute(db);
    }
  }
  await db.schema.alterTable('import_batches').dropColumn('fact_names_json').execute();
}
