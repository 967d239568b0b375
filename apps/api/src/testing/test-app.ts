import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connector } from '@mimamori/connector-kit';
import type { Db } from '@mimamori/db';
import { ruleCasesSchema } from '@mimamori/engine';
import { createPseudonymizer } from '@mimamori/identity';
import { discoverConnectors, loadDemoVillage } from '@mimamori/pipeline';
import { createApp, type AppOptions } from '../app';
import { createPasswordHasher } from '../password';
import type { CaseSource } from '../wiring/engine-service';
import { createProductionDeps, type ProductionDeps } from '../wiring/production-deps';
import { seedCases, seedDatabase, seedPassword, seedUsers, type Seed } from './seed';

/** Cheap argon2id for tests only (production uses m=19456, t=2). */
export const testPasswordCost = { memoryCost: 256, timeCost: 1 };
/** Origin of the in-process test host. */
export const origin = 'http://localhost';
/** Synthetic pseudonym key (tests only). */
export const testPseudonymKey = 'test-only-pseudonym-key-0123456789abcdef';
/** Reference date of the seeded data and the test village. */
export const testAsOf = '2026-04-01';

/** The repository root (connector packages and `rules/` are found under it). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
let discovered: Promise<Map<string, Connector>> | undefined;
/** The workspace's connector packages (discovered once per test file). */
export function testConnectors(): Promise<Map<string, Connector>> {
  return (discovered ??= discoverConnectors(repoRoot));
}

type CallInit = {
  cookie?: string | undefined;
  json?: unknown;
  headers?: Record<string, string>;
  body?: BodyInit;
};

/** A test app over a real database with the real services. */
export interface BaseTestApp {
  app: ReturnType<typeof createApp>;
  deps: ProductionDeps;
  users: Seed['users'];
  /** Signs in; returns the `cookie` header value. */
  login(username: string, password?: string): Promise<string>;
  /** `app.request` with Origin (CSRF) and optional cookie / JSON body. */
  call(method: string, path: string, options?: CallInit): Promise<Response>;
}

/** A test app over the synthetic seed (a one-rule `demo` rule set and a stored run). */
export interface TestApp extends BaseTestApp {
  seed: Seed;
}

function buildTestApp(
  db: Db,
  users: Seed['users'],
  cases: CaseSource,
  connectors: Map<string, Connector>,
  options: AppOptions,
): BaseTestApp {
  const deps = createProductionDeps({
    db,
    connectors,
    pseudonymize: createPseudonymizer(testPseudonymKey),
    asOf: testAsOf,
    ageRange: [3, 15],
    ...(options.now === undefined ? {} : { now: options.now }),
    cases,
    log: () => undefined,
  });
  const app = createApp(deps, { passwordCost: testPasswordCost, log: () => undefined, ...options });
  async function call(method: string, path: string, init: CallInit = {}) {
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
  return { app, deps, users, login, call };
}

/**
 * Seeds a migrated database synthetically (children, a one-rule `demo` rule set, a run) and
 * builds the app over it with the real services. The seeded rule set's test case is served
 * as `rules/<id>.cases.json` would be.
 */
export async function createTestApp(db: Db, options: AppOptions = {}): Promise<TestApp> {
  const seed = await seedDatabase(db, createPasswordHasher(testPasswordCost));
  const cases: CaseSource = (id) => Promise.resolve(id === seed.ruleSetId ? seedCases : undefined);
  const built = buildTestApp(db, seed.users, cases, await testConnectors(), options);
  return { ...built, seed };
}

/** A test app over the synthetic village, imported through the real connectors. */
export interface VillageTestApp extends BaseTestApp {
  /** The run `loadDemoVillage` stored. */
  runId: string;
  connectors: Map<string, Connector>;
}

/**
 * Loads the synthetic village (all five offices' files, `rules/demo.rules.json` published, one
 * run) through the pipeline and builds the app over it; cases come from `rules/`.
 */
export async function createVillageTestApp(
  db: Db,
  options: AppOptions & { children?: number; seed?: number } = {},
): Promise<VillageTestApp> {
  const { children = 120, seed = 1, ...appOptions } = options;
  const users = await seedUsers(db, createPasswordHasher(testPasswordCost));
  const connectors = await testConnectors();
  const rulesDir = join(repoRoot, 'rules');
  const ruleSet = JSON.parse(readFileSync(join(rulesDir, 'demo.rules.json'), 'utf8')) as {
    id: string;
    title: { ja: string; en: string };
  } & Record<string, unknown>;
  const loaded = await loadDemoVillage(
    {
      db,
      pseudonymize: createPseudonymizer(testPseudonymKey),
      asOf: testAsOf,
      ageRange: [3, 15],
    },
    { connectors, children, seed, ruleSet },
  );
  const cases: CaseSource = (id) =>
    Promise.resolve(
      id === 'demo'
        ? ruleCasesSchema.parse(JSON.parse(readFileSync(join(rulesDir, 'demo.cases.json'), 'utf8')))
        : undefined,
    );
  return {
    ...buildTestApp(db, users, cases, connectors, appOptions),
    runId: loaded.runId,
    connectors,
  };
}
