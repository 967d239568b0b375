import { describe, expect, it } from 'vitest';
import { compileRules } from '../compile/compile-rules';
import {
  createRandom,
  customDecorators,
  customOperators,
  randomFactIds,
  randomFacts,
  randomRuleSet,
  randomTypedFacts,
  typedKinds,
} from '../testing/random-cases';
import { firedByTable } from '../testing/table-check';
import { blockSize } from './evaluate-table';

describe('createTableEvaluator', () => {
  it('agrees with the row path over several blocks (typed and mixed columns)', () => {
    const random = createRandom(7);
    const rows = blockSize * 2 + 77; // full blocks, then a partial block ending mid-word
    let checked = 0;
    for (let s = 0; s < 40; s += 1) {
      const { rules, conditions } = randomRuleSet(random);
      const compiled = compileRules(rules, {
        conditions,
        operators: customOperators,
        decorators: customDecorators,
      });
      const kinds = Object.fromEntries(randomFactIds.map((id) => [id, random.pick(typedKinds)]));
      const mixed = s % 4 === 0;
      const records = Array.from({ length: rows }, () =>
        mixed ? randomFacts(random) : randomTypedFacts(random, kinds),
      );
      let expected: number[][];
      try {
        expected = records.map((facts) => compiled.fired(facts).map((plan) => plan.index));
      } catch {
        // Some row rejects (as json-rules-engine would): the table path must reject too.
        expect(() => firedByTable(compiled, records)).toThrow();
        continue;
      }
      expect(firedByTable(compiled, records)).toEqual(expected);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(30);
  });
});
