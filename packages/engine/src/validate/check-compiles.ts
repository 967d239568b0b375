import { compileRules } from '../compile/compile-rules';
import { EngineError } from '../engine-error';
import { toJreRule } from '../rule-set/compile-rule-set';
import type { Condition, JreRule, TopLevelCondition } from '../schema/condition-schema';
import type { RuleSet } from '../schema/rule-set-schema';
import { issue } from './messages';
import type { ValidationError } from './zod-issues';

type Path = readonly (string | number)[];

/** The compile error of `rules`, or undefined when they compile. Other errors are bugs: rethrown. */
function compileError(
  rules: readonly JreRule[],
  conditions: Readonly<Record<string, TopLevelCondition>>,
): EngineError | undefined {
  try {
    compileRules(rules, { conditions });
    return undefined;
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
}

/** Narrows a failing condition tree to its first failing leaf, so the pointer is precise. */
function locate(
  condition: Condition,
  path: Path,
  named: Readonly<Record<string, TopLevelCondition>>,
): { path: Path; error: EngineError } | undefined {
  const children: [Condition, Path][] =
    'all' in condition
      ? condition.all.map((c, i) => [c, [...path, 'all', i]])
      : 'any' in condition
        ? condition.any.map((c, i) => [c, [...path, 'any', i]])
        : 'not' in condition
          ? [[condition.not, [...path, 'not']]]
          : [];
  // A reference compiles its named condition, which is checked (and reported) on its own.
  if ('condition' in condition) return undefined;
  for (const [child, at] of children) {
    const found = locate(child, at, named);
    if (found) return found;
  }
  const root: TopLevelCondition = 'fact' in condition ? { all: [condition] } : condition;
  const error = compileError([{ conditions: root, event: { type: 'check' } }], named);
  return error && { path, error };
}

/**
 * Compiles every rule (disabled ones too: they may be enabled later) and every named condition,
 * so a rule set that validates can always be compiled. Runs after the semantic checks pass.
 */
export function checkCompiles(ruleSet: RuleSet): ValidationError[] {
  const named = ruleSet.conditions ?? {};
  const all = compileError(ruleSet.rules.map(toJreRule), named);
  if (!all) return [];
  const out: ValidationError[] = [];
  const report = (found: { path: Path; error: EngineError }): void => {
    out.push(issue.compileFailed(found.path, found.error.code, found.error.message));
  };
  for (const [name, condition] of Object.entries(named)) {
    const found = locate(condition, ['conditions', name], named);
    if (found) report(found);
  }
  ruleSet.rules.forEach((rule, i) => {
    const found = locate(rule.conditions, ['rules', i, 'conditions'], named);
    if (found) report(found);
    else {
      const error = compileError([toJreRule(rule)], named);
      if (error) report({ path: ['rules', i], error });
    }
  });
  if (out.length === 0) report({ path: [], error: all });
  return out;
}
