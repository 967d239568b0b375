import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import type {} from '@mimamori/db/testing';

const root = resolve(import.meta.dirname, '..');
const script = join(root, 'scripts', 'pg.sh');
const initdb = '/usr/lib/postgresql/15/bin/initdb';
const run = promisify(execFile);

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/**
 * Vitest globalSetup: starts a throwaway PostgreSQL cluster (own directory and port per run, so
 * parallel runs do not collide) unless MIMAMORI_TEST_PG_URL is set, and stops it afterwards.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.MIMAMORI_TEST_PG_URL;
  if (given !== undefined && given !== '') {
    project.provide('mimamoriPgUrl', given);
    return () => Promise.resolve();
  }
  if (!existsSync(initdb)) {
    throw new Error(
      `PostgreSQL 15 is required for the database tests but ${initdb} is missing. ` +
        'Install it with `apt-get update && apt-get install -y postgresql`, ' +
        'or set MIMAMORI_TEST_PG_URL to an existing server.',
    );
  }
  await run('bash', [script, 'reap']);
  const env = {
    ...process.env,
    MIMAMORI_PG_DIR: join(root, '.tmp', `pg-${process.pid}`),
    MIMAMORI_PG_PORT: String(await freePort()),
    MIMAMORI_PG_OWNER: String(process.pid),
  };
  const stop = () => execFileSync('bash', [script, 'stop'], { env, stdio: 'ignore' });
  const { stdout } = await run('bash', [script, 'start'], { env });
  // Safety nets if the run ends without teardown (uncaught error, signal); `stop` is idempotent,
  // and `reap` above removes clusters of runs that were killed outright.
  process.once('exit', stop);
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      stop();
      process.kill(process.pid, signal);
    });
  }
  const url = stdout.trim();
  project.provide('mimamoriPgUrl', url);
  process.env.MIMAMORI_TEST_PG_URL = url;
  return async function teardown() {
    await run('bash', [script, 'stop'], { env });
  };
}
