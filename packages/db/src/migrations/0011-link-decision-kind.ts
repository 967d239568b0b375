import { sql, type Kysely } from 'kysely';

/**
 * A staff decision's kind: `match` (link to `child_id`), `exclude` (keep the record out), or
 * `new` (a person the roster does not list yet: linking resumes once it does). `new` was stored
 * as a rejection with a `new person` note before; those rows become `new`. `rejected` stays 1 for
 * both unlinked kinds, so the column keeps its meaning for anything that reads only it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('link_decisions')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('match'))
    .execute();
  await sql`update link_decisions set kind = 'exclude' where rejected = 1`.execute(db);
  await sql`update link_decisions set kind = 'new'
    where rejected = 1 and child_id is null and note like 'new person%'`.execute(db);
}

/** Drops the column (`new` decisions read as rejections again). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('link_decisions').dropColumn('kind').execute();
}
