/**
 * Test helpers for other workspaces' tests (the admin UI's typed-client test): the real app over
 * a synthetic, throwaway database. Never imported by production code.
 */
import { createTestDatabase } from '@mimamori/db/testing';
import type { AppOptions } from '../app';
import { createTestApp, type TestApp } from './test-app';

export { createTestApp, origin, type BaseTestApp, type TestApp } from './test-app';
export { seedPassword, type Seed } from './seed';

/** A {@link TestApp} over its own migrated SQLite file; `dispose()` deletes it. */
export interface SqliteTestApp extends TestApp {
  dispose(): Promise<void>;
}

/**
 * The seeded test app over a fresh SQLite database (no PostgreSQL needed).
 * @example
 * const t = await createSqliteTestApp();
 * const res = await t.app.request('/api/auth/me');
 * await t.dispose();
 */
export async function createSqliteTestApp(options: AppOptions = {}): Promise<SqliteTestApp> {
  const database = await createTestDatabase('sqlite');
  try {
    return { ...(await createTestApp(database.db, options)), dispose: database.dispose };
  } catch (error) {
    await database.dispose();
    throw error;
  }
}
