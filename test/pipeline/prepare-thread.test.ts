import { createHash } from 'node:crypto';
import { listPersonKeys } from '@mimamori/db';
import { describeEachDatabase } from '@mimamori/db/testing';
import { detachedRecords, factNamesOf, startPrepareThread } from '@mimamori/pipeline';
import { generateVillage } from '@mimamori/village';
import { expect, it } from 'vitest';
import {
  connectors,
  importVillage,
  importVillageFile,
  testContext,
  villageFile,
} from '../support/village';

const village = generateVillage({ children: 120, seed: 3 });

describeEachDatabase('prepare thread', (getDb) => {
  it('reads a file in a worker and links it exactly as the importing thread does', async () => {
    const { db } = getDb();
    const ctx = testContext(db);
    await importVillage(ctx, village, ['roster']);
    const school = villageFile(village, 'school');
    const connector = connectors.get('school')!;
    const thread = startPrepareThread();
    expect(thread).not.toBeNull();
    if (!thread) return;
    try {
      const job = {
        module: connector.module!,
        connector: connector.name,
        file: school.name,
        bytes: school.bytes,
        gaiji: village.gaijiTable.map((e): [string, string] => [e.code, e.standard]),
      };
      const answer = thread.prepare(job);
      thread.roster({ persons: await listPersonKeys(db), decisions: [] });
      const prepared = await answer;
      expect(prepared.issues).toEqual([]);
      expect(prepared.fileHash).toBe(createHash('sha256').update(school.bytes).digest('hex'));
      const records = detachedRecords(prepared.records!, factNamesOf(connector));
      expect(records).toHaveLength(prepared.recordCount);

      // The same file imported on this thread: the same report, the same link per line.
      const outcome = await importVillageFile(ctx, school);
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      expect(prepared.report).toEqual(outcome.summary.linkage);
      const stored = await db
        .selectFrom('source_records')
        .select(['line', 'child_id', 'link_status', 'facts_json', 'context_json'])
        .where('batch_id', '=', outcome.batchId!)
        .orderBy('line')
        .execute();
      const sent = [...records]
        .sort((a, b) => a.line - b.line)
        .map((r) => ({
          line: r.line,
          child_id: r.childId,
          link_status: r.linkStatus,
          facts_json: r.factsJson,
          context_json: r.contextJson,
        }));
      expect(sent).toEqual(stored);
    } finally {
      await thread.close();
    }
  });

  it('answers a file it cannot link (no roster given) as unlinked, with its counts', async () => {
    const thread = startPrepareThread();
    if (!thread) throw new Error('no prepare thread');
    try {
      const nursery = villageFile(village, 'nursery');
      const connector = connectors.get('nursery')!;
      const answer = thread.prepare({
        module: connector.module!,
        connector: connector.name,
        file: nursery.name,
        bytes: nursery.bytes,
        gaiji: [],
      });
      thread.roster(null);
      const prepared = await answer;
      expect(prepared).toMatchObject({ unlinked: true, issues: [] });
      expect(prepared.rowCount).toBeGreaterThan(0);
      expect(prepared.records).toBeUndefined();
    } finally {
      await thread.close();
    }
  });
});
