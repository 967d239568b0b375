import type { Db } from '../database';
import { tableNames, type TableName } from '../schema';

/**
 * Row count of every table (all-or-nothing tests compare these before and after).
 * @example expect(await tableCounts(db)).toEqual(before);
 */
export async function tableCounts(db: Db): Promise<Record<TableName, number>> {
  const counts = {} as Record<TableName, number>;
  for (const table of tableNames) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
