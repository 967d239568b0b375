import { sql, type Kysely } from 'kysely';

/**
 * At most one open case per child, kept by the database: two people (or two tabs) filling,
 * noting or sharing a child's sheet at once must not open two 見守り cases. Closed cases stay
 * as many as there were.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('cases_open_child_uq')
    .on('cases')
    .column('child_id')
    .unique()
    .where(sql.ref('status'), '<>', 'closed')
    .execute();
}
