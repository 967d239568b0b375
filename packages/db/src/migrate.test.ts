import { expect, it } from 'vitest';
import { appliedMigrations, migrateToLatest } from './migrate';
import { tableNames } from './schema';
import { tableCounts } from './repositories/table-counts';
import { describeEachDatabase } from './testing';

describeEachDatabase('migrations', (getDb) => {
  it('creates every table, and running again is a no-op', async () => {
    const { db } = getDb();
    expect(await appliedMigrations(db)).toEqual([
      '0001-data',
      '0002-rules',
      '0003-access',
      '0004-cases',
      '0005-mapped-sources',
      '0006-import-attempts',
      '0007-rule-set-approvals',
      '0008-one-open-case',
      '0009-username-case',
      '0010-roster-membership',
      '0011-link-decision-kind',
      '0012-child-facts-by-record',
      '0013-batch-fact-names',
    ]);
    expect(await migrateToLatest(db)).toEqual([]);
    const counts = await tableCounts(db);
    expect(Object.keys(counts)).toEqual([...tableNames]);
    expect(counts.counters).toBe(1);
    expect(counts.audit_head).toBe(1);
  });
});
