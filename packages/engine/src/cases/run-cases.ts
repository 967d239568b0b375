import { z } from 'zod';
import { compileRuleSet } from '../rule-set/compile-rule-set';
import type { RuleSet } from '../schema/rule-set-schema';
import { createScorer } from '../scoring/create-scorer';

/** A rule test: facts in, expected fired rule ids and levels out. */
export const ruleCaseSchema = z.strictObject({
  name: z.string().min(1),
  facts: z.record(z.string(), z.json()),
  expect: z.strictObject({
    /** Rule ids that fire, in any order. */
    events: z.array(z.string()).optional(),
    /** Per difficulty type: the level id, or null for none. */
    levels: z.record(z.string(), z.string().nullable()).optional(),
  }),
});
export type RuleCase = z.infer<typeof ruleCaseSchema>;
export const ruleCasesSchema = z.array(ruleCaseSchema);

/** Outcome of one case; `diffs` lists each mismatch in words. */
export interface CaseResult {
  readonly name: string;
  readonly pass: boolean;
  readonly diffs: readonly string[];
}

/**
 * Runs a rule set's test cases.
 *
 * @example
 * const results = runCases(ruleSet, cases);
 * results.filter((r) => !r.pass).forEach((r) => console.error(r.name, r.diffs));
 */
export function runCases(ruleSet: RuleSet, cases: readonly RuleCase[]): CaseResult[] {
  const compiled = compileRuleSet(ruleSet);
  const scorer = createScorer(ruleSet);
  return cases.map((testCase) => {
    const diffs: string[] = [];
    if (testCase.expect.events) {
      const fired = new Set(compiled.compiled.fired(testCase.facts).map((r) => r.name as string));
      const expected = new Set(testCase.expect.events);
      for (const id of expected) if (!fired.has(id)) diffs.push(`expected rule "${id}" to fire`);
      for (const id of fired) if (!expected.has(id)) diffs.push(`rule "${id}" fired unexpectedly`);
    }
    if (testCase.expect.levels) {
      const score = scorer.score(testCase.facts);
      for (const [type, level] of Object.entries(testCase.expect.levels)) {
        const actual = score[type];
        if (!actual) diffs.push(`unknown type "${type}"`);
        else if (actual.level !== level)
          diffs.push(
            `${type}: expected level ${String(level)}, got ${String(actual.level)} (${actual.points} points)`,
          );
      }
    }
    return { name: testCase.name, pass: diffs.length === 0, diffs };
  });
}
