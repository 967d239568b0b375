import { describe, expect, it } from 'vitest';
import { loadDemoRuleSet } from '../testing/demo-rule-set';
import { syntheticFacts } from '../testing/synthetic-facts';
import { createFactTable } from '../columnar/fact-table';
import { toJreRule } from '../rule-set/compile-rule-set';
import { createOracle } from '../testing/jre-oracle';
import { createScorer } from './create-scorer';
import { rankWithinGroups } from './rank';

const scorer = createScorer(loadDemoRuleSet());

describe('createScorer', () => {
  it('sums points per type, picks levels and the outside-school sub-score', () => {
    const score = scorer.score({
      'school.absenceDays': 42,
      'welfare.youtaikyoRegistered': true,
      'health.checkupsMissed': 1,
    });
    expect(score.bullying_absence).toEqual({
      points: 7,
      level: null,
      outsideSchoolPoints: 0,
      firedRules: ['absence-15', 'absence-30'],
    });
    expect(score.abuse).toEqual({
      points: 11,
      level: 'watch',
      outsideSchoolPoints: 11,
      firedRules: ['abuse-youtaikyo', 'abuse-checkup-missed'],
    });
    expect(score.poverty?.level).toBeNull();
  });

  it('moves thresholds without recompiling', () => {
    const facts = { 'school.absenceDays': 42 };
    expect(
      scorer.score(facts, { levels: { bullying_absence: { watch: 8 } } }).bullying_absence?.level,
    ).toBeNull();
    expect(
      scorer.score(facts, { levels: { bullying_absence: { support: 7 } } }).bullying_absence?.level,
    ).toBe('support');
  });

  it('gives the same table for records and columns, and matches score()', () => {
    const records = syntheticFacts(3000, 5);
    const table = scorer.scoreBatch(records);
    const columns = Object.fromEntries(
      scorer.compiled.factIds.map((id) => [id, records.map((r) => r[id])]),
    );
    expect(scorer.scoreColumns({ count: records.length, columns })).toEqual(table);
    expect(scorer.scoreTable(createFactTable(records))).toEqual(table);
    records.forEach((facts, c) => {
      const score = scorer.score(facts);
      scorer.ruleSet.types.forEach((type, t) => {
        const slot = c * table.typeIds.length + t;
        expect(score[type.id]?.points).toBe(table.points[slot]);
        expect(score[type.id]?.outsideSchoolPoints).toBe(table.outsideSchoolPoints[slot]);
        const level = table.levels[slot] as number;
        expect(score[type.id]?.level ?? null).toBe(level < 0 ? null : type.levels[level]?.id);
      });
    });
  });

  it('fires the rules json-rules-engine fires (scoreBatch: the fact-table path)', async () => {
    const records = syntheticFacts(400, 9);
    // Numeric-looking strings, nulls and explicit undefineds as a spreadsheet import might leave them.
    records.forEach((facts, i) => {
      const days = facts['school.absenceDays'];
      if (i % 7 === 0 && typeof days === 'number') facts['school.absenceDays'] = String(days);
      if (i % 11 === 0) facts['health.weightPercentile'] = null;
      if (i % 13 === 0) facts['roster.singleParent'] = undefined;
    });
    const oracle = createOracle(scorer.ruleSet.rules.map(toJreRule), {
      conditions: scorer.ruleSet.conditions ?? {},
    });
    const table = scorer.scoreBatch(records);
    const ruleIds = scorer.rules.map((r) => r.rule.id);
    // Each rule's event is distinct (its params carry its own explanation).
    const ruleOfEvent = new Map(
      scorer.compiled.rules.map((plan, r) => [JSON.stringify(plan.event), ruleIds[r]]),
    );
    for (const [c, facts] of records.entries()) {
      const outcome = await oracle(facts);
      if (!outcome.ok) throw new Error(outcome.error);
      const expected = outcome.events.map((e) => ruleOfEvent.get(JSON.stringify(e))).sort();
      const fired = ruleIds.filter(
        (_, r) =>
          ((table.fired[c * table.wordsPerChild + (r >>> 5)] as number) & (1 << (r & 31))) !== 0,
      );
      expect(fired.sort()).toEqual(expected);
    }
  });

  it('ranks within school and within school+grade (competition ranking)', () => {
    const children = [
      { id: 'a', school: 's1', grade: 1, facts: { 'school.absenceDays': 42 } },
      { id: 'b', school: 's1', grade: 1, facts: { 'school.absenceDays': 40 } },
      { id: 'c', school: 's1', grade: 2, facts: { 'school.absenceDays': 20 } },
      { id: 'd', school: 's1', grade: 2, facts: {} },
      { id: 'e', facts: {} },
    ];
    const scored = scorer.scoreAll(children);
    expect(scored.map((c) => c.scores.bullying_absence?.rankInSchool)).toEqual([1, 1, 3, 4, null]);
    expect(scored.map((c) => c.scores.bullying_absence?.rankInGrade)).toEqual([1, 1, 1, 2, null]);
  });

  it('rankWithinGroups shares ranks on ties', () => {
    expect(rankWithinGroups([5, 9, 5, 1], () => 'g')).toEqual([2, 1, 2, 4]);
  });
});
