import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { loadLinkDecisions } from '../repositories/link-decisions';
import { describeEachDatabase } from '../testing';
import { down, up } from './0011-link-decision-kind';

describeEachDatabase('migration 0011-link-decision-kind', (getDb) => {
  it('turns the `new person` rejections stored before it into `new` decisions', async () => {
    const db = getDb().db as unknown as Kysely<unknown>;
    await down(db);
    await sql`insert into link_decisions (identity_key, child_id, rejected, decided_by, decided_at, note)
      values ('k1', null, 1, 'u1', '2026-01-01T00:00:00Z', 'new person: 転入予定'),
             ('k2', null, 1, 'u1', '2026-01-01T00:00:00Z', null),
             ('k3', null, 1, 'u1', '2026-01-01T00:00:00Z', 'new person')`.execute(db);
    await up(db);
    const decisions = await loadLinkDecisions(getDb().db);
    expect([...decisions.values()].map((d) => [d.identityKey, d.kind, d.rejected])).toEqual(
      expect.arrayContaining([
        ['k1', 'new', true],
        ['k2', 'exclude', true],
        ['k3', 'new', true],
      ]),
    );
  });
});
