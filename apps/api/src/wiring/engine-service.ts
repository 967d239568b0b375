import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadRuleSet, ruleCasesSchema, runCases, type RuleCase } from '@mimamori/engine';
import type { RuleEngine } from '../deps';
import { diffRuleSets } from './rule-set-diff';
import { simulateChild } from './simulate-child';

/** Where a rule set's test cases come from (`undefined`: the rule set has none). */
export type CaseSource = (ruleSetId: string) => Promise<readonly RuleCase[] | undefined>;

/**
 * Test cases live beside the rule files, not in the document (whose schema is strict):
 * `<rulesDir>/<id>.cases.json`, the same file CI runs. A draft is tested against the cases of
 * its rule set, so a rule editor sees at once whether a change breaks an agreed case.
 */
export function casesFromDirectory(rulesDir: string): CaseSource {
  return async function readCases(ruleSetId) {
    if (!/^[a-z][a-z0-9_-]*$/.test(ruleSetId)) return undefined;
    let text: string;
    try {
      text = await readFile(join(rulesDir, `${ruleSetId}.cases.json`), 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
      throw error;
    }
    return ruleCasesSchema.parse(JSON.parse(text));
  };
}

/** The engine as the API uses it: validation, test cases, readable diffs, one-child simulation. */
export function createEngineService(cases: CaseSource): RuleEngine {
  return {
    validate(document) {
      const loaded = loadRuleSet(document);
      return loaded.ok ? { ok: true, errors: [] } : { ok: false, errors: [...loaded.errors] };
    },
    async test(ruleSetId, document) {
      const loaded = loadRuleSet(document);
      if (!loaded.ok) {
        return [
          {
            name: 'rule set validates',
            passed: false,
            diff: loaded.errors.map((e) => `${e.path}: ${e.message}`),
          },
        ];
      }
      const list = (await cases(ruleSetId)) ?? [];
      return runCases(loaded.ruleSet, list).map((r) => ({
        name: r.name,
        passed: r.pass,
        diff: r.pass ? null : r.diffs,
      }));
    },
    diff: diffRuleSets,
    simulate: simulateChild,
  };
}
