import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { Db } from './database';
import { lockLinkage } from './linkage-lock';
import { describeEachDatabase } from './testing';

/** A promise and the function that settles it. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

async function advisoryWaiters(db: Db): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from pg_locks where locktype = 'advisory' and not granted`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

describeEachDatabase('lockLinkage', (getDb) => {
  it('refuses to run outside a transaction (the lock would end with the statement)', async () => {
    await expect(lockLinkage(getDb().db)).rejects.toMatchObject({ code: 'invalid_state' });
  });

  it('makes a second linkage writer wait until the first one commits', async () => {
    const { db, dialect, reopen } = getDb();
    const other = reopen().db;
    const held = gate();
    const taken = gate();
    const order: string[] = [];
    const first = db.transaction().execute(async (trx) => {
      await lockLinkage(trx);
      taken.open();
      await held.wait;
      order.push('first');
    });
    await taken.wait;
    if (dialect === 'postgres') {
      const second = other.transaction().execute(async (trx) => {
        await lockLinkage(trx);
        order.push('second');
      });
      for (let i = 0; i < 200 && (await advisoryWaiters(db)) === 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 25));
      expect(await advisoryWaiters(db)).toBe(1);
      expect(order).toEqual([]);
      held.open();
      await Promise.all([first, second]);
      expect(order).toEqual(['first', 'second']);
    } else {
      // better-sqlite3 is synchronous: a second connection that waited would block this thread,
      // so it asks for the write lock without waiting and must be refused.
      await sql`pragma busy_timeout = 0`.execute(other);
      await expect(sql`begin immediate`.execute(other)).rejects.toMatchObject({
        code: 'SQLITE_BUSY',
      });
      held.open();
      await first;
      await sql`begin immediate`.execute(other);
      await sql`rollback`.execute(other);
    }
  });
});
