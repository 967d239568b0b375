import { getChildFacts, listAudit, listPersonKeys, listSourceRecords } from '@mimamori/db';
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
import { relinkAll } from './relink';
import {
  countLinkageReview,
  decideLinkage,
  listLinkageDecisions,
  listLinkageReview,
  undoLinkageDecision,
} from './review';

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

/** A child the roster does not list yet (made up). */
const newcomer: TestChild = {
  residentNumber: makeResidentNumber(200),
  name: '新井\u3000次郎',
  kana: 'アライ　ジロウ',
  birth: '平成28年7月1日',
  sex: 1,
};

describeEachDatabase('a new-person decision', (getDb) => {
  it('holds until the roster lists the person, then the record links; listed and undone', async () => {
    const ctx = linkageTestContext(getDb().db);
    await importRoster(ctx, children);
    await importSchool(ctx, [{ ...newcomer, absenceDays: 30 }]);
    const [item] = await listLinkageReview(ctx.db);
    expect(item).toMatchObject({
      reasons: ['unmatched', 'no-candidate'],
      identity: { name: newcomer.name, kana: newcomer.kana, birthDate: '2016-07-01', sex: 1 },
    });
    const outcome = await decideLinkage(ctx, { recordId: item!.recordId, decision: 'new' });
    expect(outcome).toMatchObject({ ok: true, report: { rejected: 1 } });
    expect(await listLinkageReview(ctx.db)).toEqual([]);
    const { items, total } = await listLinkageDecisions(ctx.db);
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      decision: 'new',
      childId: null,
      records: 1,
      latest: { recordId: item!.recordId, connector: 'school', identity: { name: newcomer.name } },
    });
    const [stored] = await listSourceRecords(ctx.db, { linkStatus: 'rejected' });
    expect(stored).toMatchObject({ linkMethod: 'new-person' });

    // The family registers: next month's roster lists the child; the next school file links.
    await importRoster(ctx, [...children, newcomer], '見守村2');
    const school = await importSchool(ctx, [{ ...newcomer, absenceDays: 31 }], 'school-2.csv');
    expect(school.summary.linkage).toMatchObject({ linked: { 'name-birth-kana': 1 }, rejected: 0 });
    expect(await relinkAll(ctx)).toMatchObject({ linked: { 'name-birth-kana': 2 }, rejected: 0 });
    const newcomerId = (await listPersonKeys(ctx.db)).find(
      (p) => p.nameKey === '新井次郎',
    )!.childId;
    expect((await getChildFacts(ctx.db, newcomerId))!.facts['school.absenceDays']).toBe(31);

    // Undo: the decision goes, the records stay linked (the roster lists the child).
    const undone = await undoLinkageDecision(ctx, items[0]!.identityKey);
    expect(undone).toMatchObject({ ok: true, report: { rejected: 0 } });
    expect((await listLinkageDecisions(ctx.db)).total).toBe(0);
    expect(await undoLinkageDecision(ctx, items[0]!.identityKey)).toEqual({
      ok: false,
      code: 'unknown_decision',
    });
    const actions = (await listAudit(ctx.db, { limit: 20 })).map((e) => e.action);
    expect(actions).toContain('linkage.undo');
  });
});

describeEachDatabase('a new-person decision for a listed person', (getDb) => {
  it('is refused: match or exclude the record instead', async () => {
    const ctx = linkageTestContext(getDb().db);
    await importRoster(ctx, children);
    // Name, kana and birth date of child 0, but another sex: to review, yet surely on the roster.
    await importSchool(ctx, [{ ...children[0]!, sex: 2, absenceDays: 3 }]);
    const [item] = await listLinkageReview(ctx.db);
    expect(item).toMatchObject({ reasons: ['ambiguous'] });
    expect(item!.candidates[0]).toMatchObject({
      person: { name: children[0]!.name, kana: children[0]!.kana, birthDate: '2013-01-05', sex: 1 },
    });
    expect(await decideLinkage(ctx, { recordId: item!.recordId, decision: 'new' })).toEqual({
      ok: false,
      code: 'on_roster',
    });
    expect((await listLinkageDecisions(ctx.db)).total).toBe(0);
  });
});

describeEachDatabase('undoing an exclusion', (getDb) => {
  it('returns the records to the review queue', async () => {
    const ctx = linkageTestContext(getDb().db);
    await importRoster(ctx, children);
    await importSchool(ctx, misspelt);
    const [first] = await listLinkageReview(ctx.db);
    await decideLinkage(ctx, { recordId: first!.recordId, decision: 'reject' });
    expect(await listLinkageReview(ctx.db)).toHaveLength(1);
    const [decision] = (await listLinkageDecisions(ctx.db)).items;
    expect(decision).toMatchObject({ decision: 'reject', records: 1 });
    expect(await undoLinkageDecision(ctx, decision!.identityKey)).toMatchObject({ ok: true });
    expect((await listLinkageReview(ctx.db)).map((e) => e.recordId)).toContain(first!.recordId);
  });
});

describeEachDatabase('the review queue', (getDb) => {
  it("lists each source's latest file only, newest first, one page at a time", async () => {
    const ctx = linkageTestContext(getDb().db);
    await importRoster(ctx, children);
    await importSchool(ctx, misspelt, 'school-1.csv');
    const again = misspelt.map((m) => ({ ...m, absenceDays: m.absenceDays + 5 }));
    const latest = await importSchool(ctx, again, 'school-2.csv');
    expect(await countLinkageReview(ctx.db)).toBe(2);
    const queue = await listLinkageReview(ctx.db);
    expect(queue.map((e) => e.file)).toEqual(['school-2.csv', 'school-2.csv']);
    const records = await listSourceRecords(ctx.db, { batchId: latest.batchId! });
    expect(queue.map((e) => e.recordId).sort()).toEqual(records.map((r) => r.id).sort());
    const page = await listLinkageReview(ctx.db, { limit: 1, offset: 1 });
    expect(page.map((e) => e.recordId)).toEqual([queue[1]!.recordId]);
  });
});
