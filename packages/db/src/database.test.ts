import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, dialectOf } from './database';
import { DbError } from './db-error';

describe('createDatabase', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mimamori-db-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens SQLite with WAL, foreign keys and NORMAL sync, creating the directory', async () => {
    const { db, dialect, close } = createDatabase({ file: join(dir, 'nested', 'x.db') });
    expect(dialect).toBe('sqlite');
    expect(dialectOf(db)).toBe('sqlite');
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
    expect(mode.rows[0]?.journal_mode).toBe('wal');
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    expect(fk.rows[0]?.foreign_keys).toBe(1);
    const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
    expect(sync.rows[0]?.synchronous).toBe(1);
    await close();
  });

  it('accepts :memory: and file: URLs, and picks postgres for postgres URLs', async () => {
    const memory = createDatabase({ file: ':memory:' });
    expect(memory.dialect).toBe('sqlite');
    await memory.close();
    const file = createDatabase({ url: `file:${join(dir, 'y.db')}` });
    expect(file.dialect).toBe('sqlite');
    await file.close();
    const pg = createDatabase({ url: 'postgresql://nobody@127.0.0.1:1/none' });
    expect(pg.dialect).toBe('postgres');
    expect(dialectOf(pg.db)).toBe('postgres');
    await pg.close();
  });

  it('refuses other URLs with a DbError', () => {
    expect(() => createDatabase({ url: 'mysql://x' })).toThrow(DbError);
    try {
      createDatabase({ url: 'mysql://x' });
    } catch (error) {
      expect(error).toMatchObject({ code: 'unsupported_url' });
    }
  });
});
