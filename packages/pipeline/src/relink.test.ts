import {
  getChildFacts,
  getRecordIdentity,
  listPersonKeys,
  listSourceRecords,
  lockLinkage,
  saveLinkDecision,
} from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { identityKey, makeResidentNumber } from '@mimamori/identity';
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
import { decideLinkage, listLinkageReview } from './review';

const sho: TestChild = {
  residentNumber: makeResidentNumber(6),
  name: '佐藤　翔',
  kana: 'サトウ　ショウ',
  birth: '平成24年9月5日',
  sex: 1,
};
const hana: TestChild = {
  residentNumber: makeResidentNumber(7),
  name: '山田　花',
  kana: 'ヤマダ　ハナ',
  birth: '平成25年1月5日',
  sex: 2,
};

describeEachDatabase('relinkAll', (getDb) => {
  it("takes a source's facts and context from a child whose only record of it is rejected", async () => {
    const ctx = linkageTestContext(getDb().db);
    await importRoster(ctx, [sho, hana]);
    const school = await importSchool(ctx, [{ ...sho, absenceDays: 45 }]);
    const [record] = await listSourceRecords(ctx.db, { batchId: school.batchId! });
    expect(record).toMatchObject({ linkStatus: 'linked', linkMethod: 'name-birth-kana' });
    const childId = record!.childId!;
    expect(await getChildFacts(ctx.db, childId)).toMatchObject({
      school: 'J01',
      grade: 8,
      facts: { 'school.absenceDays': 45 },
    });

    const outcome = await decideLinkage(ctx, { recordId: record!.id, decision: 'reject' });
    expect(outcome).toMatchObject({ ok: true, report: { rejected: 1 } });
    const after = await getChildFacts(ctx.db, childId);
    expect(Object.keys(after!.facts).filter((k) => k.startsWith('school.'))).toEqual([]);
    expect(after).toMatchObject({ school: null, grade: null });
    expect(after!.facts['roster.householdSize']).toBe(3);
  });
});

describeEachDatabase('relinkAll under the linkage lock', (getDb) => {
  it('reads decisions only after the linkage lock: a decision committed meanwhile applies', async () => {
    const ctx = linkageTestContext(getDb().db);
    await importRoster(ctx, [sho, hana]);
    // Misspelt, with another reading: unmatched, in the review queue.
    await importSchool(ctx, [{ ...hana, name: '山田　華', kana: 'ヤマダ　ハル', absenceDays: 9 }]);
    const [item] = await listLinkageReview(ctx.db);
    const identity = await getRecordIdentity(ctx.db, item!.recordId);
    const hanaId = (await listPersonKeys(ctx.db)).find((p) => p.nameKey === '山田花')!.childId;

    // Another writer holds the lock and has stored (not yet committed) a decision for the record.
    const held = gate();
    const taken = gate();
    const holder = ctx.db.transaction().execute(async (trx) => {
      await lockLinkage(trx);
      await saveLinkDecision(trx, {
        identityKey: identityKey(identity!),
        childId: hanaId,
        rejected: false,
        decidedBy: 'u1',
        note: null,
      });
      taken.open();
      await held.wait;
    });
    await taken.wait;
    const relinking = relinkAll(ctx);
    await pause(300);
    held.open();
    await holder;
    expect(await relinking).toMatchObject({ linked: { manual: 1 }, unmatched: 0 });
    expect((await getChildFacts(ctx.db, hanaId))!.facts['school.absenceDays']).toBe(9);
  });
});
