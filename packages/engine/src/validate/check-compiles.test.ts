import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRules } from '../compile/compile-rules';
import { builtinOperators } from '../compile/operators';
import { toJreRule } from '../rule-set/compile-rule-set';
import { ruleSetSchema, type RuleSet } from '../schema/rule-set-schema';
import { checkCompiles } from './check-compiles';
import { checkRuleSet } from './check-rule-set';
import { loadRuleSet } from './load-rule-set';

const demo = JSON.parse(
  readFileSync(new URL('../../../../rules/demo.rules.json', import.meta.url), 'utf8'),
) as RuleSet;

function withLeaves(leaves: unknown[]): unknown {
  const doc = structuredClone(demo) as unknown as { rules: { conditions: unknown }[] };
  doc.rules[3]!.conditions = { all: leaves };
  return doc;
}

/** Compiles every rule, disabled ones included (they may be enabled later). */
function compileAll(ruleSet: RuleSet): void {
  compileRules(ruleSet.rules.map(toJreRule), { conditions: ruleSet.conditions ?? {} });
}

const lateCount = (path: unknown) => ({
  fact: 'school.absenceDays',
  operator: 'greaterThan',
  value: { fact: 'school.lateCount', path },
});

describe('a fact-to-fact value.path', () => {
  it.each([
    ['$..x', 'unsupported_path'],
    [5, 'invalid_type'],
    ['', 'invalid_type'],
    ['$.x', 'path_on_scalar'],
  ])('%j is refused with a pointer (%s)', (path, code) => {
    const loaded = loadRuleSet(withLeaves([lateCount(path)]));
    expect(loaded.ok ? [] : loaded.errors.map((e) => ({ path: e.path, code: e.code }))).toEqual([
      { path: '/rules/3/conditions/all/0/value/path', code },
    ]);
  });
});

describe('checkCompiles', () => {
  it('turns a compile error into an issue pointing at the leaf', () => {
    // Bypasses checkRuleSet, as a future gap between validator and compiler would.
    const ruleSet = ruleSetSchema.parse(
      withLeaves([{ fact: 'school.lateCount', operator: 'equal', value: 1 }, lateCount('$..x')]),
    );
    expect(checkCompiles(ruleSet)).toEqual([
      expect.objectContaining({ path: '/rules/3/conditions/all/1', code: 'unsupported_path' }),
    ]);
  });

  it('accepts the demo rule set', () => {
    expect(checkCompiles(ruleSetSchema.parse(demo))).toEqual([]);
  });
});

const factIds = [...demo.facts.map((f) => f.id), 'school.nope'];
const pathArb = fc.constantFrom<unknown>(
  '$',
  '$.x',
  "$['x']",
  '$[0]',
  '$..x',
  '$.*',
  '',
  'x',
  5,
  null,
);
const valueArb = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.record(
    { fact: fc.oneof(fc.constantFrom(...factIds), fc.jsonValue({ maxDepth: 1 })), path: pathArb },
    { requiredKeys: ['fact'] },
  ),
);
const leafArb = fc.record(
  {
    fact: fc.constantFrom(...factIds),
    operator: fc.constantFrom(
      ...builtinOperators,
      'not:equal',
      'someValue:equal',
      'everyFact:in',
      'swap:lessThan',
    ),
    value: valueArb,
    path: pathArb,
  },
  { requiredKeys: ['fact', 'operator', 'value'] },
);

describe('every rule set that validates also compiles', () => {
  it('holds for random leaves (the validator alone, and loadRuleSet)', () => {
    fc.assert(
      fc.property(fc.array(leafArb, { minLength: 1, maxLength: 3 }), (leaves) => {
        const doc = withLeaves(leaves);
        const parsed = ruleSetSchema.safeParse(doc);
        if (parsed.success && checkRuleSet(parsed.data).length === 0)
          expect(() => compileAll(parsed.data)).not.toThrow();
        const loaded = loadRuleSet(doc);
        if (loaded.ok) expect(() => compileAll(loaded.ruleSet)).not.toThrow();
      }),
      { numRuns: 500, seed: 20240601 },
    );
  });

  it('holds for the rule sets in rules/', () => {
    const loaded = loadRuleSet(demo);
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(() => compileAll(loaded.ruleSet)).not.toThrow();
  });
});
