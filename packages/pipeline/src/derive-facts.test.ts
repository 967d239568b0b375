import { describe, expect, it } from 'vitest';
import { mergeLinked } from './derive-facts';

const linked = 'linked' as const;

describe('mergeLinked', () => {
  it("takes a child's only record as is, with its facts text", () => {
    const facts = { 'school.absenceDays': 3 };
    const merged = mergeLinked([
      { linkStatus: linked, childId: 'c_a', facts, factsJson: JSON.stringify(facts), context: {} },
    ]);
    expect(merged.facts.get('c_a')).toEqual(facts);
    expect(merged.factsJson.get('c_a')).toBe('{"school.absenceDays":3}');
  });

  it('merges later records over earlier ones without touching the records, dropping the text', () => {
    const first = { 'school.absenceDays': 3, 'school.lateDays': 1 };
    const second = { 'school.absenceDays': 5 };
    const third = { 'school.nurseVisits': 2 };
    const records = [first, second, third].map((facts, i) => ({
      linkStatus: linked,
      childId: 'c_a',
      facts,
      factsJson: JSON.stringify(facts),
      context: i === 0 ? { school: 'S1', grade: 2 } : { grade: 3 },
    }));
    const merged = mergeLinked(records);
    expect(merged.facts.get('c_a')).toEqual({
      'school.absenceDays': 5,
      'school.lateDays': 1,
      'school.nurseVisits': 2,
    });
    expect(merged.context.get('c_a')).toEqual({ school: 'S1', grade: 3 });
    expect(merged.factsJson.has('c_a')).toBe(false);
    expect(first).toEqual({ 'school.absenceDays': 3, 'school.lateDays': 1 });
    expect(records[0]?.context).toEqual({ school: 'S1', grade: 2 });
    expect([...merged.owned].sort()).toEqual(['grade', 'school']);
  });

  it('skips records that are not linked to a child', () => {
    const merged = mergeLinked([
      { linkStatus: 'unmatched', childId: null, facts: { x: 1 }, context: {} },
      { linkStatus: 'ambiguous', childId: null, facts: { x: 2 }, context: {} },
    ]);
    expect(merged.facts.size).toBe(0);
  });
});
