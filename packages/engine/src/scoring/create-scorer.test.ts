import { describe, expect, it } from 'vitest';
import { loadDemoRuleSet } from '../testing/demo-rule-set';
import { syntheticFacts } from '../testing/synthetic-facts';
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
      level: 'watch',
      outsideSchoolPoints: 0,
      firedRules: ['absence-15', 'absence-30'],
    });
    expect(score.abuse).toEqual({
      points: 7,
      level: 'watch',
      outsideSchoolPoints: 7,
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
    records.slice(0, 200).forEach((facts, c) => {
      const score = scorer.score(facts);
      scorer.ruleSet.types.forEach((type, t) => {
        expect(score[type.id]?.points).toBe(table.points[c * table.typeIds.length + t]);
      });
    });
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
