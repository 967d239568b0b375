import { getChildFacts, listChildren, listPersonKeys } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { makeResidentNumber } from '@mimamori/identity';
import { expect, it } from 'vitest';
import { loadChildren } from './derive-facts';
import { importRoster, importSchool, linkageTestContext, type TestChild } from './linkage.fixture';

const children: TestChild[] = [0, 1, 2].map((i) => ({
  residentNumber: makeResidentNumber(300 + i),
  name: `佐藤\u3000花子${i}`,
  kana: `サトウ\u3000ハナコ${'アイウ'[i]}`,
  birth: '平成26年6月1日',
  sex: 2,
}));

describeEachDatabase('a roster import is a full snapshot of the residents', (getDb) => {
  it('stops judging and linking a child the new roster no longer lists, keeps its history', async () => {
    const ctx = linkageTestContext(getDb().db);
    await importRoster(ctx, children);
    const all = [...(await loadChildren(ctx.db)).keys()];
    expect(all).toHaveLength(3);
    const movedId = (await listPersonKeys(ctx.db)).find(
      (p) => p.kanaKey === 'サトウハナコイ',
    )!.childId;

    // Child 1 moved away: the next roster lists children 0 and 2.
    await importRoster(ctx, [children[0]!, children[2]!], '見守村2');
    const judged = [...(await loadChildren(ctx.db)).keys()];
    expect(judged).toHaveLength(2);
    expect(judged).not.toContain(movedId);
    expect((await listChildren(ctx.db, { limit: 10 })).map((c) => c.id)).not.toContain(movedId);
    expect((await listPersonKeys(ctx.db)).map((p) => p.childId)).not.toContain(movedId);
    // Its stored data stays (cases, sheets and disclosures still reach it).
    expect(await getChildFacts(ctx.db, movedId)).toBeDefined();
    // A school record about the child no longer links to it.
    const school = await importSchool(ctx, [{ ...children[1]!, absenceDays: 30 }]);
    expect(school.summary.linkage).toMatchObject({ linked: {}, unmatched: 1 });

    // Back on the roster: judged and linked again.
    await importRoster(ctx, children, '見守村3');
    expect([...(await loadChildren(ctx.db)).keys()]).toContain(movedId);
  });
});
