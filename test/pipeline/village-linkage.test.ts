import { listBatches, listSourceRecords } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { createPseudonymizer } from '@mimamori/identity';
import { relinkAll } from '@mimamori/pipeline';
import { generateVillage } from '@mimamori/village';
import { expect, it } from 'vitest';
import { importVillage, testContext, testKey } from '../support/village';

const village = generateVillage({ children: 400, seed: 11 });
const childOf = createPseudonymizer(testKey);

describeEachDatabase('linkage of the synthetic village', (getDb) => {
  it('links every non-roster record to the child the generator made it for (0 wrong, 0 missed)', async () => {
    const ctx = testContext(getDb().db);
    await importVillage(ctx, village);
    const expected = new Map(
      village.truth.lines.map((l) => [`${l.file}:${l.line}`, childOf(l.residentNumber)]),
    );
    let checked = 0;
    const wrong: string[] = [];
    for (const batch of await listBatches(ctx.db, { limit: 100 })) {
      if (batch.connector === 'roster') continue;
      for (const r of await listSourceRecords(ctx.db, { batchId: batch.id, limit: 100_000 })) {
        checked += 1;
        const want = expected.get(`${r.file}:${r.line}`);
        if (r.linkStatus !== 'linked' || r.childId !== want)
          wrong.push(`${r.file}:${r.line} ${r.linkStatus} ${r.linkMethod}`);
      }
    }
    expect(checked).toBe(village.truth.lines.length);
    expect(wrong).toEqual([]);

    // Re-linking everything gives the same links.
    const report = await relinkAll(ctx);
    expect(report.ambiguous + report.unmatched).toBe(0);
    expect(Object.values(report.linked).reduce((a, b) => a + b, 0)).toBe(
      village.truth.lines.length,
    );
  });
});
