import { describeEachDatabase } from '@mimamori/db/testing';
import { expect, it } from 'vitest';
import {
  directionOf,
  listLevelOverrides,
  overrideLevel,
  reviewOverride,
  summarizeOverrides,
} from './overrides';
import { createSheet } from './sheets';
import { seedRuleSet, seedRun, seedVillage } from './village.fixture';

const fc1 = { id: 'fc1', role: 'family_center' };
const fc2 = { id: 'fc2', role: 'family_center' };

describeEachDatabase('human overrides', (getDb) => {
  it('raises and lowers levels with a reason, counted and reviewed by a second person', async () => {
    const { db } = getDb();
    const ids = await seedVillage(db, { prefix: 'ov', children: 3 });
    const runId = await seedRun(db, {
      id: 'ov-run',
      versionId: await seedRuleSet(db),
      judged: 3,
      flags: [
        { childId: ids[0]!, type: 'poverty', level: 'watch', points: 6 },
        { childId: ids[1]!, type: 'poverty', level: null, points: 2 },
      ],
    });
    // Raising an unflagged child lets the center fill a sheet for it.
    await expect(createSheet(db, { runId, childId: ids[1]!, actor: fc1 })).rejects.toMatchObject({
      code: 'not_flagged',
    });
    const raised = await overrideLevel(db, {
      override: {
        runId,
        childId: ids[1]!,
        type: 'poverty',
        toLevel: 'support',
        reasonCode: 'additional_information',
        note: '学校からの相談',
      },
      actor: fc1,
    });
    expect(raised).toMatchObject({ direction: 'raise', fromLevel: null, toLevel: 'support' });
    await createSheet(db, { runId, childId: ids[1]!, actor: fc1 });

    const lowered = await overrideLevel(db, {
      override: {
        runId,
        childId: ids[0]!,
        type: 'poverty',
        toLevel: null,
        reasonCode: 'data_error',
        note: '転居済みの記録',
      },
      actor: fc1,
    });
    expect(lowered).toMatchObject({ direction: 'lower', fromLevel: 'watch' });
    await expect(
      overrideLevel(db, {
        override: {
          runId,
          childId: ids[0]!,
          type: 'poverty',
          toLevel: null,
          reasonCode: 'data_error',
          note: 'x',
        },
        actor: fc1,
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      overrideLevel(db, {
        override: {
          runId,
          childId: ids[0]!,
          type: 'poverty',
          toLevel: 'watch',
          reasonCode: 'gut_feeling' as never,
          note: 'x',
        },
        actor: fc1,
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' });

    await expect(reviewOverride(db, { overrideId: raised.id, actor: fc1 })).rejects.toMatchObject({
      code: 'same_person',
    });
    expect(await reviewOverride(db, { overrideId: raised.id, actor: fc2 })).toMatchObject({
      reviewedBy: 'fc2',
    });
    await expect(
      reviewOverride(db, { overrideId: raised.id, actor: { id: 'fc3' } }),
    ).rejects.toMatchObject({
      code: 'already_reviewed',
    });
    await expect(reviewOverride(db, { overrideId: 'nope', actor: fc2 })).rejects.toMatchObject({
      code: 'not_found',
    });

    expect(await summarizeOverrides(db, { runId })).toEqual({
      total: 2,
      raised: 1,
      lowered: 1,
      reviewed: 1,
      pendingReview: 1,
      byReason: {
        additional_information: 1,
        data_error: 1,
        professional_judgement: 0,
        family_context: 0,
        other: 0,
      },
    });
    expect((await listLevelOverrides(db, { childId: ids[1]! })).map((o) => o.direction)).toEqual([
      'raise',
    ]);
  });

  it('refuses an unknown child, and a type or level the run’s rule set does not have', async () => {
    const { db } = getDb();
    const ids = await seedVillage(db, { prefix: 'ou', children: 2 });
    const runId = await seedRun(db, {
      id: 'ou-run',
      versionId: await seedRuleSet(db, 'ou'),
      judged: 2,
      flags: [{ childId: ids[0]!, type: 'poverty', level: 'watch', points: 6 }],
    });
    const override = {
      runId,
      childId: ids[1]!,
      type: 'poverty',
      toLevel: 'support' as string | null,
      reasonCode: 'additional_information' as const,
      note: '学校からの相談',
    };
    const attempt = (patch: Partial<typeof override>) =>
      overrideLevel(db, { override: { ...override, ...patch }, actor: fc1 });
    await expect(attempt({ childId: 'ou-nobody' })).rejects.toMatchObject({ code: 'not_found' });
    for (const patch of [
      { type: 'made_up' },
      { toLevel: 'priority' },
      { type: 'x', toLevel: null },
    ])
      await expect(attempt(patch)).rejects.toMatchObject({ code: 'not_in_rule_set' });
    expect(await listLevelOverrides(db, { runId })).toEqual([]);
    // A child the engine gave no points is still judged in the run: staff may raise it.
    expect(await attempt({ type: 'abuse', toLevel: 'watch' })).toMatchObject({
      direction: 'raise',
    });
  });

  it('orders levels by the type, none lowest', () => {
    expect(directionOf(['watch', 'support'], null, 'watch')).toBe('raise');
    expect(directionOf(['watch', 'support'], 'support', 'watch')).toBe('lower');
    expect(directionOf(['watch', 'support'], 'watch', 'watch')).toBe('same');
  });
});
