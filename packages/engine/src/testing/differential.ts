// Test-only: runs generated rule sets through json-rules-engine and the compiler and compares.
import { compileRules } from '../compile/compile-rules';
import { createOracle } from './jre-oracle';
import {
  createRandom,
  customDecorators,
  customOperators,
  randomFacts,
  randomRuleSet,
} from './random-cases';

/** Summary of a differential run; `mismatches` holds reproducible details of the first few. */
export interface DifferentialReport {
  cases: number;
  rejected: number;
  multiEvent: number;
  mismatches: string[];
}

/** Runs `ruleSets` random rule sets × `factsPerSet` random fact records from `seed`. */
export async function runDifferential(
  seed: number,
  ruleSets: number,
  factsPerSet: number,
): Promise<DifferentialReport> {
  const random = createRandom(seed);
  const report: DifferentialReport = { cases: 0, rejected: 0, multiEvent: 0, mismatches: [] };
  const options = { operators: customOperators, decorators: customDecorators };
  for (let s = 0; s < ruleSets; s += 1) {
    const { rules, conditions } = randomRuleSet(random);
    const oracle = createOracle(rules, { ...options, conditions });
    const compiled = compileRules(rules, { ...options, conditions });
    for (let k = 0; k < factsPerSet; k += 1) {
      const facts = randomFacts(random);
      const expected = await oracle(facts);
      let actual: string;
      try {
        actual = JSON.stringify(compiled.evaluate(facts).events);
      } catch (error) {
        actual = `rejected: ${String(error)}`;
      }
      report.cases += 1;
      if (!expected.ok) report.rejected += 1;
      else if (expected.events.length > 1) report.multiEvent += 1;
      const same = expected.ok
        ? actual === JSON.stringify(expected.events)
        : actual.startsWith('rejected');
      if (!same && report.mismatches.length < 5) {
        const want = expected.ok ? JSON.stringify(expected.events) : expected.error;
        report.mismatches.push(
          `seed ${seed} set ${s} case ${k}\nrules ${JSON.stringify({ rules, conditions })}\nfacts ${JSON.stringify(facts)}\njson-rules-engine ${want}\nours ${actual}`,
        );
      }
    }
  }
  return report;
}
