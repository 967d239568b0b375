import { describe, expect, it } from 'vitest';
import { EngineError } from '../engine-error';
import type { JreRule } from '../schema/condition-schema';
import { createOracle } from '../testing/jre-oracle';
import { compileRules, type CompileOptions } from './compile-rules';

async function both(
  rules: JreRule[],
  facts: Record<string, unknown>,
  options: CompileOptions = {},
) {
  const expected = await createOracle(rules, options)(facts);
  const ours = compileRules(rules, options).evaluate(facts).events;
  return { expected, ours };
}
const rule = (conditions: JreRule['conditions'], type = 'hit', priority?: number): JreRule =>
  priority === undefined
    ? { conditions, event: { type } }
    : { conditions, event: { type }, priority };

describe('compileRules matches json-rules-engine 7.3', () => {
  it.each([
    ['empty any is true', { any: [] }, {}],
    ['empty all is true', { all: [] }, {}],
    ['not of empty any is false', { not: { any: [] } }, {}],
    [
      'numeric-looking string passes the number check',
      { all: [{ fact: 'n', operator: 'greaterThan', value: 10 }] },
      { n: '12' },
    ],
    [
      '"12abc" passes parseFloat but compares as NaN',
      { all: [{ fact: 'n', operator: 'greaterThan', value: 10 }] },
      { n: '12abc' },
    ],
    [
      'path on a non-object yields the value itself',
      { all: [{ fact: 'n', path: '$.a', operator: 'equal', value: 5 }] },
      { n: 5 },
    ],
    [
      'params are ignored for static facts',
      { all: [{ fact: 'n', params: { x: 1 }, operator: 'equal', value: 5 }] },
      { n: 5 },
    ],
    [
      'in on a string is a substring test',
      { all: [{ fact: 'w', operator: 'in', value: 'undefined!' }] },
      {},
    ],
    [
      'inherited names are not facts',
      { all: [{ fact: 'constructor', operator: 'in', value: 'undefined' }] },
      {},
    ],
    [
      'fact-to-fact with paths',
      {
        all: [{ fact: 'a', path: '$.x', operator: 'lessThan', value: { fact: 'b', path: '$[1]' } }],
      },
      { a: { x: 1 }, b: [0, 2] },
    ],
    [
      'decorator chain everyFact:not:equal',
      { all: [{ fact: 'a', operator: 'everyFact:not:equal', value: 3 }] },
      { a: [1, 2] },
    ],
    [
      'swap:in with an array fact',
      { all: [{ fact: 'a', operator: 'swap:in', value: 2 }] },
      { a: [1, 2] },
    ],
  ] satisfies [string, JreRule['conditions'], Record<string, unknown>][])(
    '%s',
    async (_name, conditions, facts) => {
      const { expected, ours } = await both([rule(conditions)], facts);
      expect(expected.ok).toBe(true);
      expect(ours).toEqual(expected.ok ? expected.events : undefined);
    },
  );

  it('orders events by priority, then by json-rules-engine settle order', async () => {
    const rules = [
      rule({ all: [{ fact: 'o', path: '$.x', operator: 'equal', value: 1 }] }, 'slow-path'),
      rule({ all: [] }, 'instant'),
      rule({ all: [{ fact: 'o', operator: 'notEqual', value: 1 }] }, 'leaf'),
      rule({ all: [{ fact: 'o', operator: 'notEqual', value: 1 }] }, 'high', 2),
    ];
    const { expected, ours } = await both(rules, { o: { x: 1 } });
    expect(ours.map((e) => e.type)).toEqual(['high', 'instant', 'leaf', 'slow-path']);
    expect(expected).toEqual({ ok: true, events: ours });
  });

  it('throws where json-rules-engine rejects (in against a number)', async () => {
    const rules = [rule({ all: [{ fact: 'a', operator: 'in', value: { fact: 'b' } }] })];
    const { expected } = await both(rules, { a: 1 }).catch(() => ({ expected: undefined }));
    expect(expected).toBeUndefined();
    expect((await createOracle(rules)({ a: 1, b: 5 })).ok).toBe(false);
    expect(() => compileRules(rules).evaluate({ a: 1, b: 5 })).toThrow(EngineError);
  });

  it('supports custom operators and decorators', async () => {
    const options: CompileOptions = {
      operators: {
        startsWith: (a, b) => typeof a === 'string' && typeof b === 'string' && a.startsWith(b),
      },
      decorators: { orZero: (fv, jv, next) => next(fv ?? 0, jv) },
    };
    const rules = [
      rule({
        all: [
          { fact: 'w', operator: 'startsWith', value: 'ab' },
          { fact: 'n', operator: 'orZero:equal', value: 0 },
        ],
      }),
    ];
    const { expected, ours } = await both(rules, { w: 'abc' }, options);
    expect(ours).toEqual([{ type: 'hit' }]);
    expect(expected).toEqual({ ok: true, events: ours });
  });

  it('refuses unknown operators, unknown or cyclic named conditions and unsupported paths', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof EngineError ? error.code : 'other';
      }
      return 'none';
    };
    expect(
      code(() => compileRules([rule({ all: [{ fact: 'a', operator: 'nope', value: 1 }] })])),
    ).toBe('unknown_operator');
    expect(code(() => compileRules([rule({ condition: 'x' })]))).toBe('unknown_condition');
    expect(
      code(() =>
        compileRules([rule({ condition: 'x' })], { conditions: { x: { condition: 'x' } } }),
      ),
    ).toBe('condition_cycle');
    expect(
      code(() =>
        compileRules([rule({ all: [{ fact: 'a', path: '$..b', operator: 'equal', value: 1 }] })]),
      ),
    ).toBe('unsupported_path');
    expect(code(() => compileRules([{ conditions: { all: [] } } as never]))).toBe('invalid_rules');
  });
});
