import { describe, expect, it } from 'vitest';
import { compileRules } from '../compile/compile-rules';
import { compileRuleSet } from '../rule-set/compile-rule-set';
import { loadDemoRuleSet } from '../testing/demo-rule-set';
import {
  createRandom,
  customDecorators,
  customOperators,
  randomFacts,
  randomRuleSet,
} from '../testing/random-cases';
import { explain } from './explain';
import { createExplainer } from './explain-child';
import { renderExplanation } from './render-explanation';

describe('explain', () => {
  it('explains every condition, marking what a short-circuit would skip', () => {
    const compiled = compileRules([
      {
        conditions: {
          all: [
            { fact: 'a', operator: 'equal', value: 1, priority: 2 },
            { fact: 'b', operator: 'lessThan', value: { fact: 'c' } },
          ],
        },
        event: { type: 'x' },
      },
    ]);
    const [rule] = explain(compiled, { a: 2, b: 1, c: 5 }).rules;
    expect(rule?.fired).toBe(false);
    expect(rule?.conditions).toEqual({
      kind: 'all',
      result: false,
      skipped: false,
      children: [
        {
          kind: 'fact',
          fact: 'a',
          path: undefined,
          factValue: 2,
          operator: 'equal',
          value: 1,
          expected: 1,
          result: false,
          skipped: false,
        },
        {
          kind: 'fact',
          fact: 'b',
          path: undefined,
          factValue: 1,
          operator: 'lessThan',
          value: { fact: 'c' },
          expected: 5,
          result: true,
          skipped: true,
        },
      ],
    });
  });

  it('agrees with evaluation on random rule sets', () => {
    const random = createRandom(3);
    const options = { operators: customOperators, decorators: customDecorators };
    for (let s = 0; s < 200; s += 1) {
      const { rules, conditions } = randomRuleSet(random);
      const compiled = compileRules(rules, { ...options, conditions });
      for (let k = 0; k < 20; k += 1) {
        const facts = randomFacts(random);
        let fired: number[];
        try {
          fired = compiled.fired(facts).map((r) => r.index);
        } catch {
          continue;
        }
        expect(
          explain(compiled, facts)
            .rules.filter((r) => r.fired)
            .map((r) => r.index),
        ).toEqual(fired);
      }
    }
  });

  it('renders reasons for a rule set, highest points first', () => {
    const explainChild = createExplainer(compileRuleSet(loadDemoRuleSet()));
    const { reasons } = explainChild({ 'school.absenceDays': 42 }, 'ja');
    expect(reasons.map((r) => r.text)).toEqual([
      '欠席日数 42日 (30日以上)',
      '欠席日数 42日 (15日以上)',
    ]);
  });
});

describe('renderExplanation', () => {
  const catalogue = loadDemoRuleSet().facts;
  it('fills placeholders with units, without doubling a unit the template already has', () => {
    const facts = { 'school.absenceDays': 42 };
    expect(
      renderExplanation(
        { ja: '欠席日数 {{fact:school.absenceDays}}日 が 30日以上' },
        facts,
        'ja',
        catalogue,
      ),
    ).toBe('欠席日数 42日 が 30日以上');
    expect(
      renderExplanation('欠席日数 {{fact:school.absenceDays}} ≥ 30日', facts, 'ja', catalogue),
    ).toBe('欠席日数 42日 ≥ 30日');
  });
  it('formats booleans, decimals, missing values and falls back to Japanese', () => {
    const facts = { 'roster.singleParent': true, 'nursery.absenceDaysPerMonth': 5.333 };
    expect(
      renderExplanation(
        {
          ja: '{{fact:roster.singleParent}} {{fact:nursery.absenceDaysPerMonth}} {{fact:school.lateCount}}',
        },
        facts,
        'en',
        catalogue,
      ),
    ).toBe('はい 5.33日 (データなし)');
    expect(
      renderExplanation(
        { ja: 'x', en: '{{fact:roster.singleParent}} {{fact:school.lateCount}}' },
        facts,
        'en',
        catalogue,
      ),
    ).toBe('yes (no data)');
  });
});
