/**
 * `pnpm bench:api`: the API under load on loopback. Starts the server on 127.0.0.1 over a
 * fresh demo-sized SQLite database, then 50 connections × 30 s (BENCH_SECONDS to change) on
 * GET /api/children and POST /api/preview (a threshold move). Prints p50/p99 latency,
 * requests/s and errors; exits 1 when any request failed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, migrateToLatest } from '../packages/db/src/index';
import { createPseudonymizer } from '../packages/identity/src/index';
import {
  createApp,
  createPasswordHasher,
  createProductionDeps,
  createServer,
} from '../apps/api/src/index';
import { runLoad } from '../apps/api/src/load-test';
import { seedCases, seedDatabase, seedPassword } from '../apps/api/src/testing/seed';

const children = Number(process.env.BENCH_CHILDREN ?? 600);
const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const connections = 50;

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'mimamori-bench-'));
  const database = createDatabase({ file: join(dir, 'bench.db') });
  try {
    await migrateToLatest(database.db);
    await seedDatabase(database.db, createPasswordHasher(), { children });
    const deps = createProductionDeps({
      db: database.db,
      connectors: new Map(),
      pseudonymize: createPseudonymizer('bench-only-pseudonym-key-0123456789abcdef'),
      asOf: '2026-04-01',
      ageRange: [3, 15],
      cases: () => Promise.resolve(seedCases),
    });
    const app = createApp(deps, { log: () => undefined });
    const server = createServer({ app, port: 0, host: '127.0.0.1' });
    const { url } = await server.listen();
    try {
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { origin: url, 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'center1', password: seedPassword }),
      });
      if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const headers = { cookie, origin: url };
      const scenarios = [
        {
          name: 'GET /api/children',
          url: `${url}/api/children?limit=100`,
          method: 'GET' as const,
          headers,
        },
        {
          name: 'POST /api/preview (threshold move)',
          url: `${url}/api/preview`,
          method: 'POST' as const,
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ ruleSetId: 'demo', levels: { futoko: { watch: 4 } } }),
        },
      ];
      let failed = 0;
      console.log(
        `api bench: ${children} children, ${connections} connections × ${seconds} s, ${url}`,
      );
      for (const scenario of scenarios) {
        const { name, ...load } = scenario;
        const report = await runLoad({ ...load, connections, durationSeconds: seconds });
        failed += report.errors;
        console.log(
          `${name.padEnd(36)} p50 ${report.p50} ms  p99 ${report.p99} ms  ${report.requestsPerSecond.toFixed(0)} req/s  ${report.total} requests  errors ${report.errors}`,
        );
      }
      return failed === 0 ? 0 : 1;
    } finally {
      await server.close();
    }
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('api bench failed:', error instanceof Error ? error.message : 'unknown error');
    process.exit(1);
  },
);
