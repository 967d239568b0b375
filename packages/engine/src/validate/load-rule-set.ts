import { ruleSetSchema, type RuleSet } from '../schema/rule-set-schema';
import { checkCompiles } from './check-compiles';
import { checkRuleSet } from './check-rule-set';
import { flattenZodError, type ValidationError } from './zod-issues';

/** Outcome of {@link loadRuleSet}: the parsed rule set, or every problem found. */
export type LoadRuleSetResult =
  | { readonly ok: true; readonly ruleSet: RuleSet }
  | { readonly ok: false; readonly errors: readonly ValidationError[] };

/**
 * Parses and validates a rule-set document: shape (zod), then facts, operators, values, ids,
 * named conditions, templates and constant conditions; finally it compiles every rule, so a rule set
 * accepted here never fails in `compileRuleSet`. Errors carry JSON pointers.
 *
 * @example
 * const loaded = loadRuleSet(JSON.parse(text));
 * if (!loaded.ok) for (const e of loaded.errors) console.error(e.path, e.message);
 */
export function loadRuleSet(json: unknown): LoadRuleSetResult {
  const parsed = ruleSetSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: flattenZodError(parsed.error, json) };
  const checked = checkRuleSet(parsed.data);
  const errors = checked.length > 0 ? checked : checkCompiles(parsed.data);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, ruleSet: parsed.data };
}
