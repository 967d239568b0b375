import { describe, expect, it } from 'vitest';
import { createRandom, customDecorators, customOperators, randomFacts, randomRuleSet } from '../testing/random-cases';
import { createBatchTest } from './batch-test';
import { compileRules } from './compile-rules';
import { extractSlots } from './fact-reader';

describe('column-wise evaluation', () => {
  it('agrees with row-wise evaluation on random rules that cannot throw', () => {
    const random = createRandom(99);
    let checked = 0;
    for (let s = 0; s < 300; s += 1) {
      const { rules, conditions } = randomRuleSet(random);
      const compiled = compileRules(rules, { conditions, operators: customOperators, decorators: customDecorators });
      const rows = Array.from({ length: 64 }, () => randomFacts(random));
      const columns = compiled.factIds.map((id) => rows.map((row) => (Object.hasOwn(row, id) ? row[id] : undefined)));
      for (const rule of compiled.rules) {
        if (rule.root.mayThrow) continue;
        const out = new Uint8Array(64);
        createBatchTest(rule.root, 64)(columns, 0, 64, out);
        rows.forEach((row, i) => {
          expect(out[i] === 1).toBe(rule.test(extractSlots(compiled.factIds, row, [])));
        });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });
});
