import { expect, it } from 'vitest';
import { bulkInsertWith } from './bulk-insert';
import { describeEachDatabase } from './testing';

describeEachDatabase('bulkInsertWith', (getDb) => {
  it('inserts rows filled by index across several statements, in order', async () => {
    const { db } = getDb();
    const n = 2_345; // three columns: 1,000 rows per statement, so three statements
    await bulkInsertWith(db, 'meta', ['key', 'value_json', 'updated_at'], n, (out, i) => {
      out.push(`bulk-${String(i).padStart(5, '0')}`, JSON.stringify({ i }), '2026-04-01');
    });
    const rows = await db
      .selectFrom('meta')
      .select(['key', 'value_json'])
      .where('key', 'like', 'bulk-%')
      .orderBy('key')
      .execute();
    expect(rows).toHaveLength(n);
    expect(rows[0]).toEqual({ key: 'bulk-00000', value_json: '{"i":0}' });
    expect(rows[n - 1]).toEqual({ key: 'bulk-02344', value_json: '{"i":2344}' });
  });

  it('refuses a fill that pushes the wrong number of values, storing nothing', async () => {
    const { db } = getDb();
    const attempt = db.transaction().execute((trx) =>
      bulkInsertWith(trx, 'meta', ['key', 'value_json', 'updated_at'], 1_500, (out, i) => {
        if (i === 1_200) out.push(`short-${String(i)}`, '{}');
        else out.push(`short-${String(i)}`, '{}', '2026-04-01');
      }),
    );
    await expect(attempt).rejects.toThrow(/wrong number of values/);
    const left = await db
      .selectFrom('meta')
      .select('key')
      .where('key', 'like', 'short-%')
      .execute();
    expect(left).toEqual([]);
  });
});
