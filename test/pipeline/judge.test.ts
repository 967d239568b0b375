import { readFileSync } from 'node:fs';
import { getRun, listResults } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { createScorer, loadRuleSet } from '@mimamori/engine';
import { judge, loadChildren, publishRuleSetDocument } from '@mimamori/pipeline';
import { generateVillage } from '@mimamori/village';
import { expect, it } from 'vitest';
import { importVillage, testContext } from '../support/village';

const village = generateVillage({ children: 400, seed: 17 });
const document = JSON.parse(
  readFileSync(new URL('../../rules/demo.rules.json', import.meta.url), 'utf8'),
);

describeEachDatabase('mimamori judge', (getDb) => {
  it('stores an immutable run that the same data and rules reproduce exactly, with explanations for flagged children', async () => {
    const { db } = getDb();
    const ctx = testContext(db);
    await importVillage(ctx, village);
    const published = await publishRuleSetDocument(ctx, document, 'test');
    const first = await judge(ctx);
    const second = await judge(ctx);
    const [a, b] = await Promise.all(
      [first, second].map((r) => listResults(db, r.runId, { limit: 1_000_000 })),
    );
    const strip = (rows: typeof a) => rows!.map(({ runId: _r, ...rest }) => rest);
    expect(strip(b)).toEqual(strip(a));
    expect(second.counts).toEqual(first.counts);

    const run = await getRun(db, first.runId);
    expect(run).toMatchObject({ status: 'completed', ruleSetVersionId: published.versionId });
    for (const r of a!) {
      if (r.level !== null)
        // The reasons in words (for sheets) and the fired rules with their condition trees.
        expect(r.explanation).toMatchObject({
          reasons: expect.arrayContaining([expect.objectContaining({ text: expect.any(String) })]),
          rules: expect.arrayContaining([
            expect.objectContaining({ fired: true, conditions: expect.any(Object) }),
          ]),
        });
      else expect(r.explanation).toBeNull();
    }

    // The stored points are what the engine computes from the stored facts.
    const loaded = loadRuleSet(document);
    if (!loaded.ok) throw new Error('demo rules invalid');
    const scorer = createScorer(loaded.ruleSet);
    const children = await loadChildren(db);
    for (const r of a!.slice(0, 200)) {
      const facts = children.get(r.childId)!.facts;
      expect(scorer.score(facts)[r.type]?.points).toBe(r.points);
    }
  });
});
