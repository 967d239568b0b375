import { describe, expect, it } from 'vitest';
import { ruleSetDiffSchema } from '../schemas/rule-sets';
import { diffRuleSets } from './rule-set-diff';

const facts = [
  {
    id: 'roster.movesLast3Years',
    label: { ja: '転居回数（過去3年）', en: 'Moves in 3 years' },
    type: 'number',
    unit: '回',
  },
  {
    id: 'roster.singleParent',
    label: { ja: 'ひとり親世帯', en: 'Single parent' },
    type: 'boolean',
  },
  {
    id: 'nursery.enrolment',
    label: { ja: '就園状況', en: 'Enrolment' },
    type: 'code',
  },
];
const types = [
  {
    id: 'poverty',
    label: { ja: '貧困', en: 'Poverty' },
    levels: [
      { id: 'watch', label: { ja: '見守り', en: 'Watch' }, minPoints: 10 },
      { id: 'support', label: { ja: '要支援', en: 'Support' }, minPoints: 18 },
    ],
  },
];
const moves = { fact: 'roster.movesLast3Years', operator: 'greaterThanInclusive', value: 2 };

function document(rules: unknown[], minWatch = 10) {
  const [poverty] = types;
  return {
    facts,
    types: [
      { ...poverty, levels: [{ ...poverty!.levels[0], minPoints: minWatch }, poverty!.levels[1]] },
    ],
    rules,
  };
}

function rule(id: string, conditions: unknown, points = 3) {
  return {
    id,
    name: { ja: `${id} の名前`, en: id },
    conditions,
    event: { type: 'poverty', params: { points, explanation: { ja: '説明' }, rationale: '根拠' } },
  };
}

describe('diffRuleSets', () => {
  it('reads an added condition as words: fact label, value with unit, operator', () => {
    const before = document([rule('moves', { all: [moves] })]);
    const after = document([
      rule('moves', {
        all: [moves, { fact: 'roster.movesLast3Years', operator: 'lessThanInclusive', value: 9 }],
      }),
    ]);
    const diff = diffRuleSets(before, after);
    expect(diff.rules.changed).toEqual([
      {
        id: 'moves',
        name: 'moves の名前',
        changes: [
          {
            field: '条件を追加（すべて › 2番目）',
            path: 'conditions.all[1]',
            from: null,
            to: '転居回数（過去3年） 9回以下',
          },
        ],
      },
    ]);
    expect(ruleSetDiffSchema.parse(diff)).toEqual(diff);
  });

  it('reads nested groups as すべて／いずれか／否定, never as JSON', () => {
    const nested = {
      any: [
        { fact: 'roster.singleParent', operator: 'equal', value: true },
        { not: { fact: 'nursery.enrolment', operator: 'in', value: ['保育所', '幼稚園'] } },
      ],
    };
    const diff = diffRuleSets(
      document([rule('r', { all: [moves] })]),
      document([rule('r', { all: [moves, nested] })]),
    );
    const [change] = diff.rules.changed[0]!.changes;
    expect(change!.to).toBe(
      'いずれか（ひとり親世帯 はい、否定（就園状況 「保育所」・「幼稚園」のいずれか））',
    );
    expect(JSON.stringify(diff)).not.toMatch(/\\"fact\\"|\{\\"/);
  });

  it('shows a changed and a removed condition with both sides in words', () => {
    const diff = diffRuleSets(
      document([
        rule('r', {
          all: [moves, { fact: 'roster.singleParent', operator: 'equal', value: true }],
        }),
      ]),
      document([rule('r', { all: [{ ...moves, value: 3 }] })]),
    );
    expect(diff.rules.changed[0]!.changes).toEqual([
      {
        field: '条件を変更（すべて › 1番目）',
        path: 'conditions.all[0]',
        from: '転居回数（過去3年） 2回以上',
        to: '転居回数（過去3年） 3回以上',
      },
      {
        field: '条件を削除（すべて › 2番目）',
        path: 'conditions.all[1]',
        from: 'ひとり親世帯 はい',
        to: null,
      },
    ]);
  });

  it('names other fields in words and keeps their exact path', () => {
    const diff = diffRuleSets(
      document([rule('r', { all: [moves] }, 3)]),
      document([rule('r', { all: [moves] }, 4)]),
    );
    expect(diff.rules.changed[0]!.changes).toEqual([
      { field: '点数', path: 'event.params.points', from: '3', to: '4' },
    ]);
  });

  it('labels moved thresholds with their type and level', () => {
    const diff = diffRuleSets(document([], 10), document([], 8));
    expect(diff.thresholds).toEqual([
      { type: 'poverty', level: 'watch', typeLabel: '貧困', levelLabel: '見守り', from: 10, to: 8 },
    ]);
  });

  it('lists added and removed rules with their names', () => {
    const diff = diffRuleSets(
      document([rule('old', { all: [moves] })]),
      document([rule('new', { all: [moves] })]),
    );
    expect(diff.rules.added).toEqual([{ id: 'new', name: 'new の名前' }]);
    expect(diff.rules.removed).toEqual([{ id: 'old', name: 'old の名前' }]);
  });

  it('tolerates documents that no longer validate', () => {
    expect(diffRuleSets(null, { rules: 'nope' })).toEqual({
      rules: { added: [], removed: [], changed: [] },
      thresholds: [],
    });
  });

  it('writes the same diff in English when asked: labels, operators before values', () => {
    const before = document([rule('moves', { all: [moves] })]);
    const after = document(
      [
        rule(
          'moves',
          {
            all: [
              moves,
              { fact: 'roster.movesLast3Years', operator: 'lessThanInclusive', value: 9 },
              { fact: 'roster.singleParent', operator: 'notEqual', value: true },
            ],
          },
          4,
        ),
      ],
      12,
    );
    const diff = diffRuleSets(before, after, 'en');
    expect(diff.rules.changed).toEqual([
      {
        id: 'moves',
        name: 'moves',
        changes: [
          {
            field: 'Condition added (all of › #2)',
            path: 'conditions.all[1]',
            from: null,
            to: 'Moves in 3 years ≤ 9',
          },
          {
            field: 'Condition added (all of › #3)',
            path: 'conditions.all[2]',
            from: null,
            to: 'Single parent: not yes',
          },
          { field: 'Points', path: 'event.params.points', from: '3', to: '4' },
        ],
      },
    ]);
    expect(diff.thresholds).toEqual([
      {
        type: 'poverty',
        level: 'watch',
        typeLabel: 'Poverty',
        levelLabel: 'Watch',
        from: 10,
        to: 12,
      },
    ]);
    // Japanese stays the default.
    expect(diffRuleSets(before, after).thresholds[0]?.levelLabel).toBe('見守り');
  });
});
