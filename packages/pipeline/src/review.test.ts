import { getChildFacts, listPersonKeys, listSourceRecords } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { makeResidentNumber } from '@mimamori/identity';
import { expect, it } from 'vitest';
import {
  gate,
  importRoster,
  importSchool,
  linkageTestContext,
  pause,
  type TestChild,
} from './linkage.fixture';
import { decideLinkage, listLinkageReview } from './review';

const children: TestChild[] = [0, 1, 2].map((i) => ({
  residentNumber: makeResidentNumber(100 + i),
  name: `山田\u3000太郎${i}`,
  kana: 'ヤマダ　タロウ',
  birth: '平成25年1月5日',
  sex: 1,
}));
/** The school's records of children 0 and 1: misspelt with another reading, so unmatched. */
const misspelt = children.slice(0, 2).map((c, i) => ({
  ...c,
  name: `山田\u3000太朗${i}`,
  kana: 'ヤマダ　ジロウ',
  absenceDays: 10 + i,
}));

async function childIds(ctx: ReturnType<typeof linkageTestContext>): Promise<string[]> {
  const persons = await listPersonKeys(ctx.db);
  return children.map((_, i) => persons.find((p) => p.nameKey === `山田太郎${i}`)!.childId);
}

describeEachDatabase('review of a contradicted match', (getDb) => {
  it('queues a record whose reading contradicts its only name + birth date candidate', async () => {
    const ctx = linkageTestContext(getDb().db);
    await importRoster(ctx, children);
    const school = await importSchool(ctx, [
      { ...children[0]!, kana: 'ヤマダ　ジロウ', absenceDays: 45 },
    ]);
    expect(school.summary.linkage).toMatchObject({ ambiguous: 1, linked: {} });
    const [record] = await listSourceRecords(ctx.db, { batchId: school.batchId! });
    expect(record).toMatchObject({ linkStatus: 'ambiguous', childId: null });
    const [first] = await childIds(ctx);
    expect(await listLinkageReview(ctx.db)).toMatchObject([
      { recordId: record!.id, candidates: [{ childId: first, reasons: ['name-birth'] }] },
    ]);
    expect((await getChildFacts(ctx.db, first!))!.facts['school.absenceDays']).toBeUndefined();
  });
});

describeEachDatabase('linking under the write lock', (getDb) => {
  it('links again when the roster changes between linking and storing', async () => {
    const ctx = linkageTestContext(getDb().db);
    await importRoster(ctx, children);
    let changed = false;
    const school = await importSchool(
      ctx,
      [{ ...children[0]!, absenceDays: 45 }],
      'school.csv',
      async (phase) => {
        if (phase !== 'store' || changed) return;
        changed = true;
        // Linked already; now the roster reads child 0 otherwise: the record's kana contradicts.
        const reread = children.map((c, i) => (i === 0 ? { ...c, kana: 'ヤマダ　ジロウ' } : c));
        await importRoster(ctx, reread, '見守村2');
      },
    );
    expect(changed).toBe(true);
    expect(school.summary.linkage).toMatchObject({ ambiguous: 1, linked: {} });
    const [record] = await listSourceRecords(ctx.db, { batchId: school.batchId! });
    expect(record).toMatchObject({ linkStatus: 'ambiguous', childId: null });
  });
});

describeEachDatabase('concurrent review decisions', (getDb) => {
  it("keeps both children's facts when two people decide at the same moment", async () => {
    const ctx = linkageTestContext(getDb().db);
    await importRoster(ctx, children);
    await importSchool(ctx, misspelt);
    const queue = await listLinkageReview(ctx.db);
    expect(queue).toHaveLength(2);
    const ids = await childIds(ctx);
    const lines = await listSourceRecords(ctx.db, { linkStatus: 'unmatched' });
    const childOf = (recordId: string) =>
      ids[Number(lines.find((r) => r.id === recordId)!.facts['school.absenceDays']) - 10]!;

    // The first decision is done but not committed when the second one starts.
    const held = gate();
    const done = gate();
    const first = ctx.db.transaction().execute(async (trx) => {
      const [item] = queue;
      const outcome = await decideLinkage(
        { ...ctx, db: trx },
        { recordId: item!.recordId, decision: 'match', childId: childOf(item!.recordId) },
      );
      done.open();
      await held.wait;
      return outcome;
    });
    await done.wait;
    const second = decideLinkage(ctx, {
      recordId: queue[1]!.recordId,
      decision: 'match',
      childId: childOf(queue[1]!.recordId),
    });
    await pause(300);
    held.open();
    expect(await Promise.all([first, second])).toMatchObject([{ ok: true }, { ok: true }]);
    for (const [i, id] of ids.slice(0, 2).entries())
      expect((await getChildFacts(ctx.db, id))!.facts['school.absenceDays']).toBe(10 + i);
  });
});

describeEachDatabase('a roster import during a review decision', (getDb) => {
  it('keeps the school context the decision gave the child', async () => {
    const ctx = linkageTestContext(getDb().db);
    await importRoster(ctx, children);
    await importSchool(ctx, misspelt);
    const [item] = await listLinkageReview(ctx.db);
    const ids = await childIds(ctx);
    const lines = await listSourceRecords(ctx.db, { linkStatus: 'unmatched' });
    const absent = Number(lines.find((r) => r.id === item!.recordId)!.facts['school.absenceDays']);
    const childId = ids[absent - 10]!;

    const held = gate();
    const done = gate();
    const deciding = ctx.db.transaction().execute(async (trx) => {
      const input = { recordId: item!.recordId, decision: 'match', childId } as const;
      await decideLinkage({ ...ctx, db: trx }, input);
      done.open();
      await held.wait;
    });
    await done.wait;
    // Next month's roster (another file) arrives while the decision is still open.
    const importing = importRoster(ctx, children, '見守村2');
    await pause(300);
    held.open();
    await Promise.all([deciding, importing]);
    expect(await getChildFacts(ctx.db, childId)).toMatchObject({
      school: 'J01',
      grade: 8,
      facts: { 'school.absenceDays': absent },
    });
  });
});
