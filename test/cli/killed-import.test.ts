import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDatabase, migrateToLatest, tableCounts, type Database } from '@mimamori/db';
import { generateVillage, writeVillage } from '@mimamori/village';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importVillage, testContext, testKey } from '../support/village';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'mimamori-kill-'));
const village = generateVillage({ children: 20_000, seed: 5 });
beforeAll(() => writeVillage(join(dir, 'v'), village));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `mimamori import school …` and SIGKILLs it once its records are written, before commit. */
function importAndKill(
  env: NodeJS.ProcessEnv,
  file: string,
): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'apps/cli/src/main.ts'),
        'import',
        'school',
        file,
        '--progress',
      ],
      {
        cwd: root,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      // The batch's rows are written but the transaction has not committed: kill it now.
      if (!killed && chunk.toString().includes('progress\tstore\t0.85'))
        killed = child.kill('SIGKILL');
    });
    child.on('error', fail);
    child.on('exit', (code) => done({ killed, code }));
  });
}

async function prepare(database: Database): Promise<Record<string, number>> {
  await migrateToLatest(database.db);
  await importVillage(testContext(database.db), village, ['roster']);
  return tableCounts(database.db);
}

describe('a killed import leaves the database as it was', () => {
  it('on SQLite', async () => {
    const file = join(dir, 'kill.db');
    const database = createDatabase({ file });
    const before = await prepare(database);
    await database.close();
    const result = await importAndKill(
      { MIMAMORI_DB_FILE: file, MIMAMORI_PSEUDONYM_KEY: testKey, MIMAMORI_AS_OF: '2026-04-01' },
      join(dir, 'v', 'gakko.csv'),
    );
    expect(result.killed).toBe(true);
    const reopened = createDatabase({ file });
    expect(await tableCounts(reopened.db)).toEqual(before);
    const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(
      reopened.db,
    );
    expect(check.rows[0]?.integrity_check).toBe('ok');
    await reopened.close();
  });

  it('on PostgreSQL', async () => {
    const admin = createDatabase({ url: inject('mimamoriPgUrl') });
    const name = `mimamori_kill_${process.pid}`;
    await sql`drop database if exists ${sql.id(name)}`.execute(admin.db);
    await sql`create database ${sql.id(name)}`.execute(admin.db);
    const url = new URL(inject('mimamoriPgUrl'));
    url.pathname = `/${name}`;
    const database = createDatabase({ url: url.toString() });
    const before = await prepare(database);
    const result = await importAndKill(
      {
        DATABASE_URL: url.toString(),
        MIMAMORI_PSEUDONYM_KEY: testKey,
        MIMAMORI_AS_OF: '2026-04-01',
      },
      join(dir, 'v', 'gakko.csv'),
    );
    expect(result.killed).toBe(true);
    expect(await tableCounts(database.db)).toEqual(before);
    await database.close();
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
    await admin.close();
  });
});
