import { sql, type Kysely } from 'kysely';

/**
 * A child's facts from a source where it has one record are that record's facts: stored once, on
 * the record (`record_id`), instead of copied into child_facts (a third of an imported
 * database's bytes, written twice by SQLite's WAL). Merged facts (several records, manual
 * entries) keep their text in `facts_json`. The table is rebuilt, the same way on SQLite (which
 * cannot drop a NOT NULL) and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('child_facts_next')
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('facts_json', 'text')
    .addColumn('record_id', 'integer')
    .addColumn('data_version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('child_facts_source_pk', ['child_id', 'source'])
    .addCheckConstraint(
      'child_facts_facts_check',
      sql`facts_json is not null or record_id is not null`,
    )
    .execute();
  await sql`insert into child_facts_next (child_id, source, facts_json, data_version, updated_at)
    select child_id, source, facts_json, data_version, updated_at from child_facts`.execute(db);
  await db.schema.dropTable('child_facts').execute();
  await db.schema.alterTable('child_facts_next').renameTo('child_facts').execute();
}

/** Copies each record's facts back into child_facts, which then needs them again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('child_facts_prev')
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('facts_json', 'text', (c) => c.notNull())
    .addColumn('data_version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('child_facts_pk', ['child_id', 'source'])
    .execute();
  await sql`insert into child_facts_prev (child_id, source, facts_json, data_version, updated_at)
    select f.child_id, f.source, coalesce(f.facts_json, r.facts_json), f.data_version, f.updated_at
    from child_facts f left join source_records r on r.id = f.record_id`.execute(db);
  await db.schema.dropTable('child_facts').execute();
  await db.schema.alterTable('child_facts_prev').renameTo('child_facts').execute();
}
