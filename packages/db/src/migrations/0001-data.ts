import { sql, type Kysely } from 'kysely';

/** Children, personal data, imports, source records, facts, 外字 and link decisions. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('children')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sex', 'integer', (c) => c.notNull())
    .addColumn('age', 'integer', (c) => c.notNull())
    .addColumn('school', 'text')
    .addColumn('grade', 'integer')
    .addColumn('nursery', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('children_school_idx').on('children').column('school').execute();

  await db.schema
    .createTable('persons')
    .addColumn('child_id', 'text', (c) =>
      c.primaryKey().references('children.id').onDelete('cascade'),
    )
    .addColumn('resident_number', 'text', (c) => c.notNull().unique())
    .addColumn('household_number', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('kana', 'text')
    .addColumn('kana_key', 'text')
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('sex', 'integer', (c) => c.notNull())
    .addColumn('relation', 'text')
    .addColumn('address', 'text')
    .addColumn('dv_support', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // No name index: the linker matches names in memory (it reads every person's keys once).

  await db.schema
    .createTable('import_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('connector', 'text', (c) => c.notNull())
    .addColumn('connector_version', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('record_count', 'integer', (c) => c.notNull())
    .addColumn('linked_count', 'integer', (c) => c.notNull())
    .addColumn('ambiguous_count', 'integer', (c) => c.notNull())
    .addColumn('unmatched_count', 'integer', (c) => c.notNull())
    .addColumn('summary_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('import_batches_file_uq', ['connector', 'file_hash'])
    .execute();

  // Integer ids (SQLite's rowid itself), handed out per batch from a counter in the order of
  // child_id; connector and file come from the batch. Both keep imports cheap: the rows and the
  // child index are appended to instead of split all over, and no row repeats its batch.
  await db.schema
    .createTable('source_records')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('import_batches.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('child_id', 'text', (c) => c.references('children.id'))
    .addColumn('link_status', 'text', (c) => c.notNull())
    .addColumn('link_method', 'text')
    .addColumn('link_confidence', 'double precision')
    .addColumn('facts_json', 'text', (c) => c.notNull())
    .addColumn('context_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('source_records_child_idx')
    .on('source_records')
    .column('child_id')
    .execute();
  // Only records awaiting review: linked ones are nearly all rows and no query looks them up by
  // status, so indexing them would only slow every import. Queries that use this index repeat
  // its predicate as a literal (SQLite matches a partial index only on the same expression).
  await db.schema
    .createIndex('source_records_review_idx')
    .on('source_records')
    .column('link_status')
    .where('link_status', '<>', 'linked')
    .execute();

  await db.schema
    .createTable('record_identities')
    .addColumn('record_id', 'integer', (c) =>
      c.primaryKey().references('source_records.id').onDelete('cascade'),
    )
    .addColumn('identity_json', 'text', (c) => c.notNull())
    .addColumn('identity_key', 'text', (c) => c.notNull())
    .execute();
  // No index on identity_key: decisions live in link_decisions and re-linkage reads every
  // identity; an index over random hashes would cost every import for no query.

  await db.schema
    .createTable('child_facts')
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id').onDelete('cascade'))
    // The connector the facts came from: each source's latest snapshot replaces only its own row.
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('facts_json', 'text', (c) => c.notNull())
    .addColumn('data_version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('child_facts_pk', ['child_id', 'source'])
    .execute();
  // No index on source: only replacing a source's snapshot filters on it, and that deletes a
  // large share of the table anyway; the index would cost every fact row of every import.

  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into counters (name, value) values ('data_version', 0)`.execute(db);

  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('gaiji_entries')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('standard', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('gaiji_history')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('standard', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('gaiji_history_pk', ['code', 'version'])
    .execute();

  await db.schema
    .createTable('link_decisions')
    .addColumn('identity_key', 'text', (c) => c.primaryKey())
    .addColumn('child_id', 'text', (c) => c.references('children.id'))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
}
