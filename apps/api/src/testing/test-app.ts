import type { Db } from '@mimamori/db';
import { createApp, type AppOptions } from '../app';
import { createDbDeps } from '../db-deps';
import { createPasswordHasher } from '../password';
import { createFixtureServices } from './fixture-services';
import { seedDatabase, seedPassword, type Seed } from './seed';

/** Cheap argon2id for tests only (production uses m=19456, t=2). */
export const testPasswordCost = { memoryCost: 256, timeCost: 1 };
/** Origin of the in-process test host. */
export const origin = 'http://localhost';

/** A test app over a real, seeded database. */
export interface TestApp {
  app: ReturnType<typeof createApp>;
  seed: Seed;
  /** Signs in; returns the `cookie` header value. */
  login(username: string, password?: string): Promise<string>;
  /** `app.request` with Origin (CSRF) and optional cookie / JSON body. */
  call(
    method: string,
    path: string,
    options?: {
      cookie?: string | undefined;
      json?: unknown;
      headers?: Record<string, string>;
      body?: BodyInit;
    },
  ): Promise<Response>;
}

/** Seeds a migrated database and builds the app over it. */
export async function createTestApp(db: Db, options: AppOptions = {}): Promise<TestApp> {
  const hasher = createPasswordHasher(testPasswordCost);
  const seed = await seedDatabase(db, hasher);
  const base = createDbDeps(db, options.now);
  const fixtures = createFixtureServices(db);
  const app = createApp(
    { ...base, ...fixtures, runs: { ...base.runs, start: fixtures.start } },
    { passwordCost: testPasswordCost, log: () => undefined, ...options },
  );
  async function call(
    method: string,
    path: string,
    init: {
      cookie?: string | undefined;
      json?: unknown;
      headers?: Record<string, string>;
      body?: BodyInit;
    } = {},
  ) {
    const headers: Record<string, string> = { origin, ...init.headers };
    if (init.cookie !== undefined) headers.cookie = init.cookie;
    let body: BodyInit | undefined = init.body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers['content-type'] ??= 'application/json';
    }
    return app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
  }
  async function login(username: string, password = seedPassword) {
    const res = await call('POST', '/api/auth/login', { json: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status}`);
    const cookie = res.headers.get('set-cookie') ?? '';
    return cookie.split(';')[0] ?? '';
  }
  return { app, seed, login, call };
}
