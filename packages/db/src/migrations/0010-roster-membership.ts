import type { Kysely } from 'kysely';

/**
 * Which children the latest roster lists. A roster import is a full snapshot of the residents:
 * a child it no longer lists (moved away, or past the judged ages) stays stored with its history
 * but is no longer judged, previewed, listed or linked to. `roster_batch` is the roster batch
 * that last listed the child; `on_roster` is 1 while the latest roster lists it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('children')
    .addColumn('on_roster', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('children').addColumn('roster_batch', 'text').execute();
}

/** Drops the columns. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('children').dropColumn('roster_batch').execute();
  await db.schema.alterTable('children').dropColumn('on_roster').execute();
}
