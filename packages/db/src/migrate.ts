import { Migrator, type Migration, type MigrationResultSet } from 'kysely';
import type { Db } from './database';
import { DbError } from './db-error';
import * as data from './migrations/0001-data';
import * as rules from './migrations/0002-rules';
import * as access from './migrations/0003-access';
import * as cases from './migrations/0004-cases';
import * as mappedSources from './migrations/0005-mapped-sources';
import * as importAttempts from './migrations/0006-import-attempts';
import * as ruleSetApprovals from './migrations/0007-rule-set-approvals';
import * as oneOpenCase from './migrations/0008-one-open-case';
import * as usernameCase from './migrations/0009-username-case';
import * as rosterMembership from './migrations/0010-roster-membership';
import * as linkDecisionKind from './migrations/0011-link-decision-kind';
import * as childFactsByRecord from './migrations/0012-child-facts-by-record';
import * as batchFactNames from './migrations/0013-batch-fact-names';

/** Every migration, in order. Never edit a released one: add a new one. */
const migrations: Record<string, Migration> = {
  '0001-data': data,
  '0002-rules': rules,
  '0003-access': access,
  '0004-cases': cases,
  '0005-mapped-sources': mappedSources,
  '0006-import-attempts': importAttempts,
  '0007-rule-set-approvals': ruleSetApprovals,
  '0008-one-open-case': oneOpenCase,
  '0009-username-case': usernameCase,
  '0010-roster-membership': rosterMembership,
  '0011-link-decision-kind': linkDecisionKind,
  '0012-child-facts-by-record': childFactsByRecord,
  '0013-batch-fact-names': batchFactNames,
};

function createMigrator(db: Db): Migrator {
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
}

/**
 * Brings the schema to the latest migration (same code on SQLite and PostgreSQL).
 * @example await migrateToLatest(db);
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  return applied(await createMigrator(db).migrateToLatest());
}

/** Names of the migrations already applied. */
export async function appliedMigrations(db: Db): Promise<string[]> {
  const all = await createMigrator(db).getMigrations();
  return all.filter((m) => m.executedAt !== undefined).map((m) => m.name);
}

function applied({ error, results }: MigrationResultSet): string[] {
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new DbError('migration_failed', `migration ${failed} failed`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
