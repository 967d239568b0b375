import type { Kysely } from 'kysely';

/** Mapped sources (issue 8): every saved version of a mapping document, never overwritten. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mapped_sources')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('mapping_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mapped_sources_pk', ['name', 'version'])
    .execute();
}
