import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkInsert, insertStaged, writeBehind } from './bulk-insert';
import { createDatabase, type Database } from './database';
import { isUniqueViolation } from './db-error';
import { migrateToLatest } from './migrate';
import { readCounter } from './repositories/meta';
import { openSqliteWriter, writerStaging } from './sqlite-writer';
import { stagePart, stageRows } from './staged-rows';

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

  it('inserts rows another port staged, waiting for rows still on their way', async () => {
    expect(writerStaging(writer.db)).toBe(writer.staging);
    expect(writerStaging(main.db)).toBeNull();
    const port = writer.staging.port();
    try {
      const texts = ['齋藤 花子', '', 'x'.repeat(40_000)];
      await writer.db.transaction().execute(async (trx) => {
        await writeBehind(trx, async () => {
          // The statements go out before their rows: the writer holds them until the rows come.
          const meta = insertStaged(trx, 'meta', ['key', 'value_json', 'updated_at'], 's1', 3, [
            { column: 1 },
            { column: 0 },
            { value: '2026-02-02' },
          ]);
          const counters = insertStaged(trx, 'counters', ['name', 'value'], 's1', 3, [
            { column: 1 },
            { seq: 100 },
          ]);
          await new Promise((resolve) => setTimeout(resolve, 30));
          stageRows(
            port,
            's1',
            2,
            texts.flatMap((t, i) => [t, `s1-${String(i)}`]),
          );
          await Promise.all([meta, counters]);
        });
      });
      writer.staging.release('s1');
      const rows = await main.db
        .selectFrom('meta')
        .selectAll()
        .where('key', 'like', 's1-%')
        .execute();
      expect(rows.sort((a, b) => a.key.localeCompare(b.key))).toEqual(
        texts.map((t, i) => ({ key: `s1-${String(i)}`, value_json: t, updated_at: '2026-02-02' })),
      );
      expect(await readCounter(main.db, 's1-2')).toBe(102);
    } finally {
      port.close();
    }
  });

  it("reads a column from a stage's part, at the row a staged number names", async () => {
    const port = writer.staging.port();
    try {
      // The part holds texts in file order; the stage's rows (in another order) name theirs.
      stageRows(port, stagePart('sp', 'texts'), 2, ['t0', 'u0', 't1', 'u1', 't2', 'u2']);
      stageRows(port, 'sp', 2, [2, 'sp-a', 0, 'sp-b', 1, 'sp-c']);
      await insertStaged(writer.db, 'meta', ['key', 'value_json', 'updated_at'], 'sp', 3, [
        { column: 1 },
        { column: 1, part: 'texts', at: 0 },
        { column: 0, part: 'texts', at: 0 },
      ]);
      writer.staging.release('sp');
      const rows = await main.db
        .selectFrom('meta')
        .selectAll()
        .where('key', 'like', 'sp-%')
        .orderBy('key')
        .execute();
      expect(rows).toEqual([
        { key: 'sp-a', value_json: 'u2', updated_at: 't2' },
        { key: 'sp-b', value_json: 'u0', updated_at: 't0' },
        { key: 'sp-c', value_json: 'u1', updated_at: 't1' },
      ]);
      // Released with its stage: the stage staged again, its part is not there any more.
      stageRows(port, 'sp', 2, [0, 'sp-d']);
      await new Promise((resolve) => setTimeout(resolve, 30));
      port.close();
      await expect(
        insertStaged(writer.db, 'meta', ['key', 'value_json', 'updated_at'], 'sp', 1, [
          { column: 1 },
          { column: 1, part: 'texts', at: 0 },
          { value: 'x' },
        ]),
      ).rejects.toThrow(/staged rows never arrived/);
    } finally {
      port.close();
    }
  });

  it('rolls staged rows back with the transaction', async () => {
    const port = writer.staging.port();
    try {
      stageRows(port, 's2', 1, ['s2-a', 's2-b']);
      const failed = writer.db.transaction().execute(async (trx) => {
        await writeBehind(trx, async () => {
          await insertStaged(trx, 'counters', ['name', 'value'], 's2', 2, [
            { column: 0 },
            { seq: 1 },
          ]);
          await bulkInsert(trx, 'counters', [{ name: 'w-int', value: 1 }]); // exists: fails
        });
      });
      await expect(failed).rejects.toThrow();
      writer.staging.release('s2');
      expect(await readCounter(main.db, 's2-a')).toBe(0);
    } finally {
      port.close();
    }
  });

  it('fails a statement whose rows can no longer come, and goes on', async () => {
    const port = writer.staging.port();
    port.close();
    // No thread can stage rows any more (every port is closed): the statement fails.
    await expect(
      insertStaged(writer.db, 'counters', ['name', 'value'], 'never', 1, [
        { column: 0 },
        { seq: 1 },
      ]),
    ).rejects.toThrow(/staged rows never arrived/);
    await bulkInsert(writer.db, 'counters', [{ name: 'w-after-staged', value: 3 }]);
    expect(await readCounter(main.db, 'w-after-staged')).toBe(3);
  });
});
