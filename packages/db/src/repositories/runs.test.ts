import { expect, it } from 'vitest';
import { makeBatch } from '../test-batch';
import { describeEachDatabase } from '../testing';
import { insertBatch } from './ingest';
import { createDraft, createRuleSet, publishVersion } from './rule-sets';
import {
  completeRun,
  countResultsByLevel,
  createRun,
  failRun,
  getRun,
  insertResults,
  listResults,
  listRuns,
  type JudgementResult,
} from './runs';

describeEachDatabase('judgement runs', (getDb) => {
  it('stores a run with results and filters them', async () => {
    const { db } = getDb();
    const batch = makeBatch({ id: 'roster', children: 40, recordsPerChild: 0 });
    await insertBatch(db, batch);
    await createRuleSet(db, { id: 'rs', title: { ja: 'r', en: 'r' } });
    const draft = await createDraft(db, {
      ruleSetId: 'rs',
      document: {},
      createdBy: 'u',
      note: null,
    });
    await publishVersion(db, { versionId: draft.id, publishedBy: 'u' });
    const run = await createRun(db, {
      ruleSetVersionId: draft.id,
      dataVersion: 3,
      asOf: '2026-04-01',
      startedBy: 'u',
    });
    expect(run.status).toBe('running');
    const results: JudgementResult[] = batch.children.flatMap((c, i) =>
      ['abuse', 'poverty'].map((type) => ({
        childId: c.id,
        type,
        points: i + 0.5,
        level: i >= 36 ? 'watch' : null,
        outsideSchoolPoints: i / 2,
        rankSchool: i + 1,
        rankGrade: null,
        explanation: i >= 36 ? { rules: [{ id: 'r1', fired: true }] } : null,
      })),
    );
    await insertResults(db, run.id, results);
    const done = await completeRun(db, run.id, { children: 40, flagged: 4 });
    expect(done).toMatchObject({ status: 'completed', counts: { children: 40, flagged: 4 } });
    await expect(insertResults(db, run.id, [])).rejects.toMatchObject({ code: 'invalid_state' });
    await expect(completeRun(db, run.id, {})).rejects.toMatchObject({ code: 'invalid_state' });

    const flagged = await listResults(db, run.id, { flaggedOnly: true, type: 'abuse' });
    expect(flagged.map((r) => r.points)).toEqual([39.5, 38.5, 37.5, 36.5]);
    expect(flagged[0]).toMatchObject({
      explanation: { rules: [{ id: 'r1', fired: true }] },
      school: 'S4',
      grade: 4,
    });
    const school = await listResults(db, run.id, {
      school: 'S0',
      type: 'poverty',
      limit: 2,
      offset: 1,
    });
    expect(school.map((r) => r.childId)).toEqual(['roster-c0000028', 'roster-c0000021']);
    expect(await listResults(db, run.id, { levels: [] })).toEqual([]);
    expect((await listResults(db, run.id, { grade: 1, level: 'watch' })).length).toBe(2);
    expect(await countResultsByLevel(db, run.id)).toEqual([
      { type: 'abuse', level: null, count: 36 },
      { type: 'abuse', level: 'watch', count: 4 },
      { type: 'poverty', level: null, count: 36 },
      { type: 'poverty', level: 'watch', count: 4 },
    ]);

    const failed = await createRun(db, {
      ruleSetVersionId: draft.id,
      dataVersion: 3,
      asOf: '2026-04-02',
      startedBy: null,
    });
    expect(await failRun(db, failed.id, 'engine error')).toMatchObject({
      status: 'failed',
      error: 'engine error',
    });
    expect((await listRuns(db)).length).toBe(2);
    expect((await listRuns(db, { status: 'completed' })).map((r) => r.id)).toEqual([run.id]);
    expect(await getRun(db, 'nope')).toBeUndefined();
  });
});
