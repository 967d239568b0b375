import { sql, type Kysely } from 'kysely';

/**
 * Login names are unique whatever their case (`Sato` and `sato` are one account): sign-in and
 * its lockout already treat them so. An index on the lower-cased name enforces it on both
 * databases and serves the case-insensitive lookup.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('users_username_lower_uq')
    .on('users')
    .unique()
    .expression(sql`lower(username)`)
    .execute();
}

/** Drops the index. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('users_username_lower_uq').execute();
}
