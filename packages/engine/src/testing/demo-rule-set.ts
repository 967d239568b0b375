import { readFileSync } from 'node:fs';
import { loadRuleSet } from '../validate/load-rule-set';
import type { RuleSet } from '../schema/rule-set-schema';

/** Loads rules/demo.rules.json (tests and bench). */
export function loadDemoRuleSet(): RuleSet {
  const json: unknown = JSON.parse(
    readFileSync(new URL('../../../../rules/demo.rules.json', import.meta.url), 'utf8'),
  );
  const loaded = loadRuleSet(json);
  if (!loaded.ok) throw new Error(`demo rule set invalid: ${JSON.stringify(loaded.errors)}`);
  return loaded.ruleSet;
}
