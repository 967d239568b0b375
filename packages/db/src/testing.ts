import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { createDatabase, dialects, type Database, type Dialect } from './database';
import { migrateToLatest } from './migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the throwaway PostgreSQL cluster started by `test/db-setup.ts`. */
    mimamoriPgUrl: string;
  }
}

/** A migrated, throwaway test database. */
export interface TestDatabase extends Database {
  /** Opens a second, independent connection to the same database (for concurrency tests). */
  reopen: () => Database;
  /** Closes every connection and deletes the database. */
  dispose: () => Promise<void>;
}

function postgresAdminUrl(): string {
  const url = inject('mimamoriPgUrl') ?? process.env.MIMAMORI_TEST_PG_URL;
  if (url === undefined || url === '') {
    throw new Error(
      'No PostgreSQL for tests: run through vitest (test/db-setup.ts starts one) or set MIMAMORI_TEST_PG_URL',
    );
  }
  return url;
}

/**
 * Creates a fresh, migrated database: a temp SQLite file, or a new PostgreSQL database
 * (`mimamori_test_<random>`) on the test cluster.
 * @example const test = await createTestDatabase('postgres'); …; await test.dispose();
 */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  const opened: Database[] = [];
  const open = (options: { url?: string; file?: string }): Database => {
    const database = createDatabase({ ...options, poolSize: 4 });
    opened.push(database);
    return database;
  };
  let cleanup: () => Promise<void>;
  let reopen: () => Database;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'mimamori-test-'));
    const file = join(dir, 'test.db');
    reopen = () => open({ file });
    cleanup = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
  } else {
    const adminUrl = postgresAdminUrl();
    const name = `mimamori_test_${randomBytes(6).toString('hex')}`;
    const admin = createDatabase({ url: adminUrl, poolSize: 1 });
    await sql`create database ${sql.id(name)}`.execute(admin.db);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    reopen = () => open({ url: url.toString() });
    cleanup = async () => {
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
      await admin.close();
    };
  }
  const main = reopen();
  await migrateToLatest(main.db);
  return {
    ...main,
    reopen,
    async dispose() {
      await Promise.all(opened.map((d) => d.close()));
      await cleanup();
    },
  };
}

/**
 * Runs the same suite against SQLite and PostgreSQL, each on its own fresh migrated database
 * (created before the suite, deleted after it).
 * @example
 * describeEachDatabase('gaiji', (getDb) => {
 *   it('round-trips', async () => { const { db } = getDb(); … });
 * });
 */
export function describeEachDatabase(
  name: string,
  suite: (getDb: () => TestDatabase) => void,
): void {
  for (const dialect of dialects) {
    describe(`${name} [${dialect}]`, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(dialect);
      });
      afterAll(async () => {
        await database?.dispose();
      });
      suite(() => {
        if (database === undefined) throw new Error('test database not ready');
        return database;
      });
    });
  }
}
