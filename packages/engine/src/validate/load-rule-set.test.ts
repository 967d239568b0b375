import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from './load-rule-set';

const demo = JSON.parse(
  readFileSync(new URL('../../../../rules/demo.rules.json', import.meta.url), 'utf8'),
) as Record<string, unknown> & {
  rules: {
    conditions: unknown;
    event: { type: string; params: { explanation: { ja: string } } };
  }[];
  facts: unknown[];
  types: { levels: { minPoints: number }[] }[];
};

function withChange(change: (doc: typeof demo) => void) {
  const doc = structuredClone(demo);
  change(doc);
  const loaded = loadRuleSet(doc);
  return loaded.ok ? [] : loaded.errors.map((e) => ({ path: e.path, code: e.code }));
}

describe('loadRuleSet', () => {
  it('accepts the demo rule set', () => {
    expect(withChange(() => {})).toEqual([]);
  });

  it.each([
    [
      'a missing value',
      (d: typeof demo) =>
        (d.rules[3]!.conditions = { all: [{ fact: 'school.absenceDays', operator: 'equal' }] }),
      '/rules/3/conditions/all/0/value',
      'required',
    ],
    [
      'an unknown operator',
      (d: typeof demo) =>
        (d.rules[3]!.conditions = {
          all: [{ fact: 'school.absenceDays', operator: 'greaterThen', value: 1 }],
        }),
      '/rules/3/conditions/all/0/operator',
      'unknown_operator',
    ],
    [
      'a typo in a key',
      (d: typeof demo) =>
        (d.rules[3]!.conditions = { all: [{ fakt: 'x', operator: 'equal', value: 1 }] }),
      '/rules/3/conditions/all/0',
      'invalid_shape',
    ],
    [
      'an unknown fact',
      (d: typeof demo) =>
        (d.rules[3]!.conditions = { all: [{ fact: 'school.nope', operator: 'equal', value: 1 }] }),
      '/rules/3/conditions/all/0/fact',
      'unknown_fact',
    ],
    [
      'a numeric operator on a code fact',
      (d: typeof demo) =>
        (d.rules[3]!.conditions = {
          all: [{ any: [{ fact: 'school.schoolAid', operator: 'lessThan', value: 1 }] }],
        }),
      '/rules/3/conditions/all/0/any/0/operator',
      'operator_type_mismatch',
    ],
    [
      'a value outside allowedValues',
      (d: typeof demo) =>
        (d.rules[3]!.conditions = {
          all: [{ fact: 'school.schoolAid', operator: 'in', value: ['要保護', '保護'] }],
        }),
      '/rules/3/conditions/all/0/value/1',
      'value_not_allowed',
    ],
    [
      'a string compared with a number fact',
      (d: typeof demo) =>
        (d.rules[3]!.conditions = {
          all: [{ fact: 'school.absenceDays', operator: 'equal', value: '3' }],
        }),
      '/rules/3/conditions/all/0/value',
      'value_type_mismatch',
    ],
    [
      'a duplicate rule id',
      (d: typeof demo) => ((d.rules[4] as unknown as { id: string }).id = 'abuse-youtaikyo'),
      '/rules/4/id',
      'duplicate_id',
    ],
    [
      'an undeclared event type',
      (d: typeof demo) => (d.rules[2]!.event.type = 'isolation'),
      '/rules/2/event/type',
      'unknown_type',
    ],
    [
      'an unknown named condition',
      (d: typeof demo) => (d.rules[2]!.conditions = { all: [{ condition: 'nope' }] }),
      '/rules/2/conditions/all/0/condition',
      'unknown_condition',
    ],
    [
      'a placeholder naming an unknown fact',
      (d: typeof demo) => (d.rules[2]!.event.params.explanation.ja = '{{fact:school.nope}}'),
      '/rules/2/event/params/explanation/ja',
      'unknown_placeholder',
    ],
    [
      'contradictory ranges',
      (d: typeof demo) =>
        (d.rules[2]!.conditions = {
          all: [
            { fact: 'school.absenceDays', operator: 'lessThan', value: 5 },
            { fact: 'school.absenceDays', operator: 'greaterThan', value: 10 },
          ],
        }),
      '/rules/2/conditions',
      'unreachable',
    ],
    [
      'not of an empty any',
      (d: typeof demo) =>
        (d.rules[2]!.conditions = {
          all: [
            { fact: 'school.absenceDays', operator: 'lessThan', value: 5 },
            { not: { any: [] } },
          ],
        }),
      '/rules/2/conditions',
      'unreachable',
    ],
    [
      'an empty any (true in json-rules-engine)',
      (d: typeof demo) => (d.rules[2]!.conditions = { any: [] }),
      '/rules/2/conditions',
      'always_true',
    ],
    [
      'levels out of order',
      (d: typeof demo) => (d.types[0]!.levels[1]!.minPoints = 1),
      '/types/0/levels/1/minPoints',
      'level_order',
    ],
  ])('reports %s with a JSON pointer', (_name, change, path, code) => {
    expect(withChange(change)).toContainEqual({ path, code });
  });

  it('gives every error a Japanese message', () => {
    const loaded = loadRuleSet({ ...demo, rules: [{ id: 'X' }] });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok)
      for (const error of loaded.errors) expect(error.messageJa.length).toBeGreaterThan(0);
  });
});
