import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkInsert, writeBehind } from './bulk-insert';
import { createDatabase, type Database } from './database';
import { isUniqueViolation } from './db-error';
import { migrateToLatest } from './migrate';
import { readCounter } from './repositories/meta';
import { openSqliteWriter } from './sqlite-writer';

describe('SQLite writer thread', () => {
  let dir: string;
  let main: Database;
  let writer: ReturnType<typeof openSqliteWriter>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mimamori-writer-'));
    main = createDatabase({ file: join(dir, 'w.db') });
    await migrateToLatest(main.db);
    writer = openSqliteWriter(main.file!);
  });

  afterAll(async () => {
    await writer.close();
    await main.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores queued writes in one transaction, read back exactly by the main connection', async () => {
    const texts = ['髙橋 太郎', 'a\u0000b', '𠮷野家', '', 'x'.repeat(70_000)];
    await writer.db.transaction().execute(async (trx) => {
      await writeBehind(trx, async () => {
        await bulkInsert(
          trx,
          'meta',
          texts.map((t, i) => ({ key: `w${String(i)}`, value_json: t, updated_at: '2026-01-01' })),
        );
        await bulkInsert(trx, 'counters', [
          { name: 'w-int', value: 41 },
          { name: 'w-float', value: 2.5 },
        ]);
      });
      // A read inside the transaction sees the queued writes before it.
      const n = await trx
        .selectFrom('meta')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('key', 'like', 'w%')
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(texts.length);
    });
    const rows = await main.db.selectFrom('meta').selectAll().where('key', 'like', 'w%').execute();
    expect(rows.sort((a, b) => a.key.localeCompare(b.key)).map((r) => r.value_json)).toEqual(texts);
    expect(await readCounter(main.db, 'w-int')).toBe(41);
    expect(await readCounter(main.db, 'w-float')).toBe(2.5);
  });

  it('rolls the whole transaction back when a queued write fails, with the driver code', async () => {
    const failed = writer.db.transaction().execute(async (trx) => {
      await writeBehind(trx, async () => {
        await bulkInsert(trx, 'counters', [{ name: 'w-rolled-back', value: 1 }]);
        // The same key twice: a primary-key violation, reported when the writes are confirmed.
        await bulkInsert(trx, 'counters', [{ name: 'w-int', value: 1 }]);
        await bulkInsert(trx, 'counters', [{ name: 'w-after', value: 1 }]);
      });
    });
    const error: unknown = await failed.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(error)).toBe(true);
    expect(await readCounter(main.db, 'w-rolled-back')).toBe(0);
    expect(await readCounter(main.db, 'w-after')).toBe(0);
    expect(await readCounter(main.db, 'w-int')).toBe(41);
    // The writer goes on working after a failure.
    await bulkInsert(writer.db, 'counters', [{ name: 'w-next', value: 7 }]);
    expect(await readCounter(main.db, 'w-next')).toBe(7);
  });
});
