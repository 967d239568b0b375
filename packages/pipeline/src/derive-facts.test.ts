import { describe, expect, it } from 'vitest';
import { mergeLinked } from './derive-facts';

const linked = 'linked' as const;

/** What a merged child holds (its class keeps more: the record it reads its facts from). */
function held(children: ReturnType<typeof mergeLinked>['children']) {
  return children.map(({ id, facts, factsJson, context }) => ({ id, facts, factsJson, context }));
}

describe('mergeLinked', () => {
  it("takes a child's only record as is, with its facts text", () => {
    const facts = { 'school.absenceDays': 3 };
    const merged = mergeLinked([
      { linkStatus: linked, childId: 'c_a', facts, factsJson: JSON.stringify(facts), context: {} },
    ]);
    expect(held(merged.children)).toEqual([
      { id: 'c_a', facts, factsJson: '{"school.absenceDays":3}', context: {} },
    ]);
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
    expect(held(merged.children)).toEqual([
      {
        id: 'c_a',
        facts: { 'school.absenceDays': 5, 'school.lateDays': 1, 'school.nurseVisits': 2 },
        factsJson: undefined,
        context: { school: 'S1', grade: 3 },
      },
    ]);
    expect(first).toEqual({ 'school.absenceDays': 3, 'school.lateDays': 1 });
    expect(records[0]?.context).toEqual({ school: 'S1', grade: 2 });
    expect([...merged.owned].sort()).toEqual(['grade', 'school']);
  });

  it('skips records that are not linked to a child', () => {
    const merged = mergeLinked([
      { linkStatus: 'unmatched', childId: null, facts: { x: 1 }, context: {} },
      { linkStatus: 'ambiguous', childId: null, facts: { x: 2 }, context: {} },
    ]);
    expect(held(merged.children)).toEqual([]);
  });

  it('merges the records of a child wherever they are, in child order or not', () => {
    const records = [
      { childId: 'c_b', facts: { x: 1 }, context: { school: 'S2' } },
      { childId: 'c_a', facts: { x: 2 }, context: {} },
      { childId: 'c_b', facts: { y: 3 }, context: { grade: 4 } },
    ].map((r) => ({ ...r, linkStatus: linked }));
    const expected = [
      {
        id: 'c_b',
        facts: { x: 1, y: 3 },
        factsJson: undefined,
        context: { school: 'S2', grade: 4 },
      },
      { id: 'c_a', facts: { x: 2 }, factsJson: undefined, context: {} },
    ];
    expect(held(mergeLinked(records).children)).toEqual(expected);
    // The same records in child order take the one-pass path and give the same children.
    const sorted = [records[1], records[0], records[2]] as typeof records;
    expect(held(mergeLinked(sorted).children)).toEqual([expected[1], expected[0]]);
  });
});
